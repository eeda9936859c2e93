// Shared by the Yunhu bot endpoint tests: credentials, encoding, and the spec's published examples.
#pragma once

#include "chatbind/core/json_dom.hpp"
#include "chatbind/yunhu_bot.hpp"
#include "chatbind/yunhu_bot/generated/spec_examples.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace chatbind::test::yunhu_bot_endpoints {

namespace yb = chatbind::yunhu_bot;

inline const yb::Credentials kCredentials{.token = "bot-token-1234"};

/// encode_request<E>, failing the test when it fails.
template <class E>
chatbind::HttpRequest encode(const typename E::request& request) {
  auto r = chatbind::encode_request<E>(request, kCredentials);
  EXPECT_TRUE(r) << r.error();
  return r ? *r : chatbind::HttpRequest{};
}

/// A JSON POST to the open API: the path under /open-apis/v1, the token as the only query parameter
/// (and redacted when printed), and the body equal to `body` key for key.
inline void expect_open_api_post(const chatbind::HttpRequest& r, std::string_view path, std::string_view body) {
  EXPECT_EQ(r.method, chatbind::Method::post);
  EXPECT_EQ(r.url(), "https://chat-go.jwzhd.com/open-apis/v1" + std::string{path} + "?token=bot-token-1234");
  EXPECT_EQ(r.header("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(chatbind::Json::parse(r.body), chatbind::Json::parse(body)) << r.body;
  const std::string shown = chatbind::to_string(r);
  EXPECT_EQ(shown.find("bot-token-1234"), std::string::npos) << shown;
  EXPECT_NE(shown.find("token=%3Credacted%3E"), std::string::npos) << shown;
}

/// The spec's 200 example of E, decoded.
template <class E>
typename E::response decode_example() {
  const std::string_view body = yb::response_example<E>;
  EXPECT_FALSE(body.empty()) << "the spec gives no response example";
  auto r = chatbind::decode_response<E>(chatbind::HttpResponse{.status = 200, .headers = {}, .body = std::string{body}});
  EXPECT_TRUE(r) << r.error();
  return r ? *r : typename E::response{};
}

}  // namespace chatbind::test::yunhu_bot_endpoints
