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
