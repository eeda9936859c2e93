// The Wildfire operations of spec/wildfire.yaml's tag `robot_service` (the robot API, /robot/*:
// calls a robot's service makes as that robot; C++ RobotServiceClient, after the Java SDK's
// RobotService). Source of every example: the spec's own (spec_examples.hpp), constructed from the
// pojos the robot Actions of wildfirechat/im-server c4421fc read and write (InputGetUserInfo,
// InputOutputUserInfo, OutputRobot, SendMessageData, IntStringPairPojo, PojoGroup, …). Each call is
// signed with the robot's own secret and carries its id as `rid` (RobotAction.preAction), on the
// IM server's client port: the typed request encodes to the example's exact bytes as such a call;
// the example responses decode into the documented fields; then the differences from the admin
// versions (no `operator`), the signing and typed errors.
#include "wildfire/generated/common.hpp"
#include "chatbind/wildfire/generated/robot_service.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

const std::vector<std::int32_t> kLine0{0};
constexpr std::int64_t kUid = 1790123456789012345;

// --------------------------------------------------------------------------- request encoding

TEST(WildfireRobotServiceRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::RobotGetUserInfo>({.userId = "user1"});
  expect_bodyless_request<wf::RobotGetProfile>();
  expect_example_request<wf::RobotSendMessage>({.conv = {.type = wf::ConversationType::group, .target = "group_robot1", .line = 0},
                                                .payload = {.type = 1, .searchableContent = "你好，我是机器人"}});
  expect_example_request<wf::RobotRecallMessage>({.messageUid = kUid});
  expect_example_request<wf::RobotUpdateMessage>({.messageUid = kUid,
                                                  .payload = {.type = 1, .searchableContent = "已更新的内容"},
                                                  .distribute = chatbind::IntBool{true},
                                                  .updateTimestamp = 0});
  expect_example_request<wf::RobotSetCallback>({.url = "http://192.168.1.20:8883/robot/recvmsg"});
  expect_bodyless_request<wf::RobotGetCallback>();
  expect_bodyless_request<wf::RobotDeleteCallback>();
  expect_example_request<wf::RobotUpdateProfile>({.intValue = wf::MyInfoType::display_name, .strValue = "小火机器人"});
  expect_example_request<wf::RobotGetApplicationUserInfo>({.authCode = "a1b2c3d4e5"});
  expect_example_request<wf::RobotAddGroupMembers>(
      {.to_lines = kLine0, .group_id = "group_robot1", .members = {{.member_id = "user2"}, {.member_id = "user3", .alias = "李四"}}});
  expect_example_request<wf::RobotAllowGroupMembers>({.to_lines = kLine0, .group_id = "group_robot1", .members = {"user1"}, .is_manager = true});
  expect_example_request<wf::RobotCreateGroup>(
      {.to_lines = kLine0,
       .group = {.group_info = {.name = "机器人群", .portrait = "https://example.com/group/robot.png", .type = wf::GroupType::restricted},
                 .members = std::vector<wf::GroupMember>{{.member_id = "FireRobot", .type = wf::GroupMemberType::owner}, {.member_id = "user1"}}}});
  expect_example_request<wf::RobotDismissGroup>({.to_lines = kLine0, .group_id = "group_robot1"});
  expect_example_request<wf::RobotGetGroupInfo>({.groupId = "group_robot1"});
  expect_example_request<wf::RobotGetGroupMembers>({.groupId = "group_robot1"});
  expect_example_request<wf::RobotGetGroupMember>({.groupId = "group_robot1", .memberId = "user1"});
  expect_example_request<wf::RobotKickoffGroupMembers>({.to_lines = kLine0, .group_id = "group_robot1", .members = {"user3"}});
  expect_example_request<wf::RobotModifyGroupInfo>({.to_lines = kLine0,
                                                    .notify_message = wf::MessagePayload{.type = 1, .searchableContent = "机器人修改了群组"},
                                                    .group_id = "group_robot1",
                                                    .type = wf::ModifyGroupInfoType::name,
                                                    .value = "新群名"});
  expect_example_request<wf::RobotSetGroupMemberAlias>({.to_lines = kLine0, .group_id = "group_robot1", .memberId = "FireRobot", .alias = "群助手"});
  expect_example_request<wf::RobotSetGroupMemberExtra>({.to_lines = kLine0, .group_id = "group_robot1", .memberId = "user1", .extra = R"({"level":1})"});
  expect_example_request<wf::RobotMuteGroupMembers>({.to_lines = kLine0, .group_id = "group_robot1", .members = {"user2"}, .is_manager = true});
  expect_example_request<wf::RobotQuitGroup>({.to_lines = kLine0, .group_id = "group_robot1"});
  expect_example_request<wf::RobotTransferGroup>({.to_lines = kLine0, .group_id = "group_robot1", .new_owner = "user1"});
  expect_example_request<wf::RobotSetGroupManager>({.to_lines = kLine0, .group_id = "group_robot1", .members = {"user1"}, .is_manager = true});
  expect_example_request<wf::RobotSendConferenceRequest>({.userId = "FireRobot",
                                                          .clientId = "robot_client_1",
                                                          .request = "join",
                                                          .sessionId = 123456,
                                                          .roomId = "room1",
                                                          .data = "{}",
                                                          .advance = false});
}

TEST(WildfireRobotServiceRequest, SignedWithTheRobotsSecretNotTheAdmins) {
  const auto r = encode<wf::RobotGetUserInfo>({.userId = "u"});
  EXPECT_EQ(r.header("rid"), "FireRobot");
  EXPECT_EQ(r.header("sign"), wf::sign("76616", "robot-secret-FireRobot", 1558350862502));
  EXPECT_NE(r.header("sign"), kSign) << "the admin secret signs nothing here";
  // Another robot with the same secret: only rid changes; another secret: only sign.
  wf::RobotCredentials other = kRobotCredentials;
  other.robot_id = "robot2";
  auto by_other = chatbind::encode_request<wf::RobotGetUserInfo>({.userId = "u"}, other);
  ASSERT_TRUE(by_other) << by_other.error();
  EXPECT_EQ(by_other->header("rid"), "robot2");
  EXPECT_EQ(by_other->header("sign"), kRobotSign);
  other.secret = "another-secret";
  auto resigned = chatbind::encode_request<wf::RobotGetUserInfo>({.userId = "u"}, other);
  ASSERT_TRUE(resigned) << resigned.error();
  EXPECT_NE(resigned->header("sign"), kRobotSign);
  EXPECT_EQ(resigned->header("sign"), wf::sign("76616", "another-secret", 1558350862502));
}

TEST(WildfireRobotServiceRequest, TheDefaultBaseUrlIsTheClientPort) {
  auto r = chatbind::encode_request<wf::RobotGetProfile>({}, wf::RobotCredentials{.robot_id = "r", .secret = "s", .nonce = [] { return std::string{"n"}; }});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->url(), "http://localhost/robot/profile") << "port 80, not the admin port 18080";
}

TEST(WildfireRobotServiceRequest, TheGroupCallsHaveNoOperator) {
  // RobotAction overwrites the operator with the robot: the robot versions do not send one.
  EXPECT_EQ(encode<wf::RobotDismissGroup>({.group_id = "g"}).body, R"({"group_id":"g"})");
  EXPECT_EQ(encode<wf::RobotTransferGroup>({.group_id = "g", .new_owner = "u"}).body, R"({"group_id":"g","new_owner":"u"})");
  EXPECT_EQ(encode<wf::RobotSendMessage>({.conv = {.type = wf::ConversationType::private_, .target = "u"}, .payload = {.type = 1}}).body,
            R"({"conv":{"type":0,"target":"u"},"payload":{"type":1}})")
      << "no sender: the robot is the sender";
}

TEST(WildfireRobotServiceRequest, TheProfileUpdateIsAnIntStringPair) {
  EXPECT_EQ(encode<wf::RobotUpdateProfile>({.intValue = wf::MyInfoType::gender, .strValue = "1"}).body, R"({"intValue":2,"strValue":"1"})");
  EXPECT_EQ(encode<wf::RobotUpdateMessage>({.messageUid = kUid + 1, .payload = {.type = 1}, .distribute = chatbind::IntBool{false}}).body,
            R"({"messageUid":1790123456789012346,"payload":{"type":1},"distribute":0})")
      << "an exact int64 and an int-bool";
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireRobotServiceResponse, EveryOperationDecodesTheSpecExample) {
  const auto user = decode_example<wf::RobotGetUserInfo>();
  EXPECT_EQ(user.userId, "user1");
  EXPECT_EQ(user.name, "zhangsan");
  EXPECT_EQ(user.displayName, "张三");
  EXPECT_EQ(user.mobile, "13900000001");
  EXPECT_EQ(user.type, wf::UserType::normal);
  EXPECT_EQ(user.updateDt, 1711353600000);

  const auto profile = decode_example<wf::RobotGetProfile>();
  EXPECT_EQ(profile.userId, "FireRobot");
  EXPECT_EQ(profile.displayName, "小火");
  EXPECT_EQ(profile.owner, "user1");
  EXPECT_EQ(profile.callback, "http://192.168.1.20:8883/robot/recvmsg");
  EXPECT_EQ(profile.robotExtra, "");
  EXPECT_FALSE(profile.secret) << "/robot/profile does not return the secret";

  const auto sent = decode_example<wf::RobotSendMessage>();
  EXPECT_EQ(sent.messageUid, kUid);
  EXPECT_EQ(sent.timestamp, 1711353600000);
  EXPECT_EQ(decode_example<wf::RobotRecallMessage>(), "");
  decode_example<wf::RobotUpdateMessage>();
  decode_example<wf::RobotSetCallback>();
  EXPECT_EQ(decode_example<wf::RobotGetCallback>().url, "http://192.168.1.20:8883/robot/recvmsg");
  decode_example<wf::RobotDeleteCallback>();
  decode_example<wf::RobotUpdateProfile>();
  const auto app = decode_example<wf::RobotGetApplicationUserInfo>();
  EXPECT_EQ(app.userId, "user1");
  EXPECT_EQ(app.displayName, "张三");
  EXPECT_EQ(app.portraitUrl, "https://example.com/avatar/user1.png");

  decode_example<wf::RobotAddGroupMembers>();
  decode_example<wf::RobotAllowGroupMembers>();
  EXPECT_EQ(decode_example<wf::RobotCreateGroup>().group_id, "group_robot1");
  decode_example<wf::RobotDismissGroup>();
  const auto info = decode_example<wf::RobotGetGroupInfo>();
  EXPECT_EQ(info.target_id, "group_robot1");
  EXPECT_EQ(info.name, "机器人群");
  EXPECT_EQ(info.owner, "FireRobot");
  EXPECT_EQ(info.type, wf::GroupType::restricted);
  EXPECT_EQ(info.super_group, false);
  const auto members = decode_example<wf::RobotGetGroupMembers>();
  ASSERT_EQ(members.members.size(), 2u);
  EXPECT_EQ(members.members[0].member_id, "FireRobot");
  EXPECT_EQ(members.members[0].type, wf::GroupMemberType::owner);
  const wf::GroupMember zhangsan{.member_id = "user1", .alias = "张三", .type = wf::GroupMemberType::normal, .extra = "", .createDt = 1711353600000};
  EXPECT_EQ(members.members[1], zhangsan);
  EXPECT_EQ(decode_example<wf::RobotGetGroupMember>(), zhangsan);
  decode_example<wf::RobotKickoffGroupMembers>();
  decode_example<wf::RobotModifyGroupInfo>();
  decode_example<wf::RobotSetGroupMemberAlias>();
  decode_example<wf::RobotSetGroupMemberExtra>();
  decode_example<wf::RobotMuteGroupMembers>();
  decode_example<wf::RobotQuitGroup>();
  decode_example<wf::RobotTransferGroup>();
  decode_example<wf::RobotSetGroupManager>();
  EXPECT_EQ(decode_example<wf::RobotSendConferenceRequest>(), "{}") << "the conference service's answer, as text";
}

TEST(WildfireRobotServiceResponse, TheSigningCodesAreNamed) {
  // A failed check repeats the envelope inside result; code is read first.
  auto bad_sign = chatbind::decode_response<wf::RobotGetProfile>(
      ok(R"({"code":244,"msg":"auth failure","result":{"code":244,"msg":"auth failure"}})"));
  ASSERT_FALSE(bad_sign);
  EXPECT_EQ(wf::error_code(bad_sign.error()), wf::ErrorCode::auth_failure);
  auto no_robot = chatbind::decode_response<wf::RobotGetProfile>(ok(R"({"code":253,"msg":"not exist"})"));
  ASSERT_FALSE(no_robot);
  EXPECT_EQ(wf::error_code(no_robot.error()), wf::ErrorCode::not_exist);
  auto code = chatbind::decode_response<wf::RobotGetApplicationUserInfo>(ok(R"({"code":70,"msg":"token error"})"));
  ASSERT_FALSE(code);
  EXPECT_EQ(wf::error_code(code.error()), wf::ErrorCode::application_token_error_or_timeout);
}

TEST(WildfireRobotServiceResponse, BadInputIsATypedError) {
  expect_schema_error<wf::RobotGetCallback>(R"({"code":0,"msg":"success","result":{}})", "result.url");
  expect_schema_error<wf::RobotGetProfile>(R"({"code":0,"msg":"success","result":{"userId":"r"}})", "result.name");
  expect_schema_error<wf::RobotSendMessage>(R"({"code":0,"msg":"success","result":{"messageUid":"1790123456789012345","timestamp":1}})",
                                            "result.messageUid");
  expect_schema_error<wf::RobotRecallMessage>(R"({"code":0,"msg":"success","result":{}})", "result");
  expect_schema_error<wf::RobotGetGroupMember>(R"({"code":0,"msg":"success","result":{"member_id":"u","type":"0"}})", "result.type");
}

}  // namespace
