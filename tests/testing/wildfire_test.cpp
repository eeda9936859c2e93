// FakeWildfire: signatures verified as im-server does (239/243/244, each repeated in result; the
// timestamp check can be turned off), 251 for bad parameters, HTTP 500 for an unknown path, and
// chatrooms kept: read back, blacklisted, managed, muted, soft-deleted, no members (253); users,
// robots, block status, clients and relations kept as im-server keeps them, bodies read as its Gson
// reads them and kept as they came; groups and their members, messages (send, get_one, recall,
// broadcast, multicast) and sensitive words kept, the professional-edition paths HTTP 500.
#include "chatbind/testing/wildfire.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

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

TEST_F(FakeWildfireTest, ChatroomMembersAre253WhenNoneAreIn) {
  // GetChatroomMembersAction answers 253 for an empty member list, whether or not the chatroom
  // exists, and 251 without an id.
  auto created = client.create_chatroom({.title = "empty room"});
  ASSERT_TRUE(created) << created.error();
  auto http = chatbind::encode_request<wf::GetChatroomMembers>({.chatroomId = created->chatroomId}, fake.credentials());
  ASSERT_TRUE(http);
  auto raw = fake(*http);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 200);
  EXPECT_EQ(raw->body, R"({"code":253,"msg":"not exist"})");
  EXPECT_EQ(wf::error_code(client.get_chatroom_members({.chatroomId = "nope"}).error()), wf::ErrorCode::not_exist);
  auto no_id = client.get_chatroom_members({.chatroomId = ""});
  ASSERT_FALSE(no_id);
  EXPECT_EQ(wf::error_code(no_id.error()), wf::ErrorCode::invalid_parameter);
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

// ------------------------------------------------------------------------------ users and robots

template <class R>
wf::ErrorCode code_of(const R& r) {
  EXPECT_FALSE(r);
  return r ? wf::ErrorCode::success : wf::error_code(r.error());
}

TEST_F(FakeWildfireTest, UsersAreCreatedReadUpdatedAndDestroyed) {
  auto created = client.create_user({.name = "zhangsan", .displayName = "", .mobile = "13800000001", .email = "z@example.com"});
  ASSERT_TRUE(created) << created.error();
  const std::string id = created->userId;
  EXPECT_FALSE(id.empty()) << "generated when left out";
  ASSERT_TRUE(client.create_user({.userId = "u2", .name = "lisi", .email = "z@example.com", .type = wf::UserType::admin}));

  auto info = client.get_user_info({.userId = id});
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->displayName, "zhangsan") << "an empty display name is the name";
  EXPECT_EQ(info->portrait, "") << "read back, unset strings are \"\"";
  EXPECT_EQ(info->gender, 0);
  EXPECT_EQ(info->type, wf::UserType::normal);
  EXPECT_EQ(info->updateDt, now);
  EXPECT_EQ(client.get_user_info({.name = "lisi"})->userId, "u2");
  EXPECT_EQ(client.get_user_info({.mobile = "13800000001"})->userId, id);
  EXPECT_EQ(client.get_user_info({.userId = "u2", .name = "zhangsan"})->userId, "u2") << "userId first";
  EXPECT_EQ(client.get_users_by_email("z@example.com")->userInfos.size(), 2u);
  auto page = client.list_users({.count = 1, .offset = 1});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->userInfoList.size(), 1u);
  EXPECT_EQ(page->userInfoList[0].userId, "u2") << "in creation order";

  now += 5;
  const auto mask = static_cast<std::int32_t>(wf::UpdateUserInfoMask::display_name) | static_cast<std::int32_t>(wf::UpdateUserInfoMask::gender);
  ASSERT_TRUE(client.update_user({.flag = mask, .userInfo = {.userId = id, .name = "ignored", .displayName = "张三", .gender = 1, .email = "ignored"}}));
  info = client.get_user_info({.userId = id});
  EXPECT_EQ(info->displayName, "张三");
  EXPECT_EQ(info->gender, 1);
  EXPECT_EQ(info->name, "zhangsan") << "only the masked fields change";
  EXPECT_EQ(info->email, "z@example.com");
  EXPECT_EQ(info->updateDt, now);

  ASSERT_TRUE(client.destroy_user({.userId = "u2"}));
  EXPECT_EQ(code_of(client.get_user_info({.userId = "u2"})), wf::ErrorCode::not_exist);
  EXPECT_EQ(client.get_users_by_email("z@example.com")->userInfos.size(), 1u);
  EXPECT_TRUE(fake.user("u2")->deleted);
}

TEST_F(FakeWildfireTest, UserCallsAnswerTheActionsCodes) {
  EXPECT_EQ(code_of(client.create_user({.name = ""})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.create_user({.name = "r", .type = wf::UserType::robot})), wf::ErrorCode::invalid_parameter)
      << "create takes types 0, 3 and 100 only";
  EXPECT_EQ(code_of(client.update_user({.flag = 1, .userInfo = {.userId = "nobody", .name = "n"}})), wf::ErrorCode::not_exist);
  ASSERT_TRUE(client.create_user({.userId = "u1", .name = "n"}));
  EXPECT_EQ(code_of(client.update_user({.flag = 0, .userInfo = {.userId = "u1", .name = "n"}})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.update_user({.flag = 512, .userInfo = {.userId = "u1", .name = ""}})), wf::ErrorCode::invalid_parameter)
      << "the name bit with no name";
  EXPECT_EQ(code_of(client.get_user_info({})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.get_users_by_email("")), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.get_users_by_email("nobody@example.com")), wf::ErrorCode::not_exist);
  EXPECT_EQ(code_of(client.list_users({.count = 0, .offset = 0})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.get_online_users({.nodeId = 2, .offset = 0, .count = 10})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.get_application_user_info({.authCode = "forged"})), wf::ErrorCode::token_error);
}

TEST_F(FakeWildfireTest, BodiesAreReadAsGsonReadsThem) {
  ASSERT_TRUE(client.create_user({.userId = "u1", .name = "n"}));
  auto http = chatbind::encode_request<wf::ListUsers>({.count = 5, .offset = 0}, fake.credentials());
  ASSERT_TRUE(http);
  http->body = R"({"count":5,"unknown":{"nested":[1]}})";  // offset missing: Java's 0; an unknown key skipped
  auto page = chatbind::decode_response<wf::ListUsers>(*fake(*http));
  ASSERT_TRUE(page) << page.error();
  EXPECT_EQ(page->userInfoList.size(), 1u);
  ASSERT_EQ(fake.requests<wf::ListUsers>().size(), 1u);
  EXPECT_EQ(fake.requests<wf::ListUsers>()[0].offset, 0);
  http->body = R"({"offset":0})";  // count missing: 0, which the Action refuses
  EXPECT_EQ(wf::error_code(chatbind::decode_response<wf::ListUsers>(*fake(*http)).error()), wf::ErrorCode::invalid_parameter);
  http->body = R"({"count":"five","offset":0})";  // a string that is no number does not parse
  EXPECT_EQ(wf::error_code(chatbind::decode_response<wf::ListUsers>(*fake(*http)).error()), wf::ErrorCode::invalid_parameter);
  auto update = chatbind::encode_request<wf::UpdateUser>({.flag = 1, .userInfo = {.userId = "u1", .name = "n"}}, fake.credentials());
  ASSERT_TRUE(update);
  update->body = R"({"flag":1})";  // userInfo missing: null on the server, 251
  EXPECT_EQ(wf::error_code(chatbind::decode_response<wf::UpdateUser>(*fake(*update)).error()), wf::ErrorCode::invalid_parameter);
  auto email = chatbind::encode_request<wf::GetUsersByEmail>("x@example.com", fake.credentials());
  ASSERT_TRUE(email);
  email->body = R"({"email":"x@example.com"})";  // not the bare JSON string the Action reads
  EXPECT_EQ(wf::error_code(chatbind::decode_response<wf::GetUsersByEmail>(*fake(*email)).error()), wf::ErrorCode::invalid_parameter);
}

TEST_F(FakeWildfireTest, RobotsTokensBlockStatusAndClients) {
  auto robot = client.create_robot({.name = "helper", .callback = "http://cb"});
  ASSERT_TRUE(robot) << robot.error();
  EXPECT_EQ(robot->secret.size(), 32u) << "generated when left out";
  auto info = client.get_robot_info({.robotId = robot->userId});
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->owner, robot->userId) << "the robot owns itself when no owner is given";
  EXPECT_EQ(info->secret, robot->secret);
  EXPECT_EQ(info->callback, "http://cb");
  EXPECT_EQ(client.get_user_info({.userId = robot->userId})->type, wf::UserType::robot);
  EXPECT_EQ(code_of(client.get_user_token({.userId = robot->userId, .clientId = "c"})), wf::ErrorCode::robot_no_token);
  ASSERT_TRUE(client.create_user({.userId = "u1", .name = "n", .portrait = "p"}));
  EXPECT_EQ(code_of(client.get_robot_info({.robotId = "u1"})), wf::ErrorCode::not_exist) << "a user without a robot record";

  auto token = client.get_user_token({.userId = "u1", .clientId = "pc", .platform = wf::ClientPlatform::linux_});
  ASSERT_TRUE(token) << token.error();
  EXPECT_FALSE(token->token.empty());
  auto sessions = client.get_user_sessions({.userId = "u1"});
  ASSERT_TRUE(sessions);
  ASSERT_EQ(sessions->userSessions.size(), 1u);
  EXPECT_EQ(sessions->userSessions[0].platform, wf::ClientPlatform::linux_);
  EXPECT_FALSE(sessions->userSessions[0].isOnline) << "a token alone is no connection";
  EXPECT_TRUE(client.get_user_online_status({.userId = "u1"})->sessions.empty());

  ASSERT_TRUE(fake.connect("u1", "pc", wf::ClientPlatform::linux_));
  ASSERT_TRUE(fake.connect("u1", "phone"));
  ASSERT_TRUE(fake.connect("u9", "phone"));
  auto online = client.get_user_online_status({.userId = "u1"});
  ASSERT_TRUE(online);
  ASSERT_EQ(online->sessions.size(), 2u);
  EXPECT_EQ(online->sessions[0].lastSeen, now);
  EXPECT_EQ(client.get_online_user_count({})->at(0).count, 2) << "users, not clients";
  auto page = client.get_online_users({.nodeId = 1, .offset = 1, .count = 1});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->totalCount, 3);
  ASSERT_EQ(page->userClients.size(), 1u);
  ASSERT_TRUE(client.kickoff_user_client({.first = "u1", .second = "phone"}));
  EXPECT_EQ(client.get_user_online_status({.userId = "u1"})->sessions.size(), 1u);

  EXPECT_EQ(client.get_user_block_status({.userId = "u1"})->status, wf::UserStatus::normal);
  ASSERT_TRUE(client.set_user_block_status({.userId = "u1", .status = wf::UserStatus::forbidden}));
  ASSERT_TRUE(client.set_user_block_status({.userId = "u3", .status = wf::UserStatus::muted}));
  EXPECT_EQ(client.get_user_block_status({.userId = "u1"})->status, wf::UserStatus::forbidden);
  EXPECT_TRUE(client.get_user_online_status({.userId = "u1"})->sessions.empty()) << "forbidden kicks the user off";
  EXPECT_EQ(client.get_blocked_users({})->statusList,
            (std::vector<wf::UserBlockStatus>{{"u1", wf::UserStatus::forbidden}, {"u3", wf::UserStatus::muted}}));
  ASSERT_TRUE(client.set_user_block_status({.userId = "u1", .status = wf::UserStatus::normal}));
  EXPECT_EQ(client.get_blocked_users({})->statusList.size(), 1u);

  const std::string code = fake.issue_auth_code("u1");
  auto app = client.get_application_user_info({.authCode = code});
  ASSERT_TRUE(app) << app.error();
  EXPECT_EQ(app->userId, "u1");
  EXPECT_EQ(app->portraitUrl, "p");
}

// ------------------------------------------------------------------------------------ relations

TEST_F(FakeWildfireTest, FriendsAreSetOnBothSides) {
  ASSERT_TRUE(client.set_friend_status({.userId = "u1", .friendUid = "u2", .status = wf::FriendStatus::friend_, .extra = "x"}));
  now += 1;
  ASSERT_TRUE(client.set_friend_status({.userId = "u1", .friendUid = "u3", .status = wf::FriendStatus::friend_}));
  now += 1;
  ASSERT_TRUE(client.set_friend_status({.userId = "u1", .friendUid = "u2", .status = wf::FriendStatus::friend_}))
      << "the admin path answers 0 for friends already";
  EXPECT_EQ(client.get_friend_list({.userId = "u1"})->list, (std::vector<std::string>{"u3", "u2"})) << "oldest change first";
  EXPECT_EQ(client.get_friend_list({.userId = "u2"})->list, std::vector<std::string>{"u1"});
  EXPECT_EQ(fake.relation("u1", "u2")->extra, "") << "the admin path writes the request's extra each time";
  EXPECT_EQ(fake.relation("u2", "u1")->extra, "x") << "the other side keeps the extra it was made with";

  auto relation = client.get_relation({.first = "u1", .second = "u2"});
  ASSERT_TRUE(relation);
  EXPECT_TRUE(relation->isFriend);
  EXPECT_FALSE(relation->isBlacked);
  EXPECT_EQ(relation->alias, "");

  ASSERT_TRUE(client.set_friend_status({.userId = "u2", .friendUid = "u1", .status = wf::FriendStatus::removed}));
  EXPECT_EQ(client.get_friend_list({.userId = "u1"})->list, std::vector<std::string>{"u3"});
  EXPECT_TRUE(client.get_friend_list({.userId = "u2"})->list.empty());
  EXPECT_EQ(code_of(client.set_friend_status({.userId = "u1", .friendUid = ""})), wf::ErrorCode::invalid_parameter);
}

TEST_F(FakeWildfireTest, BlacklistsAliasesExtrasAndRequests) {
  ASSERT_TRUE(client.set_user_blacklist({.userId = "u2", .targetUid = "u1", .status = wf::UserBlacklistStatus::blacklisted}));
  EXPECT_EQ(client.get_user_blacklist({.userId = "u2"})->list, std::vector<std::string>{"u1"});
  EXPECT_FALSE(client.get_relation({.first = "u2", .second = "u1"})->isFriend) << "a blacklist record is no friendship";
  EXPECT_TRUE(client.get_relation({.first = "u2", .second = "u1"})->isBlacked);
  EXPECT_EQ(code_of(client.send_friend_request({.userId = "u1", .friendUid = "u2", .reason = "hi"})), wf::ErrorCode::in_black_list);
  ASSERT_TRUE(client.send_friend_request({.userId = "u1", .friendUid = "u2", .force = true})) << "forced: as the admin";
  ASSERT_TRUE(client.set_user_blacklist({.userId = "u2", .targetUid = "u1", .status = wf::UserBlacklistStatus::removed}));
  EXPECT_TRUE(client.get_user_blacklist({.userId = "u2"})->list.empty());
  EXPECT_EQ(code_of(client.set_user_blacklist({.userId = "u2", .targetUid = "u1", .status = static_cast<wf::UserBlacklistStatus>(3)})),
            wf::ErrorCode::invalid_parameter);
  ASSERT_TRUE(client.send_friend_request({.userId = "u1", .friendUid = "u2", .reason = "again"}));
  ASSERT_EQ(fake.friend_requests().size(), 1u) << "a repeated request replaces the earlier";
  EXPECT_EQ(fake.friend_requests()[0].reason, "again");
  EXPECT_EQ(code_of(client.send_friend_request({.userId = "u1", .friendUid = ""})), wf::ErrorCode::invalid_parameter);

  ASSERT_TRUE(client.set_friend_status({.userId = "u1", .friendUid = "u2", .status = wf::FriendStatus::friend_}));
  EXPECT_EQ(code_of(client.send_friend_request({.userId = "u1", .friendUid = "u2"})), wf::ErrorCode::already_friends);
  ASSERT_TRUE(client.set_friend_alias({.operator_ = "u1", .targetId = "u2", .alias = "老同学"}));
  ASSERT_TRUE(client.set_friend_extra({.operator_ = "u1", .targetId = "u2", .extra = R"({"k":1})"}));
  auto alias = client.get_friend_alias({.operator_ = "u1", .targetId = "u2"});
  ASSERT_TRUE(alias);
  EXPECT_EQ(alias->alias, "老同学");
  EXPECT_EQ(client.get_relation({.first = "u1", .second = "u2"})->extra, R"({"k":1})");
  EXPECT_FALSE(client.get_friend_alias({.operator_ = "u1", .targetId = "nobody"})->alias) << "no record, no alias";

  // A server quirk kept: an alias for a stranger makes a `new FriendData()`, whose state 0 reads as a friend.
  ASSERT_TRUE(client.set_friend_alias({.operator_ = "u1", .targetId = "stranger", .alias = "?"}));
  EXPECT_TRUE(client.get_relation({.first = "u1", .second = "stranger"})->isFriend);
}

TEST_F(FakeWildfireTest, AGroupIsCreatedJoinedListedAndMessaged) {
  // create group -> add member -> list members -> send message -> get_one.
  auto created = client.create_group({.operator_ = "admin",
                                      .group = {.group_info = {.target_id = "g1", .name = "技术交流群", .owner = "u1", .type = wf::GroupType::restricted},
                                                .members = std::vector<wf::GroupMember>{{.member_id = "u2", .type = wf::GroupMemberType::owner}}}});
  ASSERT_TRUE(created) << created.error();
  EXPECT_EQ(created->group_id, "g1");
  ASSERT_TRUE(client.add_group_members({.operator_ = "u1", .group_id = "g1", .members = {{.member_id = "u3", .alias = "老王"}}}));
  auto members = client.get_group_members({.groupId = "g1"});
  ASSERT_TRUE(members) << members.error();
  ASSERT_EQ(members->members.size(), 3u);
  EXPECT_EQ(members->members[0], (wf::GroupMember{"u2", "", wf::GroupMemberType::normal, "", now})) << "only group_info.owner owns it";
  EXPECT_EQ(members->members[1].member_id, "u1") << "the owner is added when the list lacks it";
  EXPECT_EQ(members->members[1].type, wf::GroupMemberType::owner);
  EXPECT_EQ(members->members[2].alias, "老王");
  auto info = client.get_group_info({.groupId = "g1"});
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->owner, "u1");
  EXPECT_EQ(info->portrait, "") << "every field read back";
  EXPECT_EQ(info->max_member_count, 3) << "filled from the member count, as GetGroupInfoAction does";

  now += 5;
  auto sent = client.send_message({.sender = "u1",
                                   .conv = {.type = wf::ConversationType::group, .target = "g1"},
                                   .payload = {.type = 1, .searchableContent = "大家好/hi", .persistFlag = wf::PersistFlag::persist_and_count}});
  ASSERT_TRUE(sent) << sent.error();
  EXPECT_EQ(sent->messageUid, ct::wildfire_fake::first_message_uid) << "past 2^53, exact";
  EXPECT_EQ(sent->timestamp, now);
  auto one = client.get_message({.messageUid = sent->messageUid});
  ASSERT_TRUE(one) << one.error();
  EXPECT_EQ(one->messageId, sent->messageUid);
  EXPECT_EQ(one->sender, "u1");
  EXPECT_EQ(one->conv, (wf::Conversation{wf::ConversationType::group, "g1", 0}));
  EXPECT_EQ(one->payload.searchableContent, "大家好/hi");
  EXPECT_EQ(one->payload.pushContent, "") << "stored strings read back as \"\"";
  EXPECT_EQ(one->payload.mentionedTarget, std::vector<std::string>{});
  EXPECT_FALSE(one->payload.base64edData);
  EXPECT_EQ(one->toUsers, std::vector<std::string>{});
  ASSERT_TRUE(fake.last_message());
  EXPECT_EQ(*fake.last_message(), *one);

  // Recall: the original's JSON text as json-simple writes it, then the message is a recall notice.
  auto recalled = client.recall_message({.operator_ = "admin", .messageUid = sent->messageUid});
  ASSERT_TRUE(recalled) << recalled.error();
  const std::string text = R"({"sc":"大家好\/hi","s":"u1","c":"","t":1,"e":"","ts":)" + std::to_string(now) + "}";
  EXPECT_EQ(*recalled, text);
  auto notice = client.get_message({.messageUid = sent->messageUid});
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->payload.type, 80);
  EXPECT_EQ(notice->payload.content, "admin");
  EXPECT_EQ(notice->payload.searchableContent, "");
  EXPECT_EQ(notice->payload.extra, text);
  EXPECT_EQ(notice->payload.pushData, R"({"messageUid":1790123456789012345})");
  EXPECT_EQ(notice->payload.base64edData, "MTc5MDEyMzQ1Njc4OTAxMjM0NQ==") << "the uid's digits";
  EXPECT_EQ(notice->payload.persistFlag, wf::PersistFlag::persist);
  EXPECT_EQ(fake.last_message()->payload.type, 80);
  EXPECT_EQ(client.recall_message({.operator_ = "admin", .messageUid = sent->messageUid}).value(), "") << "recalled before: \"\"";
  EXPECT_EQ(code_of(client.recall_message({.operator_ = "admin", .messageUid = 42})), wf::ErrorCode::not_exist);
  EXPECT_EQ(code_of(client.recall_message({.messageUid = sent->messageUid})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.get_message({.messageUid = 0})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.get_message({.messageUid = 7})), wf::ErrorCode::not_exist);
}

TEST_F(FakeWildfireTest, GroupCallsAnswerTheServersCodes) {
  ASSERT_TRUE(client.create_group({.operator_ = "u1", .group = {.group_info = {.target_id = "g1"}}}));
  EXPECT_EQ(code_of(client.create_group({.operator_ = "u1", .group = {.group_info = {.target_id = "g1"}}})), wf::ErrorCode::group_already_exist);
  EXPECT_EQ(code_of(client.create_group({.group = {.group_info = {.type = static_cast<wf::GroupType>(4)}}})), wf::ErrorCode::invalid_data);
  auto generated = client.create_group({.operator_ = "u1", .group = {.group_info = {.name = "no id"}}});
  ASSERT_TRUE(generated);
  EXPECT_FALSE(generated->group_id.empty());
  EXPECT_NE(generated->group_id, "g1");

  EXPECT_EQ(code_of(client.get_group_info({.groupId = "nope"})), wf::ErrorCode::not_exist);
  EXPECT_EQ(code_of(client.get_group_members({.groupId = "nope"})), wf::ErrorCode::not_exist);
  EXPECT_EQ(code_of(client.add_group_members({.group_id = "nope", .members = {{.member_id = "u2"}}})), wf::ErrorCode::not_exist);
  EXPECT_EQ(code_of(client.dismiss_group({.operator_ = "u1", .group_id = "nope"})), wf::ErrorCode::not_exist);
  EXPECT_EQ(code_of(client.get_group_member({.groupId = "g1", .memberId = "u9"})), wf::ErrorCode::not_exist);
  EXPECT_EQ(code_of(client.dismiss_group({.operator_ = "", .group_id = "g1"})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.kickoff_group_members({.operator_ = "u1", .group_id = "g1", .members = {}})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.set_group_manager({.operator_ = "u1", .group_id = "g1", .members = {"u1"}, .is_manager = true})),
            wf::ErrorCode::not_right)
      << "the owner cannot be made a manager, not even by the admin";
  EXPECT_EQ(code_of(client.set_group_member_alias({.group_id = "g1", .memberId = "u9", .alias = "x"})), wf::ErrorCode::not_in_group);
  EXPECT_EQ(code_of(client.modify_group_info({.operator_ = "u1", .group_id = "g1", .type = wf::ModifyGroupInfoType::super_group, .value = "1"})),
            wf::ErrorCode::invalid_parameter)
      << "the community store changes types 0 to 6 only";
  EXPECT_EQ(code_of(client.modify_group_info({.operator_ = "u1", .group_id = "g1", .type = wf::ModifyGroupInfoType::mute, .value = "yes"})),
            wf::ErrorCode::server_error)
      << "Integer.parseInt throws";
}

TEST_F(FakeWildfireTest, GroupMembersChange) {
  ASSERT_TRUE(client.create_group({.operator_ = "u1",
                                   .group = {.group_info = {.target_id = "g1", .type = wf::GroupType::restricted},
                                             .members = std::vector<wf::GroupMember>{{.member_id = "u2"}, {.member_id = "u3"}}}}));
  ASSERT_TRUE(client.create_group({.operator_ = "u2", .group = {.group_info = {.target_id = "g2"}}}));
  ASSERT_TRUE(client.set_group_manager({.operator_ = "u1", .group_id = "g1", .members = {"u2"}, .is_manager = true}));
  EXPECT_EQ(client.get_group_member({.groupId = "g1", .memberId = "u2"})->type, wf::GroupMemberType::manager);
  ASSERT_TRUE(client.set_group_member_alias({.group_id = "g1", .memberId = "u2", .alias = "小李"}));
  ASSERT_TRUE(client.set_group_member_extra({.group_id = "g1", .memberId = "u2", .extra = "e"}));
  const auto u2 = client.get_group_member({.groupId = "g1", .memberId = "u2"});
  EXPECT_EQ(u2->alias, "小李");
  EXPECT_EQ(u2->extra, "e");
  ASSERT_TRUE(client.modify_group_info({.operator_ = "u1", .group_id = "g1", .type = wf::ModifyGroupInfoType::name, .value = "新群名"}));
  ASSERT_TRUE(client.modify_group_info({.operator_ = "u1", .group_id = "g1", .type = wf::ModifyGroupInfoType::mute, .value = "1"}));
  EXPECT_EQ(client.get_group_info({.groupId = "g1"})->name, "新群名");
  EXPECT_EQ(client.get_group_info({.groupId = "g1"})->mute, 1);

  EXPECT_EQ(client.get_user_groups({.userId = "u2"})->groupIds, (std::vector<std::string>{"g1", "g2"}));
  EXPECT_EQ(client.get_user_groups_by_type({.userId = "u2", .groupMemberTypes = std::vector<wf::GroupMemberType>{wf::GroupMemberType::owner}})->groupIds,
            std::vector<std::string>{"g2"});
  EXPECT_EQ(client.get_common_groups({.first = "u1", .second = "u2"})->groupIds, std::vector<std::string>{"g1"});

  ASSERT_TRUE(client.kickoff_group_members({.operator_ = "u1", .group_id = "g1", .members = {"u3"}}));
  EXPECT_EQ(code_of(client.get_group_member({.groupId = "g1", .memberId = "u3"})), wf::ErrorCode::not_exist);
  EXPECT_EQ(client.get_group_members({.groupId = "g1"})->members.size(), 2u);
  EXPECT_TRUE(client.get_user_groups({.userId = "u3"})->groupIds.empty());
  EXPECT_EQ(client.get_user_groups_by_type({.userId = "u3"})->groupIds, std::vector<std::string>{"g1"})
      << "no types: the server's query reads the removed row too";
  EXPECT_EQ(fake.group("g1")->members.size(), 3u) << "kept, as removed";

  ASSERT_TRUE(client.transfer_group({.operator_ = "u1", .group_id = "g1", .new_owner = "u2"}));
  EXPECT_EQ(client.get_group_info({.groupId = "g1"})->owner, "u2");
  EXPECT_EQ(client.get_group_member({.groupId = "g1", .memberId = "u1"})->type, wf::GroupMemberType::normal);
  ASSERT_TRUE(client.quit_group({.operator_ = "u2", .group_id = "g1"}));
  EXPECT_EQ(client.get_group_info({.groupId = "g1"})->owner, "u1") << "the owner left: the first other member owns it";
  ASSERT_TRUE(client.quit_group({.operator_ = "u1", .group_id = "g1"}));
  EXPECT_FALSE(fake.group("g1")) << "the last member left: dismissed";
  ASSERT_TRUE(client.dismiss_group({.operator_ = "u2", .group_id = "g2"}));
  EXPECT_EQ(code_of(client.get_group_info({.groupId = "g2"})), wf::ErrorCode::not_exist);
}

TEST_F(FakeWildfireTest, BroadcastMulticastAndSensitiveWords) {
  ASSERT_TRUE(client.create_user({.userId = "a", .name = "a"}));
  ASSERT_TRUE(client.create_user({.userId = "b", .name = "b"}));
  ASSERT_TRUE(client.create_user({.userId = "c", .name = "c"}));
  auto broadcast = client.broadcast_message({.sender = "a", .payload = {.type = 1, .searchableContent = "全体"}});
  ASSERT_TRUE(broadcast) << broadcast.error();
  EXPECT_EQ(broadcast->count, 2) << "every user but the sender";
  auto multicast = client.multicast_message({.sender = "a", .line = 1, .payload = {.type = 1}, .targets = {"b", "c"}});
  ASSERT_TRUE(multicast) << multicast.error();
  EXPECT_EQ(multicast->messageUid, broadcast->messageUid + 1) << "one counter";
  EXPECT_EQ(fake.last_message()->conv, (wf::Conversation{wf::ConversationType::private_, "a", 1})) << "stored as the sender's own";
  ASSERT_EQ(fake.sent_messages().size(), 2u);
  ASSERT_TRUE(client.recall_multicast_message({.operator_ = "a", .messageUid = multicast->messageUid, .receivers = {"b"}}));
  EXPECT_EQ(fake.message(multicast->messageUid)->payload.type, 80);
  EXPECT_EQ(code_of(client.broadcast_message({.sender = ""})), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(code_of(client.send_message({.sender = "a", .conv = {.type = static_cast<wf::ConversationType>(7), .target = "b"}})),
            wf::ErrorCode::invalid_parameter);

  ASSERT_TRUE(client.add_sensitive_words({.words = {"坏词", "bad"}}));
  EXPECT_EQ(client.get_sensitive_words({})->words, (std::vector<std::string>{"bad", "坏词"}));
  ASSERT_TRUE(client.remove_sensitive_words({.words = {"bad"}}));
  EXPECT_EQ(fake.sensitive_words(), std::vector<std::string>{"坏词"});
  EXPECT_EQ(code_of(client.add_sensitive_words({.words = {}})), wf::ErrorCode::invalid_parameter);
}

TEST_F(FakeWildfireTest, ProfessionalEditionPathsAreHttp500WithAnEmptyBody) {
  const auto is_500 = [](const auto& r) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, chatbind::ErrorKind::http_status);
    EXPECT_EQ(r.error().http_status, 500);
  };
  is_500(client.delete_message({.messageUid = 1}));
  is_500(client.mute_group_members({.operator_ = "u1", .group_id = "g", .members = {"u2"}, .is_manager = true}));
  is_500(client.allow_group_members({.operator_ = "u1", .group_id = "g", .members = {"u2"}, .is_manager = true}));
  is_500(client.recall_broadcast_message({.operator_ = "u1", .messageUid = 1}));
  is_500(client.update_message_content({.operator_ = "u1", .messageUid = 1, .payload = {.type = 1}}));
  is_500(client.clear_user_messages({.userId = "u1", .conversation = {.target = "u2"}}));
  is_500(client.delete_user_conversation({.userId = "u1", .conversation = {.target = "u2"}}));
  is_500(client.get_conversation_read_time({.userId = "u1", .target = "u2"}));
  is_500(client.get_message_delivery({.userId = "u1"}));
  auto raw = fake(chatbind::encode_request<wf::DeleteMessage>({.messageUid = 1}, fake.credentials()).value());
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 500);
  EXPECT_TRUE(raw->body.empty());
}

// ------------------------------------------------------- requests as the server reads and refuses them

/// Sends E a signed request whose body is `body` (as an SDK other than chatbind's writes it); the
/// fake's answer.
template <class E>
chatbind::HttpResponse send_body(const ct::FakeWildfire& fake, std::string body) {
  auto http = chatbind::encode_request<E>(typename E::request{}, fake.credentials());
  EXPECT_TRUE(http) << E::path;
  if (!http) return {};
  http->body = std::move(body);
  auto response = fake(*http);
  EXPECT_TRUE(response) << E::path;
  return response ? std::move(*response) : chatbind::HttpResponse{};
}

TEST_F(FakeWildfireTest, TheServerSdksMuteAllBodyIsAccepted) {
  // The JavaScript and Python server SDKs send "mute" where the pojo has "status": Gson skips the
  // unknown key and leaves status 0, and the server answers success.
  auto created = client.create_chatroom({.title = "t"});
  ASSERT_TRUE(created) << created.error();
  const std::string id = created->chatroomId;
  ASSERT_TRUE(client.set_chatroom_mute_all({.chatroomId = id, .status = wf::MuteAllStatus::muted}));
  const std::string sdk_body = R"({"chatroomId":")" + id + R"(","mute":1})";
  const auto raw = send_body<wf::SetChatroomMuteAll>(fake, sdk_body);
  EXPECT_EQ(raw.status, 200);
  EXPECT_EQ(raw.body, R"({"code":0,"msg":"success"})");
  EXPECT_EQ(fake.chatroom(id)->mute_all, wf::MuteAllStatus::unmuted) << "status 0, as the server reads it";
  const auto requests = fake.requests<wf::SetChatroomMuteAll>();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1], (wf::MuteAllRequest{.chatroomId = id, .status = wf::MuteAllStatus::unmuted}));
  const auto bodies = fake.bodies<wf::SetChatroomMuteAll>();
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[1], sdk_body) << "the SDK's mistake stays visible";
}

TEST_F(FakeWildfireTest, BodiesAreReadAsGsonBindsThem) {
  ASSERT_TRUE(client.create_user({.userId = "u1", .name = "n"}));
  ASSERT_TRUE(client.create_user({.userId = "42", .name = "numbered"}));
  const auto page = [&](std::string body) { return chatbind::decode_response<wf::ListUsers>(send_body<wf::ListUsers>(fake, std::move(body))); };
  // A null int is 0, a quoted number or an integral float a number (Gson's nextInt), the last of a
  // repeated key wins.
  for (const char* body : {R"({"count":1,"offset":null})", R"({"count":"1","offset":"0"})", R"({"count":"+1","offset":0})",
                           R"({"count":1.0,"offset":0e0})", R"({"count":"1e0"})", R"({"count":" 1 "})",
                           R"({"count":9,"count":1})"}) {
    auto r = page(body);
    ASSERT_TRUE(r) << body << ": " << r.error();
    EXPECT_EQ(r->userInfoList.size(), 1u) << body;
  }
  EXPECT_EQ(fake.requests<wf::ListUsers>().back(), (wf::ListUsersRequest{.count = 1, .offset = 0}));
  // What Gson refuses too: a fraction, a number past int, strings that are no number, an object.
  for (const char* body : {R"({"count":1.5})", R"({"count":"1.5"})", R"({"count":"99999999999"})", R"({"count":"1x"})",
                           R"({"count":{"n":1}})"}) {
    auto r = page(body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::invalid_parameter) << body;
  }
  // A number binds to a string as its text (Gson's nextString).
  auto user = chatbind::decode_response<wf::GetUserInfo>(send_body<wf::GetUserInfo>(fake, R"({"userId":42})"));
  ASSERT_TRUE(user) << user.error();
  EXPECT_EQ(user->name, "numbered");
  // A string binds to a boolean by Boolean.parseBoolean: "true" in any case, anything else false.
  ASSERT_TRUE(client.create_user({.userId = "u2", .name = "m"}));
  ASSERT_TRUE(client.create_user({.userId = "u3", .name = "o"}));
  EXPECT_EQ(send_body<wf::SendFriendRequest>(fake, R"({"userId":"u1","friendUid":"u2","force":"TRUE"})").body, R"({"code":0,"msg":"success"})");
  EXPECT_EQ(send_body<wf::SendFriendRequest>(fake, R"({"userId":"u3","friendUid":"u2","force":"1"})").body, R"({"code":0,"msg":"success"})");
  const auto requests = fake.requests<wf::SendFriendRequest>();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].force, true);
  EXPECT_EQ(requests[1].force, false);
}

TEST(FakeWildfireGson, BindsNestedArraysMissingMembersAndNulls) {
  using ct::wildfire_fake::gson_bind;
  // In an array's objects too: a missing or null string is "", a missing enum 0, a quoted one a number.
  auto dom = chatbind::json::parse(R"({"infos":[{"userId":7,"state":"2","unknown":[1]},{"userId":null},{}],"more":{}})");
  ASSERT_TRUE(dom);
  gson_bind<wf::ChatroomBlacklist>(*dom);
  auto list = chatbind::json::from_json<wf::ChatroomBlacklist>(*dom);
  ASSERT_TRUE(list) << list.error();
  EXPECT_EQ(list->infos, (std::vector<wf::BlacklistEntry>{{"7", wf::BlacklistStatus::forbidden_entry, std::nullopt},
                                                          {"", wf::BlacklistStatus::removed, std::nullopt},
                                                          {"", wf::BlacklistStatus::removed, std::nullopt}}));
  // A required array that is missing or null is empty; an optional member stays absent.
  for (const char* text : {R"({})", R"({"infos":null})"}) {
    auto empty = chatbind::json::parse(text);
    ASSERT_TRUE(empty);
    gson_bind<wf::ChatroomBlacklist>(*empty);
    EXPECT_EQ(chatbind::json::dump(*empty).value(), R"({"infos":[]})") << text;
  }
  // A required boolean that is missing or null is false; "True" is true.
  for (const auto& [text, value] : {std::pair{R"({})", false}, std::pair{R"({"value":null})", false}, std::pair{R"({"value":"True"})", true}}) {
    auto flag = chatbind::json::parse(text);
    ASSERT_TRUE(flag);
    gson_bind<wf::BooleanValueResult>(*flag);
    auto read = chatbind::json::from_json<wf::BooleanValueResult>(*flag);
    ASSERT_TRUE(read) << text << ": " << read.error();
    EXPECT_EQ(read->value, value) << text;
  }
}

TEST_F(FakeWildfireTest, AcceptedBodiesAreKeptAsTheyCame) {
  const std::string listed = R"({"count":3, "sdk_version":"js-1.0"})";
  EXPECT_TRUE(chatbind::decode_response<wf::ListUsers>(send_body<wf::ListUsers>(fake, listed)));
  send_body<wf::ListUsers>(fake, R"({"count":"three"})");  // refused (251): not accepted, not kept
  auto forged = fake.credentials();
  forged.secret = "guessed";
  EXPECT_FALSE(wf::Client(fake, forged).create_chatroom({.title = "refused before decoding"}));
  ASSERT_TRUE(client.create_chatroom({.chatroomId = "r1", .title = "t"}));
  fake.on<wf::DestroyChatroom>([](const auto&) -> ct::Reply<wf::DestroyChatroom> { return chatbind::Empty{}; });
  send_body<wf::DestroyChatroom>(fake, R"({"chatroomId":"r1"})");  // a scripted call's body is kept too

  EXPECT_EQ(fake.bodies<wf::ListUsers>(), std::vector<std::string>{listed}) << "byte for byte, the unknown key and the space too";
  EXPECT_EQ(fake.requests<wf::ListUsers>()[0].offset, 0) << "the decoded request has Gson's default";
  ASSERT_EQ(fake.bodies<wf::CreateChatroom>().size(), 1u);
  EXPECT_EQ(fake.bodies<wf::CreateChatroom>()[0], R"({"chatroomId":"r1","title":"t"})");
  EXPECT_EQ(fake.bodies<wf::DestroyChatroom>(), std::vector<std::string>{R"({"chatroomId":"r1"})"});
  EXPECT_TRUE(fake.bodies<wf::GetChatroomInfo>().empty());
  EXPECT_EQ(fake.calls().size(), 3u);
}

TEST_F(FakeWildfireTest, EveryPreActionErrorRepeatsItsResult) {
  // Action.doAction writes RestResult.resultOf(code, msg, RestResult.resultOf(code)): the inner
  // result's null result is left out by Gson. Nothing is accepted.
  const auto expect_body = [](const chatbind::Result<chatbind::HttpResponse>& raw, int code, const std::string& msg) {
    ASSERT_TRUE(raw);
    EXPECT_EQ(raw->status, 200);
    EXPECT_EQ(raw->header("Content-Type").substr(0, 16), "application/json");
    const std::string envelope = R"({"code":)" + std::to_string(code) + R"(,"msg":")" + msg + '"';
    EXPECT_EQ(raw->body, envelope + R"(,"result":)" + envelope + "}}");
  };
  auto http = chatbind::encode_request<wf::CreateChatroom>({.title = "t"}, fake.credentials());
  ASSERT_TRUE(http);
  auto unsigned_request = *http;
  std::erase_if(unsigned_request.headers, [](const chatbind::Header& h) { return h.name == "nonce"; });
  expect_body(fake(unsigned_request), 239, "api not signed or sign parameter not completion");
  auto credentials = fake.credentials();
  credentials.clock_ms = [this] { return now - two_hours - 1; };
  expect_body(fake(*chatbind::encode_request<wf::CreateChatroom>({.title = "t"}, credentials)), 243, "sign expired");
  credentials = fake.credentials();
  credentials.secret = "wrong";
  expect_body(fake(*chatbind::encode_request<wf::CreateChatroom>({.title = "t"}, credentials)), 244, "auth failure");

  const auto clock = [this] { return now; };
  const wf::RobotCredentials no_robot{.robot_id = "nobody", .secret = "s", .base_url = "http://fake.wildfire", .clock_ms = clock, .nonce = {}};
  expect_body(fake(*chatbind::encode_request<wf::RobotGetCallback>({}, no_robot)), 253, "not exist");
  auto no_rid = no_robot;
  no_rid.robot_id = "";
  expect_body(fake(*chatbind::encode_request<wf::RobotGetCallback>({}, no_rid)), 239, "api not signed or sign parameter not completion");
  const wf::ChannelCredentials no_channel{.channel_id = "nowhere", .secret = "s", .base_url = "http://fake.wildfire", .clock_ms = clock, .nonce = {}};
  expect_body(fake(*chatbind::encode_request<wf::ChannelGetProfile>({}, no_channel)), 236, "channel no exist");
  EXPECT_TRUE(fake.calls().empty());
}

TEST_F(FakeWildfireTest, TheTimestampCheckCanBeTurnedOff) {
  EXPECT_TRUE(fake.checks_time()) << "on by default, as the release server has it";
  ASSERT_TRUE(client.create_robot({.userId = "bot", .name = "bot"}));
  auto admin = fake.credentials();
  admin.clock_ms = [] { return std::int64_t{1'000'000}; };  // 1970: far past two hours
  auto robot = *fake.robot_credentials("bot");
  robot.clock_ms = admin.clock_ms;
  EXPECT_EQ(code_of(wf::Client(fake, admin).create_chatroom({.title = "t"})), wf::ErrorCode::sign_expired);

  fake.check_time(false);  // http.admin.no_check_time true
  EXPECT_FALSE(fake.checks_time());
  auto created = wf::Client(fake, admin).create_chatroom({.title = "t"});
  EXPECT_TRUE(created) << created.error();
  EXPECT_EQ(code_of(wf::RobotServiceClient(fake, robot).robot_get_callback({})), wf::ErrorCode::sign_expired)
      << "the robot API checks the time always";
  auto http = chatbind::encode_request<wf::CreateChatroom>({.title = "t"}, admin);
  ASSERT_TRUE(http);
  for (auto& h : http->headers)
    if (h.name == "timestamp") h.value = "soon";
  EXPECT_EQ(wf::error_code(chatbind::decode_response<wf::CreateChatroom>(*fake(*http)).error()), wf::ErrorCode::api_not_signed)
      << "the timestamp must still be a number";
  admin.secret = "wrong";
  EXPECT_EQ(code_of(wf::Client(fake, admin).create_chatroom({.title = "t"})), wf::ErrorCode::auth_failure) << "and the sign still checked";

  fake.check_time(true);
  admin = fake.credentials();
  admin.clock_ms = [] { return std::int64_t{1'000'000}; };
  EXPECT_EQ(code_of(wf::Client(fake, admin).create_chatroom({.title = "t"})), wf::ErrorCode::sign_expired);
}

TEST(FakeWildfireBounds, StateStopsAtMaxKept) {
  ct::FakeWildfire fake;
  wf::Client<ct::FakeWildfire> client{fake, fake.credentials()};
  for (std::size_t i = 0; i < ct::wildfire_fake::max_kept; ++i)
    ASSERT_TRUE(client.set_user_block_status({.userId = "u" + std::to_string(i), .status = wf::UserStatus::muted}));
  EXPECT_EQ(code_of(client.set_user_block_status({.userId = "one-more", .status = wf::UserStatus::muted})), wf::ErrorCode::server_error);
  EXPECT_TRUE(client.set_user_block_status({.userId = "u0", .status = wf::UserStatus::forbidden})) << "an existing entry still changes";
  const auto bodies = fake.bodies<wf::SetUserBlockStatus>();
  ASSERT_EQ(bodies.size(), ct::wildfire_fake::max_kept) << "the newest max_kept bodies";
  EXPECT_EQ(bodies.front(), R"({"userId":"u2","status":1})");
  EXPECT_EQ(bodies.back(), R"({"userId":"u0","status":2})");
}

TEST(FakeWildfireBounds, MessagesGroupsAndWordsStopAtMaxKept) {
  ct::FakeWildfire fake;
  wf::Client<ct::FakeWildfire> client{fake, fake.credentials()};
  for (std::size_t i = 0; i < ct::wildfire_fake::max_kept; ++i)
    ASSERT_TRUE(client.send_message({.sender = "a", .conv = {.target = "b"}, .payload = {.type = 1}}));
  EXPECT_EQ(code_of(client.send_message({.sender = "a", .conv = {.target = "b"}, .payload = {.type = 1}})), wf::ErrorCode::server_error);
  std::vector<wf::GroupMember> many;
  for (std::size_t i = 0; i < ct::wildfire_fake::max_kept; ++i) many.push_back({.member_id = "m" + std::to_string(i)});
  ASSERT_TRUE(client.create_group({.group = {.group_info = {.target_id = "big"}, .members = many}}));
  EXPECT_EQ(code_of(client.add_group_members({.group_id = "big", .members = {{.member_id = "one-more"}}})), wf::ErrorCode::server_error);
  EXPECT_TRUE(client.add_group_members({.group_id = "big", .members = {{.member_id = "m0", .alias = "x"}}})) << "an existing member still changes";
  std::vector<std::string> words;
  for (std::size_t i = 0; i < ct::wildfire_fake::max_kept; ++i) words.push_back("w" + std::to_string(i));
  ASSERT_TRUE(client.add_sensitive_words({.words = words}));
  EXPECT_EQ(code_of(client.add_sensitive_words({.words = {"one-more"}})), wf::ErrorCode::server_error);
}

}  // namespace
