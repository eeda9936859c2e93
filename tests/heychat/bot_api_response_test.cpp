// Response decoding of the rest of the bot API (issue 3). Every endpoint's 200 example in the spec
// decodes and its payload re-encodes key for key; the docs' own examples (apifox,
// 黑盒语音机器人帮助文档: joined rooms, room emoji) are checked field by field.
#include "chatbind/heychat.hpp"
#include "chatbind/heychat/generated/spec_examples.hpp"
#include "../common/test_data.hpp"

#include <gtest/gtest.h>

#include <boost/mp11/algorithm.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace {

namespace hc = chatbind::heychat;
using chatbind::ErrorKind;
using chatbind::HttpResponse;
using chatbind::Json;

HttpResponse ok(std::string body) { return HttpResponse{.status = 200, .headers = {}, .body = std::move(body)}; }

TEST(HeychatBotApiResponse, EveryExampleDecodesLosslessly) {
  int checked = 0;
  boost::mp11::mp_for_each<hc::all_endpoints>([&](auto e) {
    using E = decltype(e);
    const std::string_view example = hc::response_example<E>;
    if (example.empty()) return;
    SCOPED_TRACE(std::string{E::path});
    auto r = chatbind::decode_response<E>(ok(std::string{example}));
    ASSERT_TRUE(r) << r.error();
    const Json envelope = Json::parse(example);
    if (envelope.contains("result")) {
      EXPECT_EQ(nlohmann::json::parse(chatbind::json::to_json(*r).dump()), nlohmann::json::parse(envelope["result"].dump()))
          << "every key of the example is modelled";
    }
    ++checked;
  });
  EXPECT_EQ(checked, 37) << "every endpoint has a 200 example";
}

TEST(HeychatBotApiResponse, JoinedRoomsAreNestedTwice) {
  // 分页获取加入的房间列表: the docs' example nests the page as result.rooms.rooms.
  auto r = chatbind::decode_response<hc::ListJoinedRooms>(
      ok(chatbind::test::read_file(chatbind::test::data_path("heychat/room_joined.json"))));
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->rooms.rooms.size(), 1u);
  const hc::JoinedRoom& room = r->rooms.rooms[0];
  EXPECT_EQ(room.room_id, "3581310465924767744");
  EXPECT_EQ(room.room_name, "酸辣鸡杂面的房间111");
  EXPECT_EQ(room.create_by, chatbind::Id{43028164});
  EXPECT_EQ(room.is_public, chatbind::IntBool{true});
  EXPECT_EQ(room.is_hot, chatbind::IntBool{false});
  EXPECT_EQ(room.join_time, 1717125593578);
  EXPECT_FALSE(r->rooms.total) << "the abridged example carries no total";
}

TEST(HeychatBotApiResponse, RoomEmojiListMatchesTheDocs) {
  // 获取房间上传的表情包: the docs' example (no sticker key although its schema lists one).
  const std::string text = chatbind::test::read_file(chatbind::test::data_path("heychat/meme_room_list.json"));
  auto r = chatbind::decode_response<hc::ListRoomMemes>(ok(text));
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->emoji.size(), 2u);
  EXPECT_FALSE(r->sticker);
  EXPECT_EQ(r->emoji[0].meme_info.name, "icon-游戏相关问题");
  EXPECT_EQ(r->emoji[0].meme_info.path, "1749706076381196288");
  EXPECT_EQ(r->emoji[1].meme_info.ext, "jpg");
  EXPECT_EQ(r->emoji[1].user_info.room_nickname, "测试");
  EXPECT_EQ(r->emoji[0].user_info.user_id, chatbind::Id{1});
  EXPECT_EQ(nlohmann::json::parse(chatbind::json::to_json(*r).dump()), nlohmann::json::parse(text)["result"]);
}

TEST(HeychatBotApiResponse, ResultsCarryTheirIds) {
  auto upload = chatbind::decode_response<hc::UploadMedia>(ok(R"({"msg":"","status":"ok","result":{"url":"https://x/y.png"}})"));
  ASSERT_TRUE(upload) << upload.error();
  EXPECT_EQ(upload->url, "https://x/y.png");

  auto pm = chatbind::decode_response<hc::SendUserMessage>(ok(std::string{hc::response_example<hc::SendUserMessage>}));
  ASSERT_TRUE(pm) << pm.error();
  EXPECT_EQ(pm->msg_id, chatbind::Id{"1870221897717407745"});

  auto users = chatbind::decode_response<hc::ListVoiceChannelUsers>(
      ok(R"({"msg":"","status":"ok","result":{"user_ids":[100030,"66837313"]}})"));
  ASSERT_TRUE(users) << users.error();
  ASSERT_TRUE(users->user_ids);
  EXPECT_EQ((*users->user_ids)[1], "66837313") << "ids as numbers or strings";

  auto role = chatbind::decode_response<hc::CreateRole>(ok(std::string{hc::response_example<hc::CreateRole>}));
  ASSERT_TRUE(role) << role.error();
  EXPECT_EQ(role->type, hc::RoleType::custom);
  auto perms = hc::Permissions::parse(role->permissions);
  ASSERT_TRUE(perms);
  EXPECT_TRUE(perms->has(hc::Permission::administrator));
}

TEST(HeychatBotApiResponse, RoomUsersPastTheEndMayBeNull) {
  auto r = chatbind::decode_response<hc::ListRoomUsers>(
      ok(R"({"msg":"","status":"ok","result":{"room_info":{"user_info":null,"user_count":3}}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_FALSE(r->room_info.user_info);
  EXPECT_EQ(r->room_info.user_count, 3);
}

TEST(HeychatBotApiResponse, UnknownEnumValuesAreKept) {
  auto r = chatbind::decode_response<hc::CreateRole>(ok(R"({"msg":"","status":"ok","result":{"name":"x","icon":"",
      "color_list":null,"id":"1","department_id":"1","room_id":"1","permissions":"0","type":42,"color":0,
      "position":0,"del_tag":1,"hoist":0,"mentionable":0,"creator":"0","create_time":0}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(static_cast<int>(r->type), 42);
}

TEST(HeychatBotApiResponse, FailuresAreTypedAndNamePaths) {
  auto refused = chatbind::decode_response<hc::KickFromRoom>(ok(R"({"msg":"没有权限","status":"failed"})"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::platform);
  EXPECT_EQ(refused.error().platform_message, "没有权限");

  auto bad = chatbind::decode_response<hc::ListJoinedRooms>(
      ok(R"({"msg":"","status":"ok","result":{"rooms":{"rooms":[{"room_id":"1","room_name":7}]}}})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::schema);
  EXPECT_NE(bad.error().path.find("rooms"), std::string::npos) << bad.error().path;
  EXPECT_NE(bad.error().path.find("room_name"), std::string::npos) << bad.error().path;
}

}  // namespace
