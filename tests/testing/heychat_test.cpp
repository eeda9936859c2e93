// FakeHeychat: the token checked and the common query forgiven as Heychat does, sent messages recorded, scripting.
#include "chatbind/testing/heychat.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

namespace hc = chatbind::heychat;
namespace ct = chatbind::testing;

hc::ChannelMessageSend message(std::string text, std::string channel) {
  return {.msg = std::move(text), .msg_type = hc::MsgType{10}, .room_id = "3581310465924767744", .channel_id = std::move(channel)};
}

TEST(FakeHeychat, RecordsSentMessagesWithFreshIds) {
  ct::FakeHeychat fake{"bot-token"};
  hc::Client client{fake, fake.credentials()};  // the client holds a copy; the test keeps `fake`
  auto a = client.send_channel_message(message("one", "100"));
  auto b = client.send_channel_message(message("two", "200"));
  auto c = client.send_channel_message(message("three", "100"));
  ASSERT_TRUE(a && b && c);
  const auto sent = fake.sent_messages();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].request.msg, "one");
  EXPECT_EQ(sent[0].msg_id, a->msg_id->str());
  EXPECT_EQ(sent[2].msg_id, c->msg_id->str());
  EXPECT_EQ((std::set<std::string>{a->msg_id->str(), b->msg_id->str(), c->msg_id->str()}).size(), 3u);
  const auto channel = fake.sent_messages("100");
  ASSERT_EQ(channel.size(), 2u);
  EXPECT_EQ(channel[1].request.msg, "three");
  EXPECT_EQ(fake.requests<hc::SendChannelMessage>().size(), 3u);
}

// A long-running chatbind-fake must not grow without bound: the sent messages and the call record
// keep the newest max_kept, the oldest go first.
TEST(FakeHeychat, SentMessagesAndTheCallRecordKeepTheNewest) {
  ct::FakeHeychat fake{"bot-token"};
  hc::Client client{fake, fake.credentials()};
  const std::size_t n = ct::heychat_fake::max_kept + 3;
  for (std::size_t i = 0; i < n; ++i) ASSERT_TRUE(client.send_channel_message(message(std::to_string(i), "100")));
  const auto sent = fake.sent_messages();
  ASSERT_EQ(sent.size(), ct::heychat_fake::max_kept);
  EXPECT_EQ(sent.front().request.msg, "3");
  EXPECT_EQ(sent.back().request.msg, std::to_string(n - 1));
  static_assert(ct::FakeHeychat::max_recorded_calls == ct::heychat_fake::max_kept, "the test counts one for both");
  const auto calls = fake.requests<hc::SendChannelMessage>();
  ASSERT_EQ(calls.size(), ct::FakeHeychat::max_recorded_calls);
  EXPECT_EQ(calls.front().msg, "3");
}

TEST(FakeHeychat, AnswersTheSpecExample) {
  ct::FakeHeychat fake;
  hc::Client client{fake, fake.credentials()};
  auto roles = client.list_room_roles({.room_id = "3642878923633221632"});
  ASSERT_TRUE(roles) << roles.error();
  ASSERT_FALSE(roles->roles.empty());
  EXPECT_EQ(roles->roles[0].name, "高级管理员");
  const auto calls = fake.calls();
  ASSERT_EQ(calls.size(), 1u);
  ASSERT_NE(calls[0].request<hc::ListRoomRoles>(), nullptr);
  EXPECT_EQ(calls[0].request<hc::ListRoomRoles>()->room_id, "3642878923633221632");
  EXPECT_EQ(calls[0].request<hc::ViewRoom>(), nullptr);
}

TEST(FakeHeychat, AWrongOrMissingTokenFailsTheHeychatWayWithoutLeakingIt) {
  ct::FakeHeychat fake{"right-token"};
  auto credentials = fake.credentials();
  credentials.token = "wrong-token-value";
  hc::Client client{fake, credentials};
  auto r = client.send_channel_message(message("hi", "1"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::platform);
  EXPECT_EQ(r.error().http_status, 200);
  EXPECT_EQ(r.error().platform_message, "invalid token");
  EXPECT_EQ(r.error().describe().find("token-value"), std::string::npos);

  auto http = chatbind::encode_request<hc::SendChannelMessage>(message("hi", "1"), fake.credentials());
  ASSERT_TRUE(http);
  std::erase_if(http->headers, [](const chatbind::Header& h) { return h.name == "token"; });
  auto raw = fake(*http);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 200);
  EXPECT_EQ(raw->body, R"({"msg":"missing token","status":"failed"})");
  EXPECT_TRUE(fake.calls().empty());
  EXPECT_TRUE(fake.sent_messages().empty());
}

// The real server does not require the seven common parameters: the official demo
// (QingFengOpen/HeychatDemo) sends chat_os_type, client_type and chat_version, sometimes
// chat_version twice. The fake forgives the same.
TEST(FakeHeychat, AnySubsetOfTheCommonQueryIsAccepted) {
  ct::FakeHeychat fake;
  auto http = chatbind::encode_request<hc::ViewRoom>({.room_id = "3581310465924767744"}, fake.credentials());
  ASSERT_TRUE(http);
  std::erase_if(http->query, [](const auto& p) {
    return p.first != "room_id" && p.first != "chat_os_type" && p.first != "client_type" && p.first != "chat_version";
  });
  ASSERT_EQ(http->query.size(), 4u);
  auto r = chatbind::decode_response<hc::ViewRoom>(*fake(*http));
  EXPECT_TRUE(r) << r.error();
  std::erase_if(http->query, [](const auto& p) { return p.first != "room_id"; });
  r = chatbind::decode_response<hc::ViewRoom>(*fake(*http));
  EXPECT_TRUE(r) << "none of them at all: " << r.error();
  EXPECT_EQ(fake.calls().size(), 2u);
}

TEST(FakeHeychat, RepeatedAndExtraQueryKeysAreAccepted) {
  ct::FakeHeychat fake;
  auto http = chatbind::encode_request<hc::ViewRoom>({.room_id = "1"}, fake.credentials());
  ASSERT_TRUE(http);
  http->query.emplace_back("chat_version", "1.30.0");  // the demo's duplicate
  http->query.emplace_back("chat_version", "1.31.0");
  http->query.emplace_back("x_extra", "anything");
  auto r = chatbind::decode_response<hc::ViewRoom>(*fake(*http));
  EXPECT_TRUE(r) << r.error();
}

TEST(FakeHeychat, TheTokenHeaderNameMayBeInAnyCase) {
  ct::FakeHeychat fake{"bot-token"};
  for (const char* name : {"token", "Token", "TOKEN", "toKEN"}) {
    auto http = chatbind::encode_request<hc::ViewRoom>({.room_id = "1"}, fake.credentials());
    ASSERT_TRUE(http);
    for (auto& h : http->headers)
      if (chatbind::iequals(h.name, "token")) h.name = name;
    auto r = chatbind::decode_response<hc::ViewRoom>(*fake(*http));
    EXPECT_TRUE(r) << name << ": " << r.error();
  }
}

// heychat.py (the community SDK) reads `result` from every response, and has shipped that way
// against the live server: a call without payload answers `"result":{}`.
TEST(FakeHeychat, TheSuccessEnvelopeAlwaysCarriesResult) {
  ct::FakeHeychat fake;
  auto http = chatbind::encode_request<hc::LeaveRoom>({.room_id = "3581310465924767744"}, fake.credentials());
  ASSERT_TRUE(http);
  auto raw = fake(*http);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->body, R"({"msg":"","result":{},"status":"ok"})");
  EXPECT_TRUE(chatbind::decode_response<hc::LeaveRoom>(*raw));
}

TEST(FakeHeychat, ABodyThatIsNotTheRequestTypeFailsNamingTheField) {
  ct::FakeHeychat fake;
  auto http = chatbind::encode_request<hc::SendChannelMessage>(message("hi", "1"), fake.credentials());
  ASSERT_TRUE(http);
  http->body = R"({"msg":"hi","msg_type":10,"room_id":"1"})";  // channel_id is required
  auto r = chatbind::decode_response<hc::SendChannelMessage>(*fake(*http));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().platform_message.find("channel_id"), std::string::npos) << r.error();
  http->body = "{not json";
  EXPECT_FALSE(chatbind::decode_response<hc::SendChannelMessage>(*fake(*http)));
  EXPECT_TRUE(fake.calls().empty());
}

TEST(FakeHeychat, ScriptedRepliesLikeExpectations) {
  ct::FakeHeychat fake;
  hc::Client client{fake, fake.credentials()};
  fake.on<hc::SendChannelMessage>([](const hc::ChannelMessageSend& request) -> ct::Reply<hc::SendChannelMessage> {
    if (request.msg == "fail") return ct::Failure{.code = 0, .msg = "频道不存在"};
    return hc::ChannelMessageSendResult{.msg_id = chatbind::Id{"42"}};
  });
  auto ok = client.send_channel_message(message("hi", "1"));
  ASSERT_TRUE(ok) << ok.error();
  EXPECT_EQ(ok->msg_id->str(), "42");
  auto failed = client.send_channel_message(message("fail", "1"));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().platform_message, "频道不存在");
  EXPECT_TRUE(fake.sent_messages().empty()) << "a script replaces the default behaviour";
  EXPECT_EQ(fake.calls().size(), 2u) << "scripted calls are recorded too";

  fake.on<hc::ViewRoom>([](const auto&) -> ct::Reply<hc::ViewRoom> { return chatbind::HttpResponse{503, {}, ""}; });
  auto raw = client.view_room({.room_id = "1"});
  ASSERT_FALSE(raw);
  EXPECT_EQ(raw.error().http_status, 503);

  fake.reset<hc::SendChannelMessage>();
  EXPECT_TRUE(client.send_channel_message(message("hi", "1")));
  EXPECT_EQ(fake.sent_messages().size(), 1u);
}

TEST(FakeHeychat, AnUnknownPathIs404) {
  ct::FakeHeychat fake;
  auto http = chatbind::encode_request<hc::ViewRoom>({.room_id = "1"}, fake.credentials());
  ASSERT_TRUE(http);
  http->path = "/chatroom/v2/nothing";
  EXPECT_EQ(fake(*http)->status, 404);
  http->path = "/chatroom/v2/room/view";
  http->method = chatbind::Method::post;  // the right path with the wrong method
  EXPECT_EQ(fake(*http)->status, 404);
}

}  // namespace

namespace {

/// The code in a redirect's Location (…?code=…), or "" when there is none.
std::string code_of(std::string_view location) {
  const std::size_t at = location.find("code=");
  return at == std::string_view::npos ? std::string{} : std::string{location.substr(at + 5)};
}

// The whole authorization-code flow against the fake, as an app runs it: the page redirects back with
// a code, the code becomes a token once, the token reads the profile and the durations, and a refresh
// replaces it (the old token stops working).
TEST(FakeHeychatOAuth, TheAuthorizationCodeFlowRunsEndToEnd) {
  ct::FakeHeychat fake;
  hc::OAuthApp app = fake.oauth_app();
  app.redirect_uri = "https://app.example/cb?from=test";
  auto url = hc::authorization_url(app, {"user_info_read", "user_chat_duration_read"}, fake.oauth_credentials());
  ASSERT_TRUE(url) << url.error();
  auto page = chatbind::encode_request<hc::OpenAuthorizationPage>(
      {.client_id = app.client_id, .redirect_uri = app.redirect_uri, .response_type = "code", .scope = "user_info_read"},
      fake.oauth_credentials());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->url().substr(0, page->url().find('?')), url->substr(0, url->find('?')));
  auto redirect = fake(*page);
  ASSERT_TRUE(redirect);
  EXPECT_EQ(redirect->status, 302);
  const std::string location{redirect->header("Location")};
  EXPECT_EQ(location.rfind("https://app.example/cb?from=test&code=", 0), 0u) << location;
  const std::string code = code_of(location);

  hc::OAuthClient oauth{fake, fake.oauth_credentials()};
  auto token = oauth.request_oauth_token(hc::exchange_code(app, code));
  ASSERT_TRUE(token) << token.error();
  EXPECT_EQ(token->token_type, "Bearer");
  EXPECT_EQ(token->scope, "user_info_read");
  auto again = oauth.request_oauth_token(hc::exchange_code(app, code));
  ASSERT_FALSE(again) << "a code is single-use";
  EXPECT_EQ(again.error().platform_message, "invalid code");

  oauth.credentials().access_token = token->access_token;
  auto me = oauth.get_oauth_account_info({});
  ASSERT_TRUE(me) << me.error();
  EXPECT_EQ(me->username, "fake-user");
  auto durations = oauth.get_chat_durations({.room_id = "3393000", .begin_time = 1725897600, .end_time = 1725984000, .appid = "730"});
  ASSERT_TRUE(durations) << durations.error();
  ASSERT_TRUE(durations->durations && !durations->durations->empty());
  EXPECT_EQ(durations->durations->front().room_id, chatbind::Id{"3393000"});

  auto refreshed = oauth.request_oauth_token(hc::refresh_token(app, token->refresh_token));
  ASSERT_TRUE(refreshed) << refreshed.error();
  EXPECT_NE(refreshed->access_token, token->access_token);
  auto stale = oauth.get_oauth_account_info({});
  ASSERT_FALSE(stale) << "the refreshed-away token no longer works";
  EXPECT_EQ(stale.error().platform_message, "invalid access token");
  oauth.credentials().access_token = refreshed->access_token;
  EXPECT_TRUE(oauth.get_oauth_account_info({}));
  EXPECT_FALSE(oauth.request_oauth_token(hc::refresh_token(app, token->refresh_token))) << "a refresh token is single-use";
}

/// An access token from the fake, through its authorization page and token exchange.
std::string granted_token(const ct::FakeHeychat& fake) {
  const hc::OAuthApp app = fake.oauth_app();
  auto page = chatbind::encode_request<hc::OpenAuthorizationPage>(
      {.client_id = app.client_id, .redirect_uri = "https://a.example/cb", .response_type = "code", .scope = "s"},
      fake.oauth_credentials());
  hc::OAuthApp with_redirect = app;
  with_redirect.redirect_uri = "https://a.example/cb";
  hc::OAuthClient oauth{fake, fake.oauth_credentials()};
  auto token = oauth.request_oauth_token(hc::exchange_code(with_redirect, code_of(fake(*page)->header("Location"))));
  return token ? token->access_token : std::string{};
}

TEST(FakeHeychatOAuth, ItRefusesWhatTheServerRefuses) {
  ct::FakeHeychat fake;
  hc::OAuthApp app = fake.oauth_app();
  hc::OAuthClient oauth{fake, fake.oauth_credentials()};
  hc::OAuthApp wrong = app;
  wrong.client_secret = "guess";
  auto bad_secret = oauth.request_oauth_token(hc::exchange_code(wrong, "fake-code-00000001"));
  ASSERT_FALSE(bad_secret);
  EXPECT_EQ(bad_secret.error().platform_message, "invalid client");
  EXPECT_EQ(bad_secret.error().message.find("guess"), std::string::npos);
  hc::OAuthTokenRequest odd = hc::exchange_code(app, "x");
  odd.grant_type = "password";
  EXPECT_EQ(oauth.request_oauth_token(odd).error().platform_message, "unsupported grant_type");
  EXPECT_EQ(oauth.get_oauth_account_info({}).error().platform_message, "missing access token");
  // The bot token is not an OAuth token, and an OAuth token is not a bot token.
  oauth.credentials().access_token = fake.credentials().token;
  EXPECT_EQ(oauth.get_oauth_account_info({}).error().platform_message, "invalid access token");
  // A window over 30 days, sent past chatbind's own check, is refused by the fake as by the server.
  auto raw = chatbind::encode_request<hc::GetChatDurations>({.room_id = "1", .begin_time = 0, .end_time = 10, .appid = "7"},
                                                           fake.oauth_credentials());
  ASSERT_TRUE(raw);
  raw->query[2].second = std::to_string(31 * 86400);
  raw->headers.push_back({"Authorization", "Bearer " + granted_token(fake), true});
  const std::string refused = fake(*raw)->body;
  EXPECT_NE(refused.find("\"status\":\"failed\""), std::string::npos) << refused;
  EXPECT_NE(refused.find("30"), std::string::npos) << refused;
  raw->query[2].second = std::to_string(30 * 86400);
  EXPECT_NE(fake(*raw)->body.find("\"status\":\"ok\""), std::string::npos);
  // A redirect_uri other than the page's does not get the code's token.
  auto page = chatbind::encode_request<hc::OpenAuthorizationPage>(
      {.client_id = app.client_id, .redirect_uri = "https://a.example/cb", .response_type = "code", .scope = "s"},
      fake.oauth_credentials());
  hc::OAuthApp elsewhere = app;
  elsewhere.redirect_uri = "https://evil.example/cb";
  auto stolen = oauth.request_oauth_token(hc::exchange_code(elsewhere, code_of(fake(*page)->header("Location"))));
  ASSERT_FALSE(stolen);
  EXPECT_EQ(stolen.error().platform_message, "redirect_uri mismatch");
  // A form whose Content-Type is not urlencoded does not decode.
  auto form = chatbind::encode_request<hc::RequestOAuthToken>(hc::exchange_code(app, "c"), fake.oauth_credentials());
  ASSERT_TRUE(form);
  form->headers = {{"Content-Type", "application/json"}};
  EXPECT_NE(fake(*form)->body.find("Content-Type"), std::string::npos);
}

}  // namespace
