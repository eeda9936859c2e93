// Response decoding: the documents' examples decode and re-encode key for key; failures are typed.
#include "chatbind/heychat.hpp"
#include "../common/test_data.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace hc = chatbind::heychat;
using chatbind::ErrorKind;
using chatbind::HttpResponse;
using chatbind::Json;

HttpResponse ok(const Json& body) { return HttpResponse{.status = 200, .headers = {}, .body = body.dump()}; }

Json envelope(Json result) { return Json{{"msg", ""}, {"result", std::move(result)}, {"status", "ok"}}; }

TEST(HeychatResponse, RoomViewExampleDecodesLosslessly) {
  // Seed 001 shows the `result` payload of GET /chatroom/v2/room/view.
  const Json documented = chatbind::test::data_json("heychat/room_view.result.json");
  auto r = chatbind::decode_response<hc::ViewRoom>(ok(envelope(documented)));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(chatbind::json::to_json(*r), documented) << "every key is modelled and written back as it came";

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

TEST(HeychatResponse, RoomRolesExampleDecodesLosslessly) {
  // Seed 002: the whole envelope of GET /chatroom/v2/room_role/roles.
  const Json documented = chatbind::test::data_json("heychat/room_role_roles.json");
  auto r = chatbind::decode_response<hc::ListRoomRoles>(ok(documented));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(chatbind::json::to_json(*r), documented["result"]);
  ASSERT_EQ(r->roles.size(), 8u);
  EXPECT_EQ(r->roles[0].name, "高级管理员");
  EXPECT_EQ(r->roles[6].creator, chatbind::Id{"8829761"});
  EXPECT_FALSE(r->roles[6].creator.is_numeric()) << "creator arrived as a string here";
}

TEST(HeychatResponse, EnvelopeWithoutPayloadDecodesToEmpty) {
  auto r = chatbind::decode_response<hc::GrantRole>(ok(Json{{"msg", ""}, {"status", "ok"}}));
  ASSERT_TRUE(r) << r.error();
}

TEST(HeychatResponse, FailedStatusIsAPlatformErrorCarryingMsg) {
  auto r = chatbind::decode_response<hc::GrantRole>(
      ok(Json{{"msg", "权限不足"}, {"result", Json::object()}, {"status", "failed"}}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::platform);
  EXPECT_EQ(r.error().platform_message, "权限不足");
  EXPECT_EQ(r.error().message, "权限不足");
  EXPECT_EQ(r.error().http_status, 200);
}

TEST(HeychatResponse, MalformedBodiesAreTypedErrors) {
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

TEST(HeychatResponse, NonSuccessStatusKeepsThePlatformMessage) {
  auto r = chatbind::decode_response<hc::ViewRoom>(HttpResponse{401, {}, R"({"msg":"token无效","status":"failed"})"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::http_status);
  EXPECT_EQ(r.error().http_status, 401);
  EXPECT_EQ(r.error().platform_message, "token无效");
}

}  // namespace
