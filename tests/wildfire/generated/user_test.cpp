// The Wildfire operations of spec/wildfire.yaml's tag `user` (users and robots of the server admin
// API). Source of every example: the spec's own (spec/wildfire.yaml, generated into
// spec_examples.hpp), which were constructed from the pojo fields of wildfirechat/im-server at
// c4421fc (no published document covers this group). Request encoding: the typed request gives the
// example's exact bytes; response decoding: the example decodes into the documented fields. Then
// the inputs whose types are special: the bare-string body, the body-less calls, the payload that
// is a JSON array, int64 times, open enums and int32 ranges.
#include "wildfire/generated/common.hpp"

#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

const wf::UserInfo kZhangsan{.userId = "user1",
                             .name = "zhangsan",
                             .displayName = "张三",
                             .portrait = "https://example.com/avatar/user1.png",
                             .gender = 1,
                             .mobile = "13800000001",
                             .email = "zhangsan@example.com",
                             .address = "北京",
                             .company = "野火",
                             .social = "",
                             .extra = R"({"level":1})",
                             .type = wf::UserType::normal};

// --------------------------------------------------------------------------- request encoding

TEST(WildfireUserRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::CreateUser>(kZhangsan);
  expect_example_request<wf::UpdateUser>(
      {.flag = static_cast<std::int32_t>(wf::UpdateUserInfoMask::display_name) | static_cast<std::int32_t>(wf::UpdateUserInfoMask::portrait),
       .userInfo = {.userId = "user1", .name = "zhangsan", .displayName = "张三丰", .portrait = "https://example.com/avatar/user1-new.png"}});
  expect_example_request<wf::DestroyUser>({.userId = "user1"});
  expect_example_request<wf::GetUserInfo>({.userId = "user1"});
  expect_example_request<wf::GetUsersByEmail>("zhangsan@example.com");
  expect_example_request<wf::ListUsers>({.count = 20, .offset = 0});
  expect_example_request<wf::CreateRobot>({.userId = "robot1",
                                           .name = "robot1",
                                           .displayName = "小助手",
                                           .portrait = "https://example.com/avatar/robot1.png",
                                           .owner = "user1",
                                           .callback = "http://192.168.1.10:8883/robot/recvmsg"});
  expect_example_request<wf::GetRobotInfo>({.robotId = "robot1"});
  expect_example_request<wf::GetUserToken>({.userId = "user1", .clientId = "3f2a9c1e-android", .platform = wf::ClientPlatform::android});
  expect_example_request<wf::SetUserBlockStatus>({.userId = "user1", .status = wf::UserStatus::forbidden});
  expect_example_request<wf::GetUserBlockStatus>({.userId = "user1"});
  expect_example_request<wf::GetUserOnlineStatus>({.userId = "user1"});
  expect_example_request<wf::KickoffUserClient>({.first = "user1", .second = "3f2a9c1e-android"});
  expect_example_request<wf::GetOnlineUsers>({.nodeId = 1, .offset = 0, .count = 100});
  expect_example_request<wf::GetUserSessions>({.userId = "user1"});
  expect_example_request<wf::GetApplicationUserInfo>({.authCode = "6b1f0e3a9c"});
}

TEST(WildfireUserRequest, TheBodyLessCallsSendNoBody) {
  // The SDK posts an empty entity; GetUserBlockListAction and GetUserOnlineCountAction read none.
  for (const auto& r : {encode<wf::GetBlockedUsers>({}), encode<wf::GetOnlineUserCount>({})}) {
    EXPECT_EQ(r.method, chatbind::Method::post);
    EXPECT_TRUE(r.body.empty());
    EXPECT_TRUE(r.query.empty());
    EXPECT_EQ(r.header("sign"), "b98f9b0717f59febccf1440067a7f50d9b31bdde") << "still signed";
  }
  EXPECT_EQ(encode<wf::GetBlockedUsers>({}).url(), "http://im.example.test:18080/admin/user/get_blocked_list");
  EXPECT_EQ(encode<wf::GetOnlineUserCount>({}).url(), "http://im.example.test:18080/admin/user/online_count");
}

TEST(WildfireUserRequest, TheEmailIsAJsonStringEscapedAsSuch) {
  // GetUsersByEmailAction reads the body with gson.fromJson(body, String.class): a JSON string.
  EXPECT_EQ(encode<wf::GetUsersByEmail>(R"(a"b\c@example.com)").body, R"("a\"b\\c@example.com")");
}

TEST(WildfireUserRequest, EnumsAndMasksTravelAsNumbers) {
  EXPECT_EQ(encode<wf::GetUserToken>({.userId = "u", .clientId = "c", .platform = wf::ClientPlatform::linux_}).body,
            R"({"userId":"u","clientId":"c","platform":7})")
      << "linux is ClientPlatform::linux_ (a predefined macro under -std=gnu++20)";
  EXPECT_EQ(encode<wf::GetUserToken>({.userId = "u", .clientId = "c"}).body, R"({"userId":"u","clientId":"c"})")
      << "an unset platform is left out (the server reads 0)";
  EXPECT_EQ(encode<wf::CreateUser>({.name = "n", .type = wf::UserType::super_admin}).body, R"({"name":"n","type":100})");
  EXPECT_EQ(encode<wf::UpdateUser>({.flag = static_cast<std::int32_t>(wf::UpdateUserInfoMask::name), .userInfo = {.userId = "u", .name = "n"}}).body,
            R"({"flag":512,"userInfo":{"userId":"u","name":"n"}})");
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireUserResponse, EveryOperationDecodesTheSpecExample) {
  const auto created = decode_example<wf::CreateUser>();
  EXPECT_EQ(created.userId, "user1");
  EXPECT_EQ(created.name, "zhangsan");
  decode_example<wf::UpdateUser>();
  decode_example<wf::DestroyUser>();

  const auto info = decode_example<wf::GetUserInfo>();
  wf::UserInfo expected = kZhangsan;
  expected.updateDt = 1711353600000;
  EXPECT_EQ(info, expected);
  EXPECT_FALSE(info.password) << "never sent back";
  const auto by_email = decode_example<wf::GetUsersByEmail>();
  EXPECT_EQ(by_email.userInfos, std::vector<wf::UserInfo>{expected});
  const auto all = decode_example<wf::ListUsers>();
  EXPECT_EQ(all.userInfoList, std::vector<wf::UserInfo>{expected});

  const auto robot = decode_example<wf::CreateRobot>();
  EXPECT_EQ(robot.userId, "robot1");
  EXPECT_EQ(robot.secret, "e0c4a0f5d1b94d4f9a8b3b4d2f6c7e8a");
  const auto robot_info = decode_example<wf::GetRobotInfo>();
  EXPECT_EQ(robot_info.name, "robot1");
  EXPECT_EQ(robot_info.mobile, "") << "unset strings come back as \"\"";
  EXPECT_EQ(robot_info.owner, "user1");
  EXPECT_EQ(robot_info.secret, "e0c4a0f5d1b94d4f9a8b3b4d2f6c7e8a");
  EXPECT_EQ(robot_info.callback, "http://192.168.1.10:8883/robot/recvmsg");
  EXPECT_EQ(robot_info.updateDt, 1711353600000);

  const auto token = decode_example<wf::GetUserToken>();
  EXPECT_EQ(token.userId, "user1");
  EXPECT_EQ(token.token, "Yk1zR0p4cVpYbGxSbFZ2TlZGd1FUMDk=");
  decode_example<wf::SetUserBlockStatus>();
  EXPECT_EQ(decode_example<wf::GetUserBlockStatus>().status, wf::UserStatus::normal);
  const auto blocked = decode_example<wf::GetBlockedUsers>();
  ASSERT_EQ(blocked.statusList.size(), 2u);
  EXPECT_EQ(blocked.statusList[0], (wf::UserBlockStatus{"user2", wf::UserStatus::forbidden}));
  EXPECT_EQ(blocked.statusList[1], (wf::UserBlockStatus{"user3", wf::UserStatus::muted}));

  const auto online = decode_example<wf::GetUserOnlineStatus>();
  ASSERT_EQ(online.sessions.size(), 1u);
  EXPECT_EQ(online.sessions[0].platform, wf::ClientPlatform::android);
  EXPECT_EQ(online.sessions[0].lastSeen, 1711353600000);
  EXPECT_EQ(online.sessions[0].packageName, "cn.wildfirechat.chat");
  decode_example<wf::KickoffUserClient>();
  EXPECT_EQ(decode_example<wf::GetOnlineUserCount>(), (std::vector<wf::OnlineCountNode>{{1, 128}}));
  const auto clients = decode_example<wf::GetOnlineUsers>();
  EXPECT_EQ(clients.userClients, (std::vector<wf::OnlineUserClient>{{"user1", "3f2a9c1e-android", wf::ClientPlatform::android}}));
  EXPECT_EQ(clients.totalCount, 1);
  EXPECT_EQ(clients.offset, 0);
  const auto sessions = decode_example<wf::GetUserSessions>();
  ASSERT_EQ(sessions.userSessions.size(), 1u);
  EXPECT_EQ(sessions.userSessions[0].pushType, 5);
  EXPECT_EQ(sessions.userSessions[0].deviceToken, "0a1b2c3d4e5f");
  EXPECT_FALSE(sessions.userSessions[0].deviceVoipToken);
  EXPECT_TRUE(sessions.userSessions[0].isOnline) << "the key keeps the Java field's \"is\"";
  const auto app = decode_example<wf::GetApplicationUserInfo>();
  EXPECT_EQ(app.userId, "user1");
  EXPECT_EQ(app.displayName, "张三");
  EXPECT_EQ(app.portraitUrl, "https://example.com/avatar/user1.png");
}

TEST(WildfireUserResponse, NotExistAndInvalidParameterAreNamedCodes) {
  auto missing = chatbind::decode_response<wf::GetUserInfo>(ok(R"({"code":253,"msg":"not exist"})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(wf::error_code(missing.error()), wf::ErrorCode::not_exist);
  auto robot = chatbind::decode_response<wf::GetUserToken>(ok(R"({"code":27,"msg":"robot no token"})"));
  ASSERT_FALSE(robot);
  EXPECT_EQ(wf::error_code(robot.error()), wf::ErrorCode::robot_no_token);
}

TEST(WildfireUserResponse, OpenEnumsKeepUnknownValues) {
  auto r = chatbind::decode_response<wf::GetOnlineUsers>(
      ok(R"({"code":0,"msg":"success","result":{"userClients":[{"userId":"u","clientId":"c","platform":99}],"totalCount":1,"offset":0}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(static_cast<int>(r->userClients[0].platform), 99) << "a platform newer than the spec is kept";
  auto status = chatbind::decode_response<wf::GetUserBlockStatus>(ok(R"({"code":0,"msg":"success","result":{"status":5}})"));
  ASSERT_TRUE(status) << status.error();
  EXPECT_EQ(static_cast<int>(status->status), 5);
}

TEST(WildfireUserResponse, SpecialTypesRefuseBadInput) {
  struct Case {
    const char* name;
    chatbind::Result<chatbind::Empty> (*decode)(std::string_view);
    const char* body;
    ErrorKind kind;
    std::string path;
  };
  const auto as = []<class E>(E) {
    return +[](std::string_view body) -> chatbind::Result<chatbind::Empty> {
      auto r = chatbind::decode_response<E>(ok(body));
      if (!r) return r.error();
      return chatbind::Empty{};
    };
  };
  const Case cases[] = {
      {"updateDt as a string", as(wf::GetUserInfo{}), R"({"code":0,"msg":"success","result":{"name":"n","updateDt":"1711353600000"}})",
       ErrorKind::schema, "result.updateDt"},
      {"updateDt as a fraction", as(wf::GetUserInfo{}), R"({"code":0,"msg":"success","result":{"name":"n","updateDt":1.5}})",
       ErrorKind::schema, "result.updateDt"},
      {"lastSeen past int64", as(wf::GetUserOnlineStatus{}),
       R"({"code":0,"msg":"success","result":{"sessions":[{"clientId":"c","userId":"u","platform":2,"lastSeen":9223372036854775808}]}})",
       ErrorKind::schema, "result.sessions[0].lastSeen"},
      {"gender past int32", as(wf::GetUserInfo{}), R"({"code":0,"msg":"success","result":{"name":"n","gender":2147483648}})",
       ErrorKind::schema, "result.gender"},
      {"isOnline as 2 (a flag reads true, false, 0 or 1 only)", as(wf::GetUserSessions{}),
       R"({"code":0,"msg":"success","result":{"userSessions":[{"userId":"u","clientId":"c","platform":2,"pushType":0,"isOnline":2}]}})",
       ErrorKind::schema, "result.userSessions[0].isOnline"},
      {"online_count's array as an object", as(wf::GetOnlineUserCount{}), R"({"code":0,"msg":"success","result":{"node":1,"count":2}})",
       ErrorKind::schema, "result"},
      {"a user without its name", as(wf::GetUsersByEmail{}), R"({"code":0,"msg":"success","result":{"userInfos":[{"userId":"u"}]}})",
       ErrorKind::schema, "result.userInfos[0].name"},
  };
  for (const auto& c : cases) {
    auto r = c.decode(c.body);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().kind, c.kind) << c.name << ": " << r.error();
    EXPECT_EQ(r.error().path, c.path) << c.name << ": " << r.error();
  }
  auto max = chatbind::decode_response<wf::GetUserOnlineStatus>(
      ok(R"({"code":0,"msg":"success","result":{"sessions":[{"clientId":"c","userId":"u","platform":2,"lastSeen":9223372036854775807}]}})"));
  ASSERT_TRUE(max) << max.error();
  EXPECT_EQ(max->sessions[0].lastSeen, INT64_MAX) << "int64 is exact, past 2^53";
}

// ------------------------------------------- the user settings and batch lookup (professional edition)

TEST(WildfireUserRequest, TheSettingsAndBatchCallsEncodeTheSpecExample) {
  expect_example_request<wf::PutUserSetting>({.userId = "user1", .scope = wf::UserSettingScope::conversation_top, .key = "1-0-group1", .value = "1"});
  expect_example_request<wf::GetUserSetting>({.userId = "user1", .scope = wf::UserSettingScope::conversation_top, .key = "1-0-group1"});
  expect_example_request<wf::BatchGetUserInfos>({.list = {"user1", "user2"}});
  EXPECT_EQ(encode<wf::PutUserSetting>({.userId = "u", .scope = wf::UserSettingScope::favourite_group, .key = "g"}).body,
            R"({"userId":"u","scope":6,"key":"g"})")
      << "scope 6 is a favourite group (user_setting.md and the broker; group_api.md says remark)";
}

TEST(WildfireUserResponse, TheSettingsAndBatchCallsDecodeTheSpecExample) {
  decode_example<wf::PutUserSetting>();
  const auto setting = decode_example<wf::GetUserSetting>();
  EXPECT_EQ(setting.userId, "user1");
  EXPECT_EQ(setting.scope, wf::UserSettingScope::conversation_top);
  EXPECT_EQ(setting.key, "1-0-group1");
  EXPECT_EQ(setting.value, "1");
  const auto users = decode_example<wf::BatchGetUserInfos>();
  ASSERT_EQ(users.size(), 2u) << "the payload is a JSON array";
  EXPECT_EQ(users[0].userId, "user1");
  EXPECT_EQ(users[0].displayName, "张三");
  EXPECT_EQ(users[1].name, "lisi");
  EXPECT_FALSE(users[1].mobile);
}

TEST(WildfireUserResponse, TheSettingsAndBatchCallsRefuseBadInput) {
  expect_schema_error<wf::GetUserSetting>(R"({"code":0,"msg":"success","result":{"userId":"u","key":"k","value":"v"}})", "result.scope");
  expect_schema_error<wf::GetUserSetting>(R"({"code":0,"msg":"success","result":{"scope":"3"}})", "result.scope");
  expect_schema_error<wf::BatchGetUserInfos>(R"({"code":0,"msg":"success","result":{"userInfos":[]}})", "result");
  expect_schema_error<wf::BatchGetUserInfos>(R"({"code":0,"msg":"success","result":[{"userId":"u"}]})", "result[0].name");
}

}  // namespace
