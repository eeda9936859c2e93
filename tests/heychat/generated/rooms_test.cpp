// The Heychat operations tagged `rooms` in spec/heychat.yaml (viewRoom, setRoomNickname,
// listJoinedRooms, leaveRoom, kickFromRoom, listRoomUsers): request encoding (method, URL, query
// own + common, headers, body as the docs show it) and response decoding.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "heychat/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>

namespace {

namespace hc = chatbind::heychat;
using namespace chatbind::test::heychat_endpoints;
using chatbind::ErrorKind;
using chatbind::HttpResponse;
using chatbind::Json;

// --------------------------------------------------------------------------- request encoding

TEST(HeychatRoomsRequest, CommonParametersAndBaseUrlAreOverridable) {
  hc::Credentials credentials{.token = "t"};
  credentials.common.chat_version = "1.31.0";
  credentials.base_url = "http://127.0.0.1:8080";
  auto r = chatbind::encode_request<hc::ViewRoom>({.room_id = "1"}, credentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->base_url, "http://127.0.0.1:8080");
  EXPECT_NE(std::find(r->query.begin(), r->query.end(), std::pair<std::string, std::string>{"chat_version", "1.31.0"}),
            r->query.end());
}

TEST(HeychatRoomsRequest, Rooms) {
  expect_json_post<hc::SetRoomNickname>({.nickname = "机器人", .room_id = "1", .to_user_id = 100030},
                                        "/chatroom/v2/room/nickname",
                                        R"({"nickname":"机器人","room_id":"1","to_user_id":100030})");
  expect_get<hc::ListJoinedRooms>({.offset = 0, .limit = 20}, "/chatroom/v2/room/joined", {{"offset", "0"}, {"limit", "20"}});
  expect_get<hc::ListJoinedRooms>({}, "/chatroom/v2/room/joined", {});
  expect_json_post<hc::LeaveRoom>({.room_id = "3581310465924767744"}, "/chatroom/v2/room/leave",
                                  R"({"room_id":"3581310465924767744"})");
  expect_json_post<hc::KickFromRoom>({.room_id = "1", .to_user_id = "66837313"}, "/chatroom/v2/room/kick_out",
                                     R"({"room_id":"1","to_user_id":"66837313"})");
  // The docs' example query of 获取房间用户列表.
  expect_get<hc::ListRoomUsers>({.heybox_id = "84005510", .offset = 0, .limit = 50, .room_id = "3348654035061186560"},
                                "/chatroom/v2/room/users",
                                {{"heybox_id", "84005510"}, {"offset", "0"}, {"limit", "50"}, {"room_id", "3348654035061186560"}});
}

TEST(HeychatRoomsRequest, RoomViewPutsTheRoomInTheQuery) {
  auto view = chatbind::encode_request<hc::ViewRoom>({.room_id = "3713907767125508096"}, kCredentials);
  ASSERT_TRUE(view) << view.error();
  EXPECT_EQ(view->method, chatbind::Method::get);
  EXPECT_EQ(view->target(), "/chatroom/v2/room/view?room_id=3713907767125508096&client_type=heybox_chat"
                            "&x_client_type=web&os_type=web&x_os_type=bot&x_app=heybox_chat&chat_os_type=bot"
                            "&chat_version=1.30.0");
}

// -------------------------------------------------------------------------- response decoding

/// Whether the re-encoded room starts with RoomSetting's members, in RoomSetting's order.
bool view_setting_keys_first(const Json& view) {
  const Json setting = chatbind::json::to_json(hc::RoomSetting{});
  auto room = view.at("room").items().begin();
  for (const auto& [key, value] : setting.items()) {
    if (room.key() != key) return false;
    ++room;
  }
  return true;
}

TEST(HeychatRoomsResponse, RoomViewExampleDecodesLosslessly) {
  // Seed 001 shows the `result` payload of GET /chatroom/v2/room/view.
  const Json documented = chatbind::test::data_json("heychat/room_view.result.json");
  auto r = chatbind::decode_response<hc::ViewRoom>(ok(envelope(documented)));
  ASSERT_TRUE(r) << r.error();
  // Every key is modelled and written back with the value it came with. The order of the room's keys
  // may differ: Room composes RoomSetting (allOf), whose members are written first.
  EXPECT_EQ(nlohmann::json::parse(chatbind::json::to_json(*r).dump()), nlohmann::json::parse(documented.dump()))
      << "every key is modelled and written back as it came";
  EXPECT_TRUE((std::is_base_of_v<hc::RoomSetting, hc::Room>));
  EXPECT_TRUE(view_setting_keys_first(chatbind::json::to_json(*r))) << "the base's members come first";

  const hc::RoomView& view = *r;
  EXPECT_EQ(view.room_id, "3713907767125508096");
  EXPECT_EQ(view.room.room_name, "1");
  EXPECT_EQ(view.room.create_by, chatbind::Id{32108666});
  ASSERT_EQ(view.channels.size(), 2u);
  ASSERT_EQ(view.channels[0].channel_list.size(), 1u);
  EXPECT_EQ(view.channels[0].channel_list[0].channel_name, "默认频道");
  EXPECT_EQ(view.channels[0].channel_list[0].parent_id, chatbind::Id{"3713907767219945472"});
  ASSERT_EQ(view.roles.size(), 3u);
  EXPECT_EQ(view.roles[2].permissions, "270615626050");
  EXPECT_EQ(view.user_notify_settings.size(), 4u);
  EXPECT_EQ(view.read_states.at("3713907767219945474").last_read_time, 1734730626956);
  ASSERT_EQ(view.bot_infos.size(), 1u);
  EXPECT_EQ(view.bot_infos[0].bot_account_info.user_id, chatbind::Id{-1});
  ASSERT_EQ(view.bot_infos[0].commands.size(), 3u);
  EXPECT_DOUBLE_EQ(view.room.room_task.finish_rate, 0.041666666666666664);
}

TEST(HeychatRoomsResponse, MalformedBodiesAreTypedErrors) {
  struct Case {
    const char* name;
    HttpResponse response;
    ErrorKind kind;
    std::string path;
  };
  Json wrong_type = envelope(chatbind::test::data_json("heychat/room_view.result.json"));
  wrong_type["result"]["room"]["room_setting"]["auto_mod"]["filter_urls"]["enable"] = "yes";
  Json missing = envelope(chatbind::test::data_json("heychat/room_view.result.json"));
  missing["result"]["channels"][1].erase("channel_id");
  Json huge = envelope(chatbind::test::data_json("heychat/room_view.result.json"));
  huge["result"]["room"]["member_count"] = Json::parse("1e300");

  const Case cases[] = {
      {"not JSON", HttpResponse{200, {}, "<html>502</html>"}, ErrorKind::syntax, ""},
      {"truncated", HttpResponse{200, {}, R"({"msg":"","status":"ok","result":{"room_id":)"}, ErrorKind::syntax, ""},
      {"not an object", ok(Json::array()), ErrorKind::schema, ""},
      {"no status", ok(Json{{"msg", ""}}), ErrorKind::schema, "status"},
      {"odd status", ok(Json{{"status", "maybe"}}), ErrorKind::schema, "status"},
      {"no result", ok(Json{{"msg", ""}, {"status", "ok"}}), ErrorKind::schema, "result"},
      {"wrong type deep down", ok(wrong_type), ErrorKind::schema, "result.room.room_setting.auto_mod.filter_urls.enable"},
      {"missing required key", ok(missing), ErrorKind::schema, "result.channels[1].channel_id"},
      {"huge number", ok(huge), ErrorKind::schema, "result.room.member_count"},
      {"HTTP 502", HttpResponse{502, {}, ""}, ErrorKind::http_status, ""},
  };
  for (const auto& c : cases) {
    auto r = chatbind::decode_response<hc::ViewRoom>(c.response);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().kind, c.kind) << c.name << ": " << r.error();
    EXPECT_EQ(r.error().path, c.path) << c.name << ": " << r.error();
  }
}

TEST(HeychatRoomsResponse, NonSuccessStatusKeepsThePlatformMessage) {
  auto r = chatbind::decode_response<hc::ViewRoom>(HttpResponse{401, {}, R"({"msg":"token无效","status":"failed"})"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::http_status);
  EXPECT_EQ(r.error().http_status, 401);
  EXPECT_EQ(r.error().platform_message, "token无效");
}

TEST(HeychatRoomsResponse, JoinedRoomsAreNestedTwice) {
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

TEST(HeychatRoomsResponse, RoomUsersPastTheEndMayBeNull) {
  auto r = chatbind::decode_response<hc::ListRoomUsers>(
      ok(R"({"msg":"","status":"ok","result":{"room_info":{"user_info":null,"user_count":3}}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_FALSE(r->room_info.user_info);
  EXPECT_EQ(r->room_info.user_count, 3);
}

TEST(HeychatRoomsResponse, FailuresAreTypedAndNamePaths) {
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
