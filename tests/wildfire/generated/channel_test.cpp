// The Wildfire operations of spec/wildfire.yaml's tag `channel` (channels of the server admin API:
// /admin/channel/*; the channel's own API is channel_service_test.cpp). Source of every example:
// the spec's own (spec_examples.hpp), constructed from the pojos InputCreateChannel,
// OutputCreateChannel, InputChannelId, OutputGetChannelInfo, InputSubscribeChannel and
// OutputBooleanValue of wildfirechat/im-server at c4421fc. Request encoding gives the example's
// exact bytes; the example response decodes into the documented fields, the menus included; then
// the keyword member `auto`, the int-bool subscribe flag, the recursive menu and typed errors.
#include "wildfire/generated/common.hpp"

#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

// --------------------------------------------------------------------------- request encoding

TEST(WildfireChannelRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::CreateChannel>({.owner = "user1",
                                             .name = "官方频道",
                                             .callback = "https://example.com/channel/callback",
                                             .portrait = "https://example.com/channel/channel1.png",
                                             .auto_ = 0,
                                             .desc = "产品动态与公告",
                                             .state = 0,
                                             .extra = ""});
  expect_example_request<wf::DestroyChannel>({.channelId = "channel1"});
  expect_example_request<wf::GetChannelInfo>({.channelId = "channel1"});
  expect_example_request<wf::SubscribeChannel>({.channelId = "channel1", .userId = "user2", .subscribe = chatbind::IntBool{true}});
  expect_example_request<wf::IsUserSubscribedChannel>({.channelId = "channel1", .userId = "user2"});
}

TEST(WildfireChannelRequest, AutoIsAKeywordMemberAndSubscribeAnIntBool) {
  EXPECT_EQ(encode<wf::CreateChannel>({.owner = "u", .name = "n", .auto_ = 1}).body, R"({"owner":"u","name":"n","auto":1})")
      << "the member auto_ travels as auto";
  EXPECT_EQ(encode<wf::SubscribeChannel>({.channelId = "c", .userId = "u", .subscribe = chatbind::IntBool{false}}).body,
            R"({"channelId":"c","userId":"u","subscribe":0})")
      << "unsubscribe is a 0, not false";
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireChannelResponse, EveryOperationDecodesTheSpecExample) {
  EXPECT_EQ(decode_example<wf::CreateChannel>().targetId, "channel1");
  decode_example<wf::DestroyChannel>();
  const auto info = decode_example<wf::GetChannelInfo>();
  EXPECT_EQ(info.channelId, "channel1");
  EXPECT_EQ(info.name, "官方频道");
  EXPECT_EQ(info.desc, "产品动态与公告");
  EXPECT_EQ(info.owner, "user1");
  EXPECT_EQ(info.state, 0);
  EXPECT_EQ(info.status, 0);
  EXPECT_EQ(info.updateDt, 1711350000000);
  EXPECT_EQ(info.callback, "https://example.com/channel/callback");
  EXPECT_EQ(info.automatic, 0);
  EXPECT_EQ(info.secret, "Zk3pQ9");
  ASSERT_TRUE(info.menus);
  ASSERT_EQ(info.menus->size(), 1u);
  const wf::ChannelMenu& menu = (*info.menus)[0];
  EXPECT_EQ(menu.menuId, "m1");
  EXPECT_EQ(menu.type, "view");
  EXPECT_EQ(menu.name, "官网");
  EXPECT_EQ(menu.url, "https://example.com");
  EXPECT_EQ(menu.key, "");
  EXPECT_FALSE(menu.subMenus) << "no sub-menu: the key is absent";
  decode_example<wf::SubscribeChannel>();
  EXPECT_TRUE(decode_example<wf::IsUserSubscribedChannel>().value);
}

TEST(WildfireChannelResponse, SubMenusNestAndRoundTrip) {
  // OutputMenu.subMenus is a list of OutputMenu: the struct refers to itself.
  const std::string leaf = R"({"menuId":"m2","type":"click","name":"子菜单","key":"k2","url":"","mediaId":"","articleId":"","appId":"","appPage":"","extra":""})";
  const std::string top = R"({"menuId":"m1","type":"view","name":"菜单","key":"","url":"","mediaId":"","articleId":"","appId":"","appPage":"","extra":"","subMenus":[)" + leaf + "]}";
  auto r = chatbind::decode_response<wf::GetChannelInfo>(ok(
      R"({"code":0,"msg":"success","result":{"channelId":"c","name":"n","desc":"","portrait":"","extra":"","owner":"o","state":0,"status":0,"updateDt":1,"callback":"","automatic":0,"secret":"s","menus":[)" +
      top + "]}}"));
  ASSERT_TRUE(r) << r.error();
  ASSERT_TRUE(r->menus);
  const wf::ChannelMenu& m = r->menus->at(0);
  ASSERT_TRUE(m.subMenus);
  ASSERT_EQ(m.subMenus->size(), 1u);
  EXPECT_EQ(m.subMenus->at(0).key, "k2");
  EXPECT_EQ(m.subMenus->at(0).name, "子菜单");
  auto text = chatbind::json::to_string(m);
  ASSERT_TRUE(text) << text.error();
  EXPECT_EQ(*text, top) << "re-encodes key for key";
}

TEST(WildfireChannelResponse, BadInputIsATypedError) {
  expect_schema_error<wf::CreateChannel>(R"({"code":0,"msg":"success","result":{}})", "result.targetId");
  expect_schema_error<wf::IsUserSubscribedChannel>(R"({"code":0,"msg":"success","result":{"value":"yes"}})", "result.value");
  expect_schema_error<wf::GetChannelInfo>(
      R"({"code":0,"msg":"success","result":{"channelId":"c","name":"n","desc":"","portrait":"","extra":"","owner":"o","state":0,"status":0,"updateDt":1,"callback":"","automatic":0,"secret":"s","menus":[{"menuId":"m","type":"view","key":"","url":"","mediaId":"","articleId":"","appId":"","appPage":"","extra":""}]}})",
      "result.menus[0].name");
  auto missing = chatbind::decode_response<wf::GetChannelInfo>(ok(R"({"code":253,"msg":"not exist"})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(wf::error_code(missing.error()), wf::ErrorCode::not_exist);
}

}  // namespace
