// The Heychat operations tagged `roles` in spec/heychat.yaml (grantRole, revokeRole, listRoomRoles,
// createRole, updateRole, deleteRole): request encoding (method, URL, query own + common, headers,
// body as the docs show it) and response decoding.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "chatbind/heychat/generated/spec_examples.hpp"
#include "heychat/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

namespace hc = chatbind::heychat;
using namespace chatbind::test::heychat_endpoints;
using chatbind::ErrorKind;
using chatbind::Json;

// --------------------------------------------------------------------------- request encoding

TEST(HeychatRolesRequest, GrantAndRevokeSendTheDocumentedBody) {
  const hc::RoleAssignment assignment{.to_user_id = 66837313, .role_id = "3581310465983111170",
                                      .room_id = "3581310465924767744"};
  const Json documented = chatbind::test::data_json("heychat/room_role_grant.request.json");
  for (auto [r, path] : {std::pair{chatbind::encode_request<hc::GrantRole>(assignment, kCredentials),
                                   "/chatroom/v2/room_role/grant"},
                         std::pair{chatbind::encode_request<hc::RevokeRole>(assignment, kCredentials),
                                   "/chatroom/v2/room_role/revoke"}}) {
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->method, chatbind::Method::post);
    EXPECT_EQ(r->path, path);
    EXPECT_EQ(r->query, kCommon);
    expect_token(*r);
    EXPECT_EQ(Json::parse(r->body), documented);
    EXPECT_EQ(Json::parse(r->body)["to_user_id"].type(), Json::value_t::number_unsigned)
        << "a numeric id is written as a number, as documented";
  }
}

TEST(HeychatRolesRequest, CreateRole) {
  hc::RoleCreate role{.name = "测试管理员", .room_id = "3690041195409809408",
                      .permissions = hc::Permissions{hc::Permission::administrator}.str(),
                      .type = hc::RoleType::new_custom, .hoist = true, .nonce = "n-1"};
  role.color = 15158588;
  role.color_list = std::vector<std::int64_t>{15158588, 3447000};
  expect_json_post<hc::CreateRole>(role, "/chatroom/v2/room_role/create",
                                   R"({"name":"测试管理员","color_list":[15158588,3447000],"room_id":"3690041195409809408",
                                       "permissions":"1","type":0,"color":15158588,"hoist":1,"nonce":"n-1"})");
}

TEST(HeychatRolesRequest, UpdateRoleMatchesTheDocumentedExample) {
  // 更新角色: the docs' request body example.
  hc::RoleUpdate role{.id = "3690041195495620610", .name = "测试管理员", .room_id = "3690041195409809408",
                      .permissions = "1", .type = hc::RoleType::new_custom};
  role.icon = "https://imgheybox.max-c.com/dev/avatar/2024/10/14/2597c1318c14b26c45732d6177ffc2b6.jpeg";
  role.department_id = chatbind::Id{"3690041195409809408"};
  role.color = 15158588;
  role.hoist = true;
  role.nonce = "undefined";
  role.position = 324567;
  role.heybox_ids = std::vector<chatbind::Id>{};
  expect_json_post<hc::UpdateRole>(role, "/chatroom/v2/room_role/update",
                                   chatbind::test::read_file(chatbind::test::data_path("heychat/room_role_update.request.json")));
}

TEST(HeychatRolesRequest, DeleteRole) {
  expect_json_post<hc::DeleteRole>({.role_id = "3647669220917534720", .room_id = "3642878923633221632"},
                                   "/chatroom/v2/room_role/delete",
                                   R"({"role_id":"3647669220917534720","room_id":"3642878923633221632"})");
}

TEST(HeychatRolesRequest, RoomRolesPutTheRoomInTheQuery) {
  auto roles = chatbind::encode_request<hc::ListRoomRoles>({.room_id = "3642878923633221632"}, kCredentials);
  ASSERT_TRUE(roles) << roles.error();
  EXPECT_EQ(roles->method, chatbind::Method::get);
  EXPECT_EQ(roles->path, "/chatroom/v2/room_role/roles");
  EXPECT_EQ(roles->query, with_common({{"room_id", "3642878923633221632"}}));
  EXPECT_TRUE(roles->body.empty());
  expect_token(*roles);
}

// -------------------------------------------------------------------------- response decoding

TEST(HeychatRolesResponse, RoomRolesExampleDecodesLosslessly) {
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

TEST(HeychatRolesResponse, EnvelopeWithoutPayloadDecodesToEmpty) {
  auto r = chatbind::decode_response<hc::GrantRole>(ok(Json{{"msg", ""}, {"status", "ok"}}));
  ASSERT_TRUE(r) << r.error();
}

TEST(HeychatRolesResponse, FailedStatusIsAPlatformErrorCarryingMsg) {
  auto r = chatbind::decode_response<hc::GrantRole>(
      ok(Json{{"msg", "权限不足"}, {"result", Json::object()}, {"status", "failed"}}));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::platform);
  EXPECT_EQ(r.error().platform_message, "权限不足");
  EXPECT_EQ(r.error().message, "权限不足");
  EXPECT_EQ(r.error().http_status, 200);
}

TEST(HeychatRolesResponse, UnknownEnumValuesAreKept) {
  auto r = chatbind::decode_response<hc::CreateRole>(ok(R"({"msg":"","status":"ok","result":{"name":"x","icon":"",
      "color_list":null,"id":"1","department_id":"1","room_id":"1","permissions":"0","type":42,"color":0,
      "position":0,"del_tag":1,"hoist":0,"mentionable":0,"creator":"0","create_time":0}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(static_cast<int>(r->type), 42);
}

TEST(HeychatRolesResponse, CreatedRoleCarriesItsTypeAndPermissions) {
  auto role = chatbind::decode_response<hc::CreateRole>(ok(std::string{hc::response_example<hc::CreateRole>}));
  ASSERT_TRUE(role) << role.error();
  EXPECT_EQ(role->type, hc::RoleType::custom);
  auto perms = hc::Permissions::parse(role->permissions);
  ASSERT_TRUE(perms);
  EXPECT_TRUE(perms->has(hc::Permission::administrator));
}

}  // namespace
