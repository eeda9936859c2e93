// The Heychat operations tagged `oauth` in spec/heychat.yaml (user authorization, OAuthPlatform): the
// authorization page's address, the form-urlencoded token exchange, the Bearer resource calls on
// api.xiaoheihe.cn, and the answers — bare (the token) or in Heychat's envelope (the resources).
// Shapes: the onebots heychat adapter's OAuth client and its test (the token exchange's form, the
// authorization URL, the token object, {avatar, username}), HeyBox.Net's GetVoiceDurationsResponse,
// the community TypeScript SDK's ChatroomApi*Params (the duration report's 30-day window).
#include "chatbind/heychat.hpp"
#include "heychat/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace hc = chatbind::heychat;
using namespace chatbind::test::heychat_endpoints;
using chatbind::ErrorKind;
using chatbind::Method;

const hc::OAuthApp kApp{.client_id = "client", .client_secret = "oauth-secret", .redirect_uri = "https://example.com/callback"};

// --------------------------------------------------------------------------- request encoding

TEST(HeychatOAuthRequest, AuthorizationUrlIsThePageWithTheAppAndItsScopes) {
  auto url = hc::authorization_url(kApp, {"user_info_read", "user_chat_duration_read", "user_info_read"});
  ASSERT_TRUE(url) << url.error();
  EXPECT_EQ(*url,
            "https://chat.xiaoheihe.cn/account/bot_oauth?client_id=client&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback"
            "&response_type=code&scope=user_info_read%20user_chat_duration_read");
  auto local = hc::authorization_url(kApp, {"user_info_read"}, {.access_token = {}, .base_url = "http://127.0.0.1:9"});
  ASSERT_TRUE(local);
  EXPECT_EQ(local->rfind("http://127.0.0.1:9/account/bot_oauth?", 0), 0u) << *local;
}

TEST(HeychatOAuthRequest, AuthorizationUrlRefusesWhatThePageCannotTake) {
  EXPECT_EQ(hc::authorization_url(kApp, {}).error().path, "scope");
  EXPECT_EQ(hc::authorization_url(kApp, {"user_info_read", " "}).error().kind, ErrorKind::invalid_request);
  EXPECT_EQ(hc::authorization_url(kApp, {"two words"}).error().path, "scope");
  EXPECT_EQ(hc::authorization_url({.client_id = {}, .client_secret = {}, .redirect_uri = "x"}, {"a"}).error().path,
            "client_id");
  EXPECT_EQ(hc::authorization_url({.client_id = "c", .client_secret = {}, .redirect_uri = {}}, {"a"}).error().path,
            "redirect_uri");
}

TEST(HeychatOAuthRequest, TokenExchangeIsAFormWithTheClientSecretAndNoBotToken) {
  auto r = chatbind::encode_request<hc::RequestOAuthToken>(hc::exchange_code(kApp, "code-1"), hc::OAuthCredentials{});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, Method::post);
  EXPECT_EQ(r->url(), "https://chat.xiaoheihe.cn/chatroom/api/token");
  EXPECT_EQ(r->header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(r->body,
            "grant_type=authorization_code&code=code-1&redirect_uri=https%3A%2F%2Fexample.com%2Fcallback"
            "&client_id=client&client_secret=oauth-secret");
  EXPECT_TRUE(r->header("token").empty());
  EXPECT_TRUE(r->header("Authorization").empty());
  // Printed, the secret and the single-use code are redacted; the rest stays readable.
  const std::string shown = chatbind::to_string(*r);
  EXPECT_EQ(shown.find("oauth-secret"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("code-1"), std::string::npos) << shown;
  EXPECT_NE(shown.find("client_secret=<redacted>"), std::string::npos) << shown;
  EXPECT_NE(shown.find("grant_type=authorization_code"), std::string::npos) << shown;
}

TEST(HeychatOAuthRequest, RefreshIsTheSameFormWithTheRefreshToken) {
  auto r = chatbind::encode_request<hc::RequestOAuthToken>(hc::refresh_token(kApp, "r/1+2"), hc::OAuthCredentials{});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->body, "grant_type=refresh_token&refresh_token=r%2F1%2B2&client_id=client&client_secret=oauth-secret");
  auto fields = chatbind::form_decode(r->body);
  ASSERT_TRUE(fields) << fields.error();
  EXPECT_EQ((*fields)[1], (std::pair<std::string, std::string>{"refresh_token", "r/1+2"}));
  EXPECT_EQ(chatbind::to_string(*r).find("r%2F1%2B2"), std::string::npos);
}

TEST(HeychatOAuthRequest, ResourceCallsCarryTheBearerOnTheResourceHost) {
  const hc::OAuthCredentials user{.access_token = "access"};
  auto info = chatbind::encode_request<hc::GetOAuthAccountInfo>({}, user);
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->url(), "https://api.xiaoheihe.cn/chatroom/api/account/info");
  EXPECT_EQ(info->header("Authorization"), "Bearer access");
  EXPECT_TRUE(info->header("token").empty());
  EXPECT_EQ(chatbind::to_string(*info).find("Bearer access"), std::string::npos);

  auto durations = chatbind::encode_request<hc::GetChatDurations>(
      {.room_id = "r1", .begin_time = 1725897600, .end_time = 1725897600 + 30 * 86400, .appid = "730"}, user);
  ASSERT_TRUE(durations) << durations.error();
  EXPECT_EQ(durations->url(),
            "https://api.xiaoheihe.cn/chatroom/api/duration/chat?room_id=r1&begin_time=1725897600&end_time=1728489600"
            "&appid=730");
  EXPECT_EQ(durations->header("Authorization"), "Bearer access");

  hc::OAuthCredentials fake = user;
  fake.resource_base_url = "http://127.0.0.1:9";
  EXPECT_EQ(chatbind::encode_request<hc::GetOAuthAccountInfo>({}, fake)->base_url, "http://127.0.0.1:9");
}

TEST(HeychatOAuthRequest, WithoutATokenAccountInfoAsksTheUserAndSendsNoBearer) {
  auto r = chatbind::encode_request<hc::GetOAuthAccountInfo>(
      {.user_id = "42", .client_id = "client", .redirect_uri = kApp.redirect_uri, .scope = "user_info_read"},
      hc::OAuthCredentials{});
  ASSERT_TRUE(r) << r.error();
  EXPECT_TRUE(r->header("Authorization").empty());
  EXPECT_EQ(r->query.size(), 4u);
}

TEST(HeychatOAuthRequest, DurationWindowOfMoreThanThirtyDaysIsRefusedBeforeSending) {
  const hc::OAuthCredentials user{.access_token = "access"};
  auto longer = chatbind::encode_request<hc::GetChatDurations>(
      {.room_id = "r1", .begin_time = 1, .end_time = 1 + 30 * 86400 + 1, .appid = "730"}, user);
  ASSERT_FALSE(longer);
  EXPECT_EQ(longer.error().kind, ErrorKind::invalid_request);
  EXPECT_EQ(longer.error().path, "end_time");
  auto backwards =
      chatbind::encode_request<hc::GetChatDurations>({.room_id = "r1", .begin_time = 10, .end_time = 9, .appid = "7"}, user);
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().path, "end_time");
  auto negative =
      chatbind::encode_request<hc::GetChatDurations>({.room_id = "r1", .begin_time = -1, .end_time = 9, .appid = "7"}, user);
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().path, "begin_time");
}

// --------------------------------------------------------------------------- response decoding

TEST(HeychatOAuthResponse, TheTokenComesBare) {
  // The onebots adapter's test server answers the exchange with the token object itself.
  auto token = chatbind::decode_response<hc::RequestOAuthToken>(
      ok(R"({"access_token":"access","expires_in":7200,"refresh_token":"refresh","scope":"user_info_read","token_type":"Bearer"})"));
  ASSERT_TRUE(token) << token.error();
  EXPECT_EQ(token->access_token, "access");
  EXPECT_EQ(token->expires_in, 7200);
  EXPECT_EQ(token->refresh_token, "refresh");
  EXPECT_EQ(token->scope, "user_info_read");
  EXPECT_EQ(token->token_type, "Bearer");
}

TEST(HeychatOAuthResponse, TheTokenInsideTheEnvelopeDecodesToo) {
  auto token = chatbind::decode_response<hc::RequestOAuthToken>(ok(
      R"({"msg":"","result":{"access_token":"a","expires_in":60,"refresh_token":"r","token_type":"Bearer"},"status":"ok"})"));
  ASSERT_TRUE(token) << token.error();
  EXPECT_EQ(token->access_token, "a");
  EXPECT_EQ(token->scope, std::nullopt);
}

TEST(HeychatOAuthResponse, RefusalsAreTypedPlatformErrors) {
  auto failed = chatbind::decode_response<hc::RequestOAuthToken>(ok(R"({"msg":"invalid code","status":"failed"})"));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, ErrorKind::platform);
  EXPECT_EQ(failed.error().platform_message, "invalid code");

  chatbind::HttpResponse rfc = ok(R"({"error":"invalid_grant","error_description":"the code was used"})");
  rfc.status = 400;
  auto grant = chatbind::decode_response<hc::RequestOAuthToken>(rfc);
  ASSERT_FALSE(grant);
  EXPECT_EQ(grant.error().kind, ErrorKind::platform);
  EXPECT_EQ(grant.error().platform_message, "the code was used");
  EXPECT_EQ(grant.error().http_status, 400);
}

TEST(HeychatOAuthResponse, ATokenMissingItsAccessTokenNamesIt) {
  auto token = chatbind::decode_response<hc::RequestOAuthToken>(ok(R"({"expires_in":7200,"refresh_token":"r","token_type":"Bearer"})"));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().kind, ErrorKind::schema);
  EXPECT_EQ(token.error().path, "access_token");
  auto text = chatbind::decode_response<hc::RequestOAuthToken>(ok("<html>"));
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().kind, ErrorKind::syntax);
  chatbind::HttpResponse down = ok("bad gateway");
  down.status = 502;
  EXPECT_EQ(chatbind::decode_response<hc::RequestOAuthToken>(down).error().kind, ErrorKind::http_status);
}

TEST(HeychatOAuthResponse, AccountInfoIsInTheEnvelope) {
  auto info = chatbind::decode_response<hc::GetOAuthAccountInfo>(
      ok(R"({"status":"ok","result":{"avatar":"https://cdn.example/avatar","username":"用户"}})"));
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->username, "用户");
  EXPECT_EQ(info->avatar, "https://cdn.example/avatar");
}

TEST(HeychatOAuthResponse, DurationsDecodeWithARoomIdAsNumberOrString) {
  auto durations = chatbind::decode_response<hc::GetChatDurations>(ok(
      R"({"msg":"","result":{"durations":[{"room_id":3393000,"user_id":43020001,"create_at":"2024-09-10T00:00:00+08:00","duration":3600},)"
      R"({"room_id":"3393000","user_id":1,"create_at":"2024-09-11","update_at":"2024-09-12","duration":0}]},"status":"ok"})"));
  ASSERT_TRUE(durations) << durations.error();
  ASSERT_TRUE(durations->durations);
  ASSERT_EQ(durations->durations->size(), 2u);
  EXPECT_EQ((*durations->durations)[0].room_id, chatbind::Id{"3393000"});
  EXPECT_EQ((*durations->durations)[0].duration, 3600);
  EXPECT_EQ((*durations->durations)[1].update_at, "2024-09-12");
  auto none = chatbind::decode_response<hc::GetChatDurations>(ok(R"({"status":"ok","result":{"durations":[]}})"));
  ASSERT_TRUE(none) << none.error();
  EXPECT_TRUE(none->durations->empty());
  auto bad = chatbind::decode_response<hc::GetChatDurations>(
      ok(R"({"status":"ok","result":{"durations":[{"room_id":1,"user_id":"x","create_at":"","duration":1}]}})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().path, "result.durations[0].user_id");
}

}  // namespace
