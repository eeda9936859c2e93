// What every tests/wildfire/generated/<tag>_test.cpp shares: the credentials of the seed's curl
// examples (secret 123456, nonce 76616, timestamp 1558350862502, hence one known sign), encoding a
// typed request, the signed-POST checks, the spec's examples (spec_examples.hpp) and a 200 reply.
// The robot and channel APIs (tags robot_service, channel_service) sign the same nonce and
// timestamp with the robot's or the channel's own secret and add its id (rid, cid).
#pragma once

#include "chatbind/wildfire.hpp"
#include "chatbind/wildfire/generated/spec_examples.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace chatbind_test::wildfire {

namespace wf = chatbind::wildfire;
using chatbind::ErrorKind;
using chatbind::HttpResponse;

inline constexpr std::string_view kBaseUrl = "http://im.example.test:18080";
/// hex(sha1("76616|123456|1558350862502")): the sign the seed's curl examples carry.
inline constexpr std::string_view kSign = "b98f9b0717f59febccf1440067a7f50d9b31bdde";

inline const wf::Credentials kCredentials{.secret = "123456",
                                          .base_url = std::string{kBaseUrl},
                                          .clock_ms = [] { return std::int64_t{1558350862502}; },
                                          .nonce = [] { return std::string{"76616"}; }};

/// The robot API's base URL: the IM server's client port, not the admin port.
inline constexpr std::string_view kImBaseUrl = "http://im.example.test";
/// hex(sha1("76616|robot-secret-FireRobot|1558350862502")), computed outside chatbind (Python's hashlib).
inline constexpr std::string_view kRobotSign = "cd70e6ff890fbb8092abbc220f76ba897d779318";
/// hex(sha1("76616|channel-secret-channel1|1558350862502")), computed the same way.
inline constexpr std::string_view kChannelSign = "e2800fe78f0b7d82e262bb3e3b9e429368ffdf5a";

/// The robot of the spec's robot examples (FireRobot), its own secret, the same clock and nonce.
inline const wf::RobotCredentials kRobotCredentials{.robot_id = "FireRobot",
                                                    .secret = "robot-secret-FireRobot",
                                                    .base_url = std::string{kImBaseUrl},
                                                    .clock_ms = [] { return std::int64_t{1558350862502}; },
                                                    .nonce = [] { return std::string{"76616"}; }};

/// The channel of the spec's channel examples (channel1), its own secret, the same clock and nonce.
inline const wf::ChannelCredentials kChannelCredentials{.channel_id = "channel1",
                                                        .secret = "channel-secret-channel1",
                                                        .base_url = std::string{kImBaseUrl},
                                                        .clock_ms = [] { return std::int64_t{1558350862502}; },
                                                        .nonce = [] { return std::string{"76616"}; }};

/// The credentials E's policy takes: the admin's, the robot's or the channel's.
template <class E>
const chatbind::credentials_t<E>& credentials_for() {
  if constexpr (std::is_same_v<typename E::platform, wf::RobotPlatform>) {
    return kRobotCredentials;
  } else if constexpr (std::is_same_v<typename E::platform, wf::ChannelPlatform>) {
    return kChannelCredentials;
  } else {
    return kCredentials;
  }
}

/// E's request, encoded with credentials_for<E>() (a failure is a test failure and an empty request).
template <class E>
chatbind::HttpRequest encode(const typename E::request& request) {
  auto r = chatbind::encode_request<E>(request, credentials_for<E>());
  EXPECT_TRUE(r) << r.error();
  return r ? *r : chatbind::HttpRequest{};
}

/// A POST to path on base_url with a JSON body and the three signing headers carrying sign.
inline void expect_signed_post(const chatbind::HttpRequest& r, std::string_view path, std::string_view base_url,
                               std::string_view sign) {
  EXPECT_EQ(r.method, chatbind::Method::post);
  EXPECT_EQ(r.url(), std::string{base_url} + std::string{path});
  EXPECT_EQ(r.header("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(r.header("nonce"), "76616");
  EXPECT_EQ(r.header("timestamp"), "1558350862502");
  EXPECT_EQ(r.header("sign"), sign);
}

/// An admin call: a POST to path on kBaseUrl, signed with the admin secret, no rid or cid.
inline void expect_signed_post(const chatbind::HttpRequest& r, std::string_view path) {
  expect_signed_post(r, path, kBaseUrl, kSign);
  EXPECT_EQ(r.header("rid"), "");
  EXPECT_EQ(r.header("cid"), "");
}

/// A robot API call: a POST to path on kImBaseUrl, rid = the robot, signed with the robot's secret.
inline void expect_robot_post(const chatbind::HttpRequest& r, std::string_view path) {
  expect_signed_post(r, path, kImBaseUrl, kRobotSign);
  EXPECT_EQ(r.header("rid"), "FireRobot");
  EXPECT_EQ(r.header("cid"), "");
}

/// A channel API call: a POST to path on kImBaseUrl, cid = the channel, signed with the channel's secret.
inline void expect_channel_post(const chatbind::HttpRequest& r, std::string_view path) {
  expect_signed_post(r, path, kImBaseUrl, kChannelSign);
  EXPECT_EQ(r.header("cid"), "channel1");
  EXPECT_EQ(r.header("rid"), "");
}

/// The signed-POST checks of E's policy.
template <class E>
void expect_signed_call(const chatbind::HttpRequest& r) {
  if constexpr (std::is_same_v<typename E::platform, wf::RobotPlatform>) {
    expect_robot_post(r, E::path);
  } else if constexpr (std::is_same_v<typename E::platform, wf::ChannelPlatform>) {
    expect_channel_post(r, E::path);
  } else {
    expect_signed_post(r, E::path);
  }
}

/// E's typed request encodes to the spec's example, byte for byte, as a signed POST to E's path
/// (with the admin's, the robot's or the channel's credentials, as E's policy says).
template <class E>
void expect_example_request(const typename E::request& request) {
  SCOPED_TRACE(std::string{E::path});
  const auto r = encode<E>(request);
  expect_signed_call<E>(r);
  EXPECT_EQ(r.body, wf::request_example<E>) << "exact bytes: member order, no nulls, no defaulted zeros";
}

/// E has no body: a signed POST to E's path with an empty body and no query (the SDKs send none,
/// or an empty entity; the Actions read none).
template <class E>
void expect_bodyless_request() {
  SCOPED_TRACE(std::string{E::path});
  static_assert(E::body == chatbind::Body::none && std::is_empty_v<typename E::request>);
  const auto r = encode<E>({});
  EXPECT_EQ(r.method, chatbind::Method::post);
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(r.query.empty());
  EXPECT_EQ(r.header("nonce"), "76616");
  EXPECT_EQ(r.header("timestamp"), "1558350862502");
  if constexpr (std::is_same_v<typename E::platform, wf::RobotPlatform>) {
    EXPECT_EQ(r.url(), std::string{kImBaseUrl} + std::string{E::path});
    EXPECT_EQ(r.header("rid"), "FireRobot");
    EXPECT_EQ(r.header("sign"), kRobotSign);
  } else if constexpr (std::is_same_v<typename E::platform, wf::ChannelPlatform>) {
    EXPECT_EQ(r.url(), std::string{kImBaseUrl} + std::string{E::path});
    EXPECT_EQ(r.header("cid"), "channel1");
    EXPECT_EQ(r.header("sign"), kChannelSign);
  } else {
    EXPECT_EQ(r.url(), std::string{kBaseUrl} + std::string{E::path});
    EXPECT_EQ(r.header("sign"), kSign);
  }
}

/// The server's answer: HTTP 200, JSON, this body.
inline HttpResponse ok(std::string_view body) { return HttpResponse{200, {{"Content-Type", "application/json"}}, std::string{body}}; }

/// The spec's response example of E, decoded (a failure is a test failure and a default response).
template <class E>
typename E::response decode_example() {
  auto r = chatbind::decode_response<E>(ok(wf::response_example<E>));
  EXPECT_TRUE(r) << E::path << ": " << r.error();
  return r ? *r : typename E::response{};
}

/// Decoding body as E's response fails as a schema error at path (a missing required field, a wrong type).
template <class E>
void expect_schema_error(std::string_view body, std::string_view path) {
  auto r = chatbind::decode_response<E>(ok(body));
  ASSERT_FALSE(r) << E::path << ": " << body;
  EXPECT_EQ(r.error().kind, ErrorKind::schema) << E::path << ": " << r.error();
  EXPECT_EQ(r.error().path, path) << E::path << ": " << r.error();
}

/// Decoding body as E's response fails; the error, to check its kind and path.
template <class E>
chatbind::Error decode_error(std::string_view body) {
  auto r = chatbind::decode_response<E>(ok(body));
  EXPECT_FALSE(r) << E::path << ": " << body;
  return r ? chatbind::Error{} : r.error();
}

}  // namespace chatbind_test::wildfire
