// The Wildfire operations of spec/wildfire.yaml's tag `channel_service` (the channel API,
// /channel/*: calls a channel's service makes as that channel; C++ ChannelServiceClient, after the
// Java SDK's ChannelServiceApi). Source of every example: the spec's own (spec_examples.hpp),
// constructed from the pojos the channel Actions of wildfirechat/im-server c4421fc read and write
// (InputGetUserInfo, InputModifyChannelInfo, OutputGetChannelInfo, SendChannelMessageData,
// InputChannelSubscribe, …). Each call is signed with the channel's own secret and carries its id as
// `cid` (ChannelAction.preAction), on the IM server's client port: the typed request encodes to the
// example's exact bytes as such a call; the example responses decode into the documented fields;
// then the signing, the int-bool subscribe flag and typed errors.
#include "wildfire/generated/common.hpp"
#include "chatbind/wildfire/generated/channel_service.hpp"

#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

// --------------------------------------------------------------------------- request encoding

TEST(WildfireChannelServiceRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::ChannelGetUserInfo>({.userId = "user1"});
  expect_example_request<wf::ChannelUpdateProfile>({.type = wf::ModifyChannelInfoType::desc, .value = "每日推送技术文章"});
  expect_bodyless_request<wf::ChannelGetProfile>();
  expect_example_request<wf::ChannelSendMessage>(
      {.targets = std::vector<std::string>{"user1"}, .line = 0, .payload = {.type = 1, .searchableContent = "本周技术文章已更新"}});
  expect_example_request<wf::ChannelSubscribe>({.target = "user1", .subscribe = chatbind::IntBool{true}});
  expect_bodyless_request<wf::ChannelGetSubscribers>();
  expect_example_request<wf::ChannelIsSubscriber>({.userId = "user1"});
  expect_example_request<wf::ChannelGetApplicationUserInfo>({.authCode = "a1b2c3d4e5"});
}

TEST(WildfireChannelServiceRequest, SignedWithTheChannelsSecret) {
  const auto r = encode<wf::ChannelSendMessage>({.payload = {.type = 1}});
  EXPECT_EQ(r.header("cid"), "channel1");
  EXPECT_EQ(r.header("rid"), "") << "a channel is not a robot";
  EXPECT_EQ(r.header("sign"), wf::sign("76616", "channel-secret-channel1", 1558350862502));
  EXPECT_NE(r.header("sign"), kSign);
  EXPECT_EQ(r.body, R"({"payload":{"type":1}})") << "no targets: every subscriber";
  auto plain = chatbind::encode_request<wf::ChannelGetProfile>({}, wf::ChannelCredentials{.channel_id = "c", .secret = "s"});
  ASSERT_TRUE(plain) << plain.error();
  EXPECT_EQ(plain->url(), "http://localhost/channel/get_profile") << "the client port by default";
  EXPECT_EQ(plain->header("sign").size(), 40u);
  EXPECT_EQ(plain->header("sign"), wf::sign(plain->header("nonce"), "s", std::stoll(std::string{plain->header("timestamp")})));
}

TEST(WildfireChannelServiceRequest, SubscribeIsAnIntBoolAndTypesAreNumbers) {
  EXPECT_EQ(encode<wf::ChannelSubscribe>({.target = "u", .subscribe = chatbind::IntBool{false}}).body, R"({"target":"u","subscribe":0})");
  EXPECT_EQ(encode<wf::ChannelUpdateProfile>({.type = wf::ModifyChannelInfoType::menu, .value = "[]"}).body, R"({"type":7,"value":"[]"})")
      << "the menus travel as JSON text";
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireChannelServiceResponse, EveryOperationDecodesTheSpecExample) {
  const auto user = decode_example<wf::ChannelGetUserInfo>();
  EXPECT_EQ(user.userId, "user1");
  EXPECT_EQ(user.displayName, "张三");
  EXPECT_EQ(user.updateDt, 0);
  decode_example<wf::ChannelUpdateProfile>();
  const auto profile = decode_example<wf::ChannelGetProfile>();
  EXPECT_EQ(profile.channelId, "channel1");
  EXPECT_EQ(profile.name, "技术频道");
  EXPECT_EQ(profile.owner, "user9");
  EXPECT_EQ(profile.state, 4);
  EXPECT_EQ(profile.status, 4);
  EXPECT_EQ(profile.callback, "http://192.168.1.30:8080/channel");
  EXPECT_EQ(profile.secret, "chsecret");
  ASSERT_TRUE(profile.menus);
  ASSERT_EQ(profile.menus->size(), 1u);
  EXPECT_EQ(profile.menus->at(0).name, "官网");
  EXPECT_EQ(profile.menus->at(0).url, "https://example.com");
  const auto sent = decode_example<wf::ChannelSendMessage>();
  EXPECT_EQ(sent.messageUid, 1790123456789012346);
  EXPECT_EQ(sent.timestamp, 1711353600000);
  decode_example<wf::ChannelSubscribe>();
  EXPECT_EQ(decode_example<wf::ChannelGetSubscribers>().list, (std::vector<std::string>{"user1", "user2"}));
  EXPECT_TRUE(decode_example<wf::ChannelIsSubscriber>()) << "a bare JSON boolean";
  EXPECT_EQ(decode_example<wf::ChannelGetApplicationUserInfo>().userId, "user1");
}

TEST(WildfireChannelServiceResponse, TheChannelSigningCodesAreNamed) {
  // An unknown cid is 236 and a channel without a secret 237 (not the robot's 253 and 248).
  auto unknown = chatbind::decode_response<wf::ChannelGetProfile>(ok(R"({"code":236,"msg":"channel no exist"})"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wf::error_code(unknown.error()), wf::ErrorCode::channel_no_exist);
  auto no_secret = chatbind::decode_response<wf::ChannelGetProfile>(ok(R"({"code":237,"msg":"channel no secret"})"));
  ASSERT_FALSE(no_secret);
  EXPECT_EQ(wf::error_code(no_secret.error()), wf::ErrorCode::channel_no_secret);
  auto not_subscribed = chatbind::decode_response<wf::ChannelSendMessage>(ok(R"({"code":248,"msg":"no right to operate"})"));
  ASSERT_FALSE(not_subscribed);
  EXPECT_EQ(wf::error_code(not_subscribed.error()), wf::ErrorCode::not_right) << "a target that is not subscribed";
}

TEST(WildfireChannelServiceResponse, BadInputIsATypedError) {
  expect_schema_error<wf::ChannelIsSubscriber>(R"({"code":0,"msg":"success","result":1.5})", "result");
  expect_schema_error<wf::ChannelGetSubscribers>(R"({"code":0,"msg":"success","result":{"list":[1,2]}})", "result.list[0]");
  expect_schema_error<wf::ChannelGetProfile>(
      R"({"code":0,"msg":"success","result":{"channelId":"c","name":"n","desc":"","portrait":"","extra":"","owner":"o","state":0,"status":0,"callback":"","automatic":0,"secret":"s"}})",
      "result.updateDt");
  expect_schema_error<wf::ChannelSendMessage>(R"({"code":0,"msg":"success","result":{"messageUid":1}})", "result.timestamp");
}

}  // namespace
