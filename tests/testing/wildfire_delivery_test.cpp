// Wildfire's robot API and event callbacks against FakeWildfire: the robot authenticates with its
// own secret and `rid` (the codes of RobotAction.preAction when it does not), sends as itself, keeps
// its callback URL as SetCallbackAction does; the fake's callbacks (the message forward, a robot's
// messages) are POSTed by WebhookPusher over loopback to a wildfire::CallbackServer, and decode there.
#include "chatbind/testing/webhook_pusher.hpp"
#include "chatbind/testing/wildfire.hpp"
#include "chatbind/transport/httplib.hpp"
#include "chatbind/wildfire.hpp"
#include "chatbind/wildfire/callback_server.hpp"

#include "common/eventually.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using chatbind::test::eventually;

namespace wf = chatbind::wildfire;
using chatbind::testing::FakeWildfire;
using std::chrono::milliseconds;


wf::MessagePayload text(std::string s) {
  wf::MessagePayload p;
  p.type = 1;
  p.searchableContent = std::move(s);
  return p;
}

/// A fake with users alice and bob, a robot "helper" whose callback is `callback`, and a group of
/// the three; returns the robot's secret.
std::string populate(FakeWildfire& fake, const std::string& callback = "") {
  wf::Client admin{fake, fake.credentials()};
  for (const char* id : {"alice", "bob"}) EXPECT_TRUE(admin.create_user({.userId = id, .name = id}));
  auto robot = admin.create_robot({.userId = "helper", .name = "helper", .owner = "alice", .callback = callback});
  EXPECT_TRUE(robot) << robot.error();
  wf::GroupInfo info;
  info.target_id = "g1";
  info.name = "G";
  info.owner = "alice";
  std::vector<wf::GroupMember> members;
  for (const char* id : {"alice", "bob", "helper"}) members.push_back({.member_id = id});
  EXPECT_TRUE(admin.create_group({.operator_ = "alice", .group = {.group_info = info, .members = members}}));
  return robot ? robot->secret : "";
}

/// Hands every callback the fake sent to `d` on its default path, as a CallbackServer would, expecting
/// each to be taken (200); returns their names in order.
std::vector<std::string> replay_callbacks(const FakeWildfire& fake, wf::CallbackDispatcher d) {
  wf::CallbackHandler handler{std::move(d)};
  std::vector<std::string> names;
  for (const auto& c : fake.callbacks()) {
    names.push_back(c.name);
    const auto reply = handler.handle("POST", "/wildfire/" + c.name, c.body);
    EXPECT_EQ(reply.status, 200) << c.name << ": " << reply.body;
  }
  return names;
}

TEST(WildfireRobotApi, TheRobotSignsWithItsOwnSecretAndSendsAsItself) {
  FakeWildfire fake;
  const std::string secret = populate(fake);
  ASSERT_FALSE(secret.empty());
  auto credentials = fake.robot_credentials("helper");
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->secret, secret);
  wf::RobotServiceClient robot{fake, *credentials};
  auto sent = robot.robot_send_message({.conv = {.type = wf::ConversationType::group, .target = "g1", .line = 0}, .payload = text("hi")});
  ASSERT_TRUE(sent) << sent.error();
  auto stored = fake.message(sent->messageUid);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->sender, "helper") << "the server sets the sender to the calling robot";
  EXPECT_EQ(stored->payload.searchableContent, "hi");
  const auto last = fake.calls().back();
  EXPECT_EQ(last.path, "/robot/message/send");
}

TEST(WildfireRobotApi, PreActionCodesInTheServersOrder) {
  FakeWildfire fake;
  const std::string secret = populate(fake);
  const auto send = [&](wf::RobotCredentials c) {
    wf::RobotServiceClient robot{fake, std::move(c)};
    return robot.robot_send_message({.conv = {.type = wf::ConversationType::group, .target = "g1", .line = 0}, .payload = text("x")});
  };
  const auto base = *fake.robot_credentials("helper");
  const auto code_of = [](const auto& r) { return r ? wf::ErrorCode::success : wf::error_code(r.error()); };

  auto no_rid = base;
  no_rid.robot_id = "";
  EXPECT_EQ(code_of(send(no_rid)), wf::ErrorCode::api_not_signed);
  auto stranger = base;
  stranger.robot_id = "alice";  // a user, not a robot
  EXPECT_EQ(code_of(send(stranger)), wf::ErrorCode::not_exist);
  auto wrong = base;
  wrong.secret = "guess";
  const auto denied = send(wrong);
  EXPECT_EQ(code_of(denied), wf::ErrorCode::auth_failure);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().describe().find("guess"), std::string::npos);
  EXPECT_EQ(denied.error().describe().find(secret), std::string::npos);
  auto old = base;
  old.clock_ms = [] { return std::int64_t{1'000'000}; };  // 1970: far past two hours
  EXPECT_EQ(code_of(send(old)), wf::ErrorCode::sign_expired);
  auto admin_secret = base;
  admin_secret.secret = fake.credentials().secret;  // the admin secret does not sign robot calls
  EXPECT_EQ(code_of(send(admin_secret)), wf::ErrorCode::auth_failure);
  EXPECT_TRUE(send(base));
  // And the admin API does not take the robot's secret.
  wf::Client as_robot{fake, wf::Credentials{.secret = secret}};
  auto refused = as_robot.get_user_info({.userId = "alice"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(wf::error_code(refused.error()), wf::ErrorCode::auth_failure);
}

TEST(WildfireRobotApi, TheCallbackUrlIsKeptUntilDeleted) {
  FakeWildfire fake;
  populate(fake, "http://127.0.0.1:1/first");
  wf::RobotServiceClient robot{fake, *fake.robot_credentials("helper")};
  auto read = robot.robot_get_callback({});
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->url, "http://127.0.0.1:1/first");
  ASSERT_TRUE(robot.robot_set_callback({.url = "http://127.0.0.1:1/second"}));
  EXPECT_EQ(robot.robot_get_callback({})->url, "http://127.0.0.1:1/first") << "SetCallbackAction keeps an existing URL";
  ASSERT_TRUE(robot.robot_delete_callback({}));
  EXPECT_EQ(robot.robot_get_callback({})->url, "");
  ASSERT_TRUE(robot.robot_set_callback({.url = "http://127.0.0.1:1/second"}));
  EXPECT_EQ(robot.robot_get_callback({})->url, "http://127.0.0.1:1/second");
}

TEST(WildfireCallbackDelivery, TheFakesCallbacksReachTheReceiverOverLoopback) {
  std::mutex mutex;
  std::vector<wf::MessageData> forwarded, to_robot;
  wf::CallbackDispatcher d;
  d.on<wf::MessageWebhook>([&](const wf::MessageData& m) {
    std::lock_guard lock{mutex};
    forwarded.push_back(m);
  });
  d.on<wf::RobotMessageWebhook>([&](const wf::MessageData& m) {
    std::lock_guard lock{mutex};
    to_robot.push_back(m);
  });
  std::vector<chatbind::Error> errors;
  wf::CallbackServer receiver{std::move(d), {}, [&](const chatbind::Error& e) {
                                std::lock_guard lock{mutex};
                                errors.push_back(e);
                              }};
  receiver.handler().route<wf::MessageWebhook>("/im_event/message");
  ASSERT_TRUE(receiver.start());

  FakeWildfire fake;
  chatbind::testing::WebhookPushers pushers;
  fake.on_callback([&](const FakeWildfire::Callback& c) { pushers.push(c.url, c.body); });
  ASSERT_TRUE(fake.set_callback_url("message", receiver.url<wf::MessageWebhook>()));
  populate(fake, receiver.url<wf::RobotMessageWebhook>());

  wf::Client admin{fake, fake.credentials()};
  auto asked = admin.send_message({.sender = "bob", .conv = {.type = wf::ConversationType::private_, .target = "helper", .line = 0},
                                   .payload = text("ping")});
  ASSERT_TRUE(asked) << asked.error();
  wf::RobotServiceClient robot{fake, *fake.robot_credentials("helper")};
  auto said = robot.robot_send_message({.conv = {.type = wf::ConversationType::group, .target = "g1", .line = 0}, .payload = text("pong")});
  ASSERT_TRUE(said) << said.error();

  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock{mutex};
    return forwarded.size() == 2 && to_robot.size() == 1;
  }));
  std::lock_guard lock{mutex};
  EXPECT_EQ(forwarded[0].messageId, asked->messageUid);
  EXPECT_EQ(forwarded[1].messageId, said->messageUid);
  EXPECT_EQ(forwarded[1].sender, "helper");
  EXPECT_EQ(to_robot[0].sender, "bob") << "the robot's own group message is not posted back to it";
  EXPECT_EQ(to_robot[0].payload.searchableContent, "ping");
  EXPECT_TRUE(errors.empty());
  const auto sent = fake.callbacks();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].name, "message");
  EXPECT_EQ(sent[1].name, "robotMessage");
  EXPECT_EQ(sent[1].url, receiver.url<wf::RobotMessageWebhook>());
  EXPECT_TRUE(pushers.wait_idle());
  EXPECT_EQ(pushers.dropped(), 0u);
  receiver.stop();
}

TEST(WildfireCallbackDelivery, GroupRelationAndOnlineChangesAreCalledBackAndDecodeAsTheirWebhooks) {
  FakeWildfire fake;
  for (const char* name : {"groupInfo", "groupMember", "relation", "userOnlineStatus"})
    ASSERT_TRUE(fake.set_callback_url(name, std::string{"http://127.0.0.1:1/"} + name));  // recorded; nothing delivers them
  populate(fake);
  wf::Client admin{fake, fake.credentials()};
  ASSERT_TRUE(admin.add_group_members({.operator_ = "alice", .group_id = "g1", .members = {{.member_id = "carol"}}}));
  ASSERT_TRUE(admin.kickoff_group_members({.operator_ = "alice", .group_id = "g1", .members = {"bob"}}));
  ASSERT_TRUE(admin.set_friend_status({.userId = "alice", .friendUid = "bob", .status = wf::FriendStatus::friend_}));
  ASSERT_TRUE(admin.dismiss_group({.operator_ = "alice", .group_id = "g1"}));
  ASSERT_TRUE(fake.connect("bob", "bob-phone", wf::ClientPlatform::ios));
  ASSERT_FALSE(admin.kickoff_group_members({.operator_ = "alice", .group_id = "nope", .members = {"bob"}}));  // no callback

  std::vector<wf::GroupInfoEvent> infos;
  std::vector<wf::GroupMemberEvent> members;
  std::vector<wf::RelationEvent> relations;
  std::vector<wf::UserOnlineEvent> online;
  wf::CallbackDispatcher d;
  d.on<wf::GroupInfoWebhook>([&](const wf::GroupInfoEvent& e) { infos.push_back(e); });
  d.on<wf::GroupMemberWebhook>([&](const wf::GroupMemberEvent& e) { members.push_back(e); });
  d.on<wf::RelationWebhook>([&](const wf::RelationEvent& e) { relations.push_back(e); });
  d.on<wf::UserOnlineStatusWebhook>([&](const wf::UserOnlineEvent& e) { online.push_back(e); });
  const std::vector<std::string> names = replay_callbacks(fake, std::move(d));
  EXPECT_EQ(names, (std::vector<std::string>{"groupInfo", "groupMember", "groupMember", "relation", "groupInfo", "userOnlineStatus"}));
  ASSERT_EQ(infos.size(), 2u);
  EXPECT_EQ(infos[0].type, wf::GroupEventType::create);
  EXPECT_EQ(infos[0].groupInfo.name, "G");
  EXPECT_EQ(infos[1].type, wf::GroupEventType::destroy);
  EXPECT_EQ(infos[1].groupId, "g1");
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].type, wf::GroupMemberEventType::join);
  EXPECT_EQ(members[0].memberIds, (std::vector<std::string>{"carol"}));
  EXPECT_EQ(members[1].type, wf::GroupMemberEventType::kickoff);
  EXPECT_EQ(members[1].operatorId, "alice");
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].value, "1");
  EXPECT_EQ(relations[0].targetId, "bob");
  ASSERT_EQ(online.size(), 1u);
  EXPECT_EQ(online[0].clientId, "bob-phone");
  EXPECT_EQ(online[0].platform, wf::ClientPlatform::ios);
  ASSERT_EQ(online[0].sessions.size(), 1u);
  EXPECT_EQ(online[0].sessions[0].clientId, "bob") << "the server's swap: clientId carries the user id";
  EXPECT_EQ(online[0].sessions[0].userId, "bob-phone");
}

TEST(WildfireCallbackDelivery, UserChatroomChannelRecallAndMentionChangesAreCalledBack) {
  FakeWildfire fake;
  populate(fake);
  for (const char* name : {"userInfo", "chatroomInfo", "channelInfo", "recallMessage", "mentionMessage"})
    ASSERT_TRUE(fake.set_callback_url(name, std::string{"http://127.0.0.1:1/"} + name));
  wf::Client admin{fake, fake.credentials()};
  ASSERT_TRUE(admin.create_user({.userId = "carol", .name = "carol"}));
  wf::UpdateUserRequest update;
  update.flag = static_cast<std::int32_t>(wf::UpdateUserInfoMask::display_name);
  update.userInfo.userId = "carol";
  update.userInfo.name = "carol";
  update.userInfo.displayName = "Carol";
  ASSERT_TRUE(admin.update_user(update));
  ASSERT_TRUE(admin.create_chatroom({.chatroomId = "room1", .title = "Room"}));
  ASSERT_TRUE(admin.destroy_chatroom({.chatroomId = "room1"}));
  ASSERT_TRUE(admin.destroy_chatroom({.chatroomId = "room1"}));  // already ended: no second callback
  ASSERT_TRUE(admin.create_channel({.owner = "alice", .name = "News", .targetId = "news"}));
  auto plain = admin.send_message({.sender = "alice", .conv = {.type = wf::ConversationType::group, .target = "g1", .line = 0}, .payload = text("hi")});
  ASSERT_TRUE(plain) << plain.error();
  auto mention = text("@bob look");
  mention.mentionedType = 1;
  mention.mentionedTarget = std::vector<std::string>{"bob"};
  auto mentioned = admin.send_message({.sender = "alice", .conv = {.type = wf::ConversationType::group, .target = "g1", .line = 0}, .payload = mention});
  ASSERT_TRUE(mentioned) << mentioned.error();
  ASSERT_TRUE(admin.recall_message({.operator_ = "alice", .messageUid = plain->messageUid}));

  std::vector<wf::UserInfo> users;
  std::vector<wf::ChatroomInfoEvent> rooms;
  std::vector<wf::ChannelInfoEvent> channels;
  std::vector<wf::RecallMessageEvent> recalls;
  std::vector<wf::MessageData> mentions;
  wf::CallbackDispatcher d;
  d.on<wf::UserInfoWebhook>([&](const wf::UserInfo& e) { users.push_back(e); });
  d.on<wf::ChatroomInfoWebhook>([&](const wf::ChatroomInfoEvent& e) { rooms.push_back(e); });
  d.on<wf::ChannelInfoWebhook>([&](const wf::ChannelInfoEvent& e) { channels.push_back(e); });
  d.on<wf::RecallMessageWebhook>([&](const wf::RecallMessageEvent& e) { recalls.push_back(e); });
  d.on<wf::MentionMessageWebhook>([&](const wf::MessageData& e) { mentions.push_back(e); });
  const std::vector<std::string> names = replay_callbacks(fake, std::move(d));
  EXPECT_EQ(names, (std::vector<std::string>{"userInfo", "userInfo", "chatroomInfo", "chatroomInfo", "channelInfo", "mentionMessage",
                                             "recallMessage"}));
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].userId, "carol");
  EXPECT_EQ(users[1].displayName, "Carol") << "the user as it is after the update";
  ASSERT_EQ(rooms.size(), 2u);
  EXPECT_EQ(rooms[0].type, wf::ChatroomEventType::create);
  EXPECT_EQ(rooms[1].type, wf::ChatroomEventType::destroy);
  EXPECT_EQ(rooms[1].chatroomId, "room1");
  ASSERT_EQ(channels.size(), 1u);
  EXPECT_EQ(channels[0].channelId, "news");
  EXPECT_EQ(channels[0].operatorId, "alice");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].messageId, mentioned->messageUid);
  ASSERT_EQ(recalls.size(), 1u);
  EXPECT_EQ(recalls[0].message.messageId, plain->messageUid);
  EXPECT_EQ(recalls[0].message.payload.searchableContent, "hi") << "the message as it was before the recall";
  EXPECT_EQ(recalls[0].userId, "alice");
  EXPECT_TRUE(recalls[0].isAdmin);
}

TEST(WildfireCallbackDelivery, OnlyWildfirechatConfCallbacksTakeAUrl) {
  FakeWildfire fake;
  const auto unknown = fake.set_callback_url("messages", "http://127.0.0.1:1/");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("messages"), std::string::npos) << unknown.error();
  const auto robot = fake.set_callback_url("robotMessage", "http://127.0.0.1:1/");
  ASSERT_FALSE(robot);
  EXPECT_NE(robot.error().message.find("own callback"), std::string::npos) << robot.error();
  EXPECT_TRUE(fake.set_callback_url("message", "http://127.0.0.1:1/"));
  EXPECT_TRUE(fake.set_callback_url("message", ""));
}

}  // namespace
