// FakeWildfire: signatures verified as im-server does (239/243/244), 251 for bad parameters, HTTP
// 500 for an unknown path, and chatrooms kept: read back, blacklisted, managed, muted, soft-deleted.
#include "chatbind/testing/wildfire.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace wf = chatbind::wildfire;
namespace ct = chatbind::testing;

constexpr std::int64_t two_hours = 2LL * 60 * 60 * 1000;

struct FakeWildfireTest : ::testing::Test {
  std::int64_t now = 1'700'000'000'000;
  ct::FakeWildfire fake{"server-secret", [this] { return now; }};
  wf::Client<ct::FakeWildfire> client{fake, fake.credentials()};
};

TEST_F(FakeWildfireTest, ChatroomsAreKept) {
  auto created = client.create_chatroom({.title = "火热聊天室", .desc = "hot"});
  ASSERT_TRUE(created) << created.error();
  const std::string id = created->chatroomId;
  auto second = client.create_chatroom({.title = "another"});
  ASSERT_TRUE(second);
  EXPECT_NE(second->chatroomId, id);

  auto info = client.get_chatroom_info({.chatroomId = id});
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->title, "火热聊天室");
  EXPECT_EQ(info->desc, "hot");
  EXPECT_EQ(info->createDt, now);
  EXPECT_EQ(info->state, wf::ChatroomState::normal);

  now += 10;
  ASSERT_TRUE(client.create_chatroom({.chatroomId = id, .title = "renamed"}));  // an update
  info = client.get_chatroom_info({.chatroomId = id});
  ASSERT_TRUE(info);
  EXPECT_EQ(info->title, "renamed");
  EXPECT_EQ(info->updateDt, now);

  ASSERT_TRUE(client.set_chatroom_blacklist({.chatroomId = id, .userId = "u1", .status = wf::BlacklistStatus::muted, .expiredTime = now + 60'000}));
  ASSERT_TRUE(client.set_chatroom_blacklist({.chatroomId = id, .userId = "u2", .status = wf::BlacklistStatus::forbidden_entry}));
  auto black = client.get_chatroom_blacklist({.chatroomId = id});
  ASSERT_TRUE(black) << black.error();
  ASSERT_EQ(black->infos.size(), 2u);
  EXPECT_EQ(black->infos[0].userId, "u1");
  EXPECT_EQ(black->infos[0].state, wf::BlacklistStatus::muted);
  EXPECT_EQ(black->infos[0].expiredTime, now + 60'000);
  ASSERT_TRUE(client.set_chatroom_blacklist({.chatroomId = id, .userId = "u1", .status = wf::BlacklistStatus::removed}));
  black = client.get_chatroom_blacklist({.chatroomId = id});
  ASSERT_TRUE(black);
  ASSERT_EQ(black->infos.size(), 1u);
  EXPECT_EQ(black->infos[0].userId, "u2");

  ASSERT_TRUE(client.set_chatroom_manager({.chatroomId = id, .userId = "m1", .status = wf::ManagerStatus::manager}));
  ASSERT_TRUE(client.set_chatroom_manager({.chatroomId = id, .userId = "m2", .status = wf::ManagerStatus::manager}));
  ASSERT_TRUE(client.set_chatroom_manager({.chatroomId = id, .userId = "m1", .status = wf::ManagerStatus::removed}));
  auto managers = client.get_chatroom_managers({.chatroomId = id});
  ASSERT_TRUE(managers);
  EXPECT_EQ(managers->list, std::vector<std::string>{"m2"});

  ASSERT_TRUE(client.set_chatroom_mute_all({.chatroomId = id, .status = wf::MuteAllStatus::muted}));
  ASSERT_TRUE(fake.chatroom(id));
  EXPECT_EQ(fake.chatroom(id)->mute_all, wf::MuteAllStatus::muted);

  ASSERT_TRUE(client.destroy_chatroom({.chatroomId = id}));
  info = client.get_chatroom_info({.chatroomId = id});
  ASSERT_TRUE(info) << "a soft delete: the chatroom still reads back";
  EXPECT_EQ(info->state, wf::ChatroomState::ended);
}

TEST_F(FakeWildfireTest, AnUnknownChatroomIsCode253) {
  auto r = client.get_chatroom_info({.chatroomId = "nope"});
  ASSERT_FALSE(r);
  EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::not_exist);
  EXPECT_FALSE(client.destroy_chatroom({.chatroomId = "nope"}));
}

TEST_F(FakeWildfireTest, UnsignedStaleAndBadlySignedRequests) {
  auto http = chatbind::encode_request<wf::CreateChatroom>({.title = "t"}, fake.credentials());
  ASSERT_TRUE(http);
  auto unsigned_request = *http;
  std::erase_if(unsigned_request.headers, [](const chatbind::Header& h) { return h.name == "sign"; });
  auto r = chatbind::decode_response<wf::CreateChatroom>(*fake(unsigned_request));
  ASSERT_FALSE(r);
  EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::api_not_signed);
  auto garbled = *http;
  for (auto& h : garbled.headers)
    if (h.name == "timestamp") h.value = "12x";
  EXPECT_EQ(wf::error_code(chatbind::decode_response<wf::CreateChatroom>(*fake(garbled)).error()), wf::ErrorCode::api_not_signed);

  auto credentials = fake.credentials();
  credentials.clock_ms = [this] { return now - two_hours; };  // exactly two hours old: still accepted
  EXPECT_TRUE(wf::Client(fake, credentials).create_chatroom({.title = "t"}));
  credentials.clock_ms = [this] { return now - two_hours - 1; };
  auto stale = wf::Client(fake, credentials).create_chatroom({.title = "t"});
  ASSERT_FALSE(stale);
  EXPECT_EQ(wf::error_code(stale.error()), wf::ErrorCode::sign_expired);

  credentials = fake.credentials();
  credentials.secret = "guessed-secret-value";
  auto forged = chatbind::encode_request<wf::CreateChatroom>({.title = "t"}, credentials);
  ASSERT_TRUE(forged);
  auto raw = fake(*forged);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->body, R"({"code":244,"msg":"auth failure","result":{"code":244,"msg":"auth failure"}})");
  auto bad = chatbind::decode_response<wf::CreateChatroom>(*raw);
  ASSERT_FALSE(bad);
  EXPECT_EQ(wf::error_code(bad.error()), wf::ErrorCode::auth_failure);
  EXPECT_EQ(bad.error().describe().find("secret-value"), std::string::npos);
  EXPECT_EQ(fake.calls().size(), 1u) << "only the signed, fresh request was accepted";
}

TEST_F(FakeWildfireTest, InvalidParametersAre251) {
  auto http = chatbind::encode_request<wf::CreateChatroom>({.title = "t"}, fake.credentials());
  ASSERT_TRUE(http);
  http->body = R"({"desc":"no title"})";
  EXPECT_EQ(wf::error_code(chatbind::decode_response<wf::CreateChatroom>(*fake(*http)).error()), wf::ErrorCode::invalid_parameter);
  http->body = "[1,2";
  EXPECT_EQ(wf::error_code(chatbind::decode_response<wf::CreateChatroom>(*fake(*http)).error()), wf::ErrorCode::invalid_parameter);
  auto empty_title = client.create_chatroom({.title = ""});
  ASSERT_FALSE(empty_title);
  EXPECT_EQ(wf::error_code(empty_title.error()), wf::ErrorCode::invalid_parameter);
}

TEST_F(FakeWildfireTest, AnUnknownPathOrWrongMethodIsHttp500WithAnEmptyBody) {
  auto http = chatbind::encode_request<wf::GetChatroomInfo>({.chatroomId = "x"}, fake.credentials());
  ASSERT_TRUE(http);
  auto wrong_method = *http;
  wrong_method.method = chatbind::Method::get;
  auto raw = fake(wrong_method);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 500);
  EXPECT_TRUE(raw->body.empty());
  http->path = "/admin/chatroom/nothing";
  auto r = chatbind::decode_response<wf::GetChatroomInfo>(*fake(*http));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::http_status);
  EXPECT_EQ(r.error().http_status, 500);
}

TEST_F(FakeWildfireTest, ScriptedReplies) {
  fake.on<wf::GetChatroomMembers>([](const wf::ChatroomIdRequest& r) -> ct::Reply<wf::GetChatroomMembers> {
    return wf::UserIdList{{r.chatroomId + "-alice", r.chatroomId + "-bob"}};
  });
  auto members = client.get_chatroom_members({.chatroomId = "room"});
  ASSERT_TRUE(members) << members.error();
  EXPECT_EQ(members->list, (std::vector<std::string>{"room-alice", "room-bob"}));
  fake.on<wf::CreateChatroom>([](const auto&) -> ct::Reply<wf::CreateChatroom> { return ct::Failure{.code = 254, .msg = "not implement"}; });
  auto created = client.create_chatroom({.title = "t"});
  ASSERT_FALSE(created);
  EXPECT_EQ(wf::error_code(created.error()), wf::ErrorCode::not_implement);
  ASSERT_EQ(fake.calls().size(), 2u);
  EXPECT_TRUE(fake.calls()[1].is<wf::CreateChatroom>());
}

}  // namespace
