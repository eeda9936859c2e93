// What every tests/wildfire/generated/<tag>_test.cpp shares: the credentials of the seed's curl
// examples (secret 123456, nonce 76616, timestamp 1558350862502, hence one known sign), encoding a
// typed request, the signed-POST checks, the spec's examples (spec_examples.hpp) and a 200 reply.
#pragma once

#include "chatbind/wildfire.hpp"
#include "chatbind/wildfire/generated/spec_examples.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

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

/// E's request, encoded with kCredentials (a failure is a test failure and an empty request).
template <class E>
chatbind::HttpRequest encode(const typename E::request& request) {
  auto r = chatbind::encode_request<E>(request, kCredentials);
  EXPECT_TRUE(r) << r.error();
  return r ? *r : chatbind::HttpRequest{};
}

/// A POST to path on kBaseUrl with a JSON body and the three signing headers.
inline void expect_signed_post(const chatbind::HttpRequest& r, std::string_view path) {
  EXPECT_EQ(r.method, chatbind::Method::post);
  EXPECT_EQ(r.url(), std::string{kBaseUrl} + std::string{path});
  EXPECT_EQ(r.header("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(r.header("nonce"), "76616");
  EXPECT_EQ(r.header("timestamp"), "1558350862502");
  EXPECT_EQ(r.header("sign"), kSign);
}

/// E's typed request encodes to the spec's example, byte for byte, as a signed POST to E's path.
template <class E>
void expect_example_request(const typename E::request& request) {
  SCOPED_TRACE(std::string{E::path});
  const auto r = encode<E>(request);
  expect_signed_post(r, E::path);
  EXPECT_EQ(r.body, wf::request_example<E>) << "exact bytes: member order, no nulls, no defaulted zeros";
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

/// Decoding body as E's response fails; the error, to check its kind and path.
template <class E>
chatbind::Error decode_error(std::string_view body) {
  auto r = chatbind::decode_response<E>(ok(body));
  EXPECT_FALSE(r) << E::path << ": " << body;
  return r ? chatbind::Error{} : r.error();
}

}  // namespace chatbind_test::wildfire
