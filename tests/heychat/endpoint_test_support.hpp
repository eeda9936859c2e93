// Shared by the Heychat endpoint tests (tests/heychat/generated/<tag>_test.cpp, one per OpenAPI tag
// of spec/heychat.yaml): the credentials and the common query every request carries, checks of an
// encoded request, and responses to decode.
#pragma once

#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "common/test_data.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chatbind::test::heychat_endpoints {

namespace hc = chatbind::heychat;
using Query = std::vector<std::pair<std::string, std::string>>;
using Plain = nlohmann::json;  // key order does not matter on the wire

inline const hc::Credentials kCredentials{.token = "bot-token-123"};

inline const Query kCommon = {{"client_type", "heybox_chat"}, {"x_client_type", "web"}, {"os_type", "web"},
                              {"x_os_type", "bot"},           {"x_app", "heybox_chat"}, {"chat_os_type", "bot"},
                              {"chat_version", "1.30.0"}};

/// The endpoint's own query parameters, then the common ones.
inline Query with_common(Query own) {
  own.insert(own.end(), kCommon.begin(), kCommon.end());
  return own;
}

/// The `token` header carries kCredentials' token and is marked sensitive.
inline void expect_token(const chatbind::HttpRequest& r) {
  const chatbind::Header* token = chatbind::find_header(r.headers, "token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(token->value, "bot-token-123");
  EXPECT_TRUE(token->sensitive) << "the token must be redacted when the request is printed";
}

/// A POST with a JSON body: the common query only, the token, the body as given.
template <class E>
void expect_json_post(const typename E::request& request, std::string_view path, std::string_view body) {
  SCOPED_TRACE(std::string{path});
  auto r = chatbind::encode_request<E>(request, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, chatbind::Method::post);
  EXPECT_EQ(r->base_url, "https://chat.xiaoheihe.cn");
  EXPECT_EQ(r->path, path);
  EXPECT_EQ(r->query, kCommon);
  EXPECT_EQ(r->header("Content-Type"), "application/json;charset=UTF-8");
  expect_token(*r);
  EXPECT_EQ(Plain::parse(r->body), Plain::parse(body));
}

/// A GET: the own parameters then the common ones, no body.
template <class E>
void expect_get(const typename E::request& request, std::string_view path, Query own) {
  SCOPED_TRACE(std::string{path});
  auto r = chatbind::encode_request<E>(request, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, chatbind::Method::get);
  EXPECT_EQ(r->path, path);
  own.insert(own.end(), kCommon.begin(), kCommon.end());
  EXPECT_EQ(r->query, own);
  EXPECT_TRUE(r->body.empty());
  expect_token(*r);
}

/// An HTTP 200 response with this body.
inline chatbind::HttpResponse ok(std::string body) {
  return chatbind::HttpResponse{.status = 200, .headers = {}, .body = std::move(body)};
}
inline chatbind::HttpResponse ok(const char* body) { return ok(std::string{body}); }
inline chatbind::HttpResponse ok(const chatbind::Json& body) { return ok(body.dump()); }

/// A success envelope around `result`.
inline chatbind::Json envelope(chatbind::Json result) {
  return chatbind::Json{{"msg", ""}, {"result", std::move(result)}, {"status", "ok"}};
}

}  // namespace chatbind::test::heychat_endpoints
