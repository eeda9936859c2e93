// The Heychat operations tagged `voice` in spec/heychat.yaml (banUser, toggleChannelMicrophone,
// muteRoomMicrophone, muteRoomSpeaker, moveMembers, findUserChannel, listVoiceChannelUsers,
// createInviteCode, renameChannel, editChannelSetting, createChannel, deleteChannel, startStream,
// stopStream, kickFromChannel, setChannelPermissions, setChannelPassword, getChannelUserPermissions):
// request encoding (method, URL, query own +
// common, headers, body as the docs show it) and response decoding.
#include "chatbind/heychat.hpp"
#include "heychat/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <utility>

namespace {

namespace hc = chatbind::heychat;
using namespace chatbind::test::heychat_endpoints;
using chatbind::Method;

// --------------------------------------------------------------------------- request encoding

TEST(HeychatVoiceRequest, Moderation) {
  expect_json_post<hc::BanUser>({.duration = 600, .reason = "spam", .room_id = "1", .to_user_id = 66837313},
                                "/chatroom/v2/room/ban",
                                R"({"duration":600,"reason":"spam","room_id":"1","to_user_id":66837313})");
  expect_json_post<hc::ToggleChannelMicrophone>({.to_user_id = 5, .room_id = "1", .channel_id = "2"},
                                                "/chatroom/v2/channel/mute_user",
                                                R"({"to_user_id":5,"room_id":"1","channel_id":"2"})");
  const hc::RoomUserMute mute{.room_id = "1", .mute = true, .to_user_id = 5, .channel_id = "2"};
  const char* body = R"({"room_id":"1","mute":true,"to_user_id":5,"channel_id":"2"})";
  expect_json_post<hc::MuteRoomMicrophone>(mute, "/chatroom/v2/room/mute", body);
  expect_json_post<hc::MuteRoomSpeaker>(mute, "/chatroom/v2/room/mute_earphone", body);
  expect_json_post<hc::MoveMembers>({.origin_channel_id = "3", .to_user_ids = {"5", "6"}, .room_id = "1", .channel_id = "2"},
                                    "/chatroom/v2/channel/move_member",
                                    R"({"origin_channel_id":"3","to_user_ids":["5","6"],"room_id":"1","channel_id":"2"})");
}

TEST(HeychatVoiceRequest, KickFromChannelPutsTheChannelInTheQuery) {
  hc::KickFromChannelRequest kick{.query = {.room_id = "1", .channel_id = "2"}, .body = {.to_user_id = 66837313}};
  auto r = chatbind::encode_request<hc::KickFromChannel>(kick, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, Method::post);
  EXPECT_EQ(r->path, "/chatroom/v2/channel/kick_out");
  Query expected{{"room_id", "1"}, {"channel_id", "2"}};
  expected.insert(expected.end(), kCommon.begin(), kCommon.end());
  EXPECT_EQ(r->query, expected) << "own parameters first, then the common ones; an empty heybox_id is left out";
  EXPECT_EQ(Plain::parse(r->body), Plain::parse(R"({"to_user_id":66837313})"));
  EXPECT_EQ(r->header("Content-Type"), "application/json;charset=UTF-8");
  expect_token(*r);
}

TEST(HeychatVoiceRequest, SetChannelPermissions) {
  hc::RolePermissionOverwrite role{.role_id = "3647669220917534720"};
  role.allow = hc::Permissions{hc::Permission::send_messages, hc::Permission::send_images}.str();
  role.deny = hc::Permissions{hc::Permission::add_reactions}.str();
  role.channel_type = hc::ChannelType::text;
  hc::UserPermissionOverwrite user{.to_user_id = 100030};
  user.deny = hc::Permissions{hc::Permission::send_messages}.str();
  const hc::SetChannelPermissionsRequest request{
      .query = {.heybox_id = "84005510"},
      .body = {.room_id = "1", .channel_id = "2", .roles = {role}, .users = {user}}};
  auto r = chatbind::encode_request<hc::SetChannelPermissions>(request, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->path, "/chatroom/v2/role/role_user_perm");
  ASSERT_FALSE(r->query.empty());
  EXPECT_EQ(r->query.front(), (std::pair<std::string, std::string>{"heybox_id", "84005510"}));
  EXPECT_EQ(r->query.size(), kCommon.size() + 1);
  EXPECT_EQ(Plain::parse(r->body),
            Plain::parse(R"({"room_id":"1","channel_id":"2",
              "roles":[{"role_id":"3647669220917534720","allow":"549755830272","deny":"131072","channel_type":1}],
              "users":[{"to_user_id":100030,"deny":"16384"}]})"));
}

TEST(HeychatVoiceRequest, ChannelQueries) {
  hc::FindUserChannelRequest which{.to_user_id = "5", .room_id = "1"};
  expect_get<hc::FindUserChannel>(which, "/chatroom/v2/channel/which_user", {{"to_user_id", "5"}, {"room_id", "1"}});
  which.must_audio = true;
  expect_get<hc::FindUserChannel>(which, "/chatroom/v2/channel/which_user",
                                  {{"to_user_id", "5"}, {"room_id", "1"}, {"must_audio", "true"}});
  expect_get<hc::ListVoiceChannelUsers>({.channel_id = "2", .room_id = "1", .heybox_id = "9"}, "/chatroom/v2/channel/user/list",
                                        {{"channel_id", "2"}, {"room_id", "1"}, {"heybox_id", "9"}});
  expect_get<hc::CreateInviteCode>({.user_id = "9", .room_id = "1", .channel_id = "2"}, "/chatroom/v2/invite/code",
                                   {{"user_id", "9"}, {"room_id", "1"}, {"channel_id", "2"}});
}

TEST(HeychatVoiceRequest, ChannelManagement) {
  expect_json_post<hc::RenameChannel>({.room_id = "1", .channel_id = "2", .channel_name = "闲聊", .channel_type = hc::ChannelType::text},
                                      "/chatroom/v2/channel/edit",
                                      R"({"room_id":"1","channel_id":"2","channel_name":"闲聊","channel_type":1})");
  expect_json_post<hc::EditChannelSetting>(
      {.room_id = "1", .channel_id = "2", .setting = "slow_mode", .value = 10, .channel_type = hc::ChannelType::text},
      "/chatroom/v2/settings/channel/edit",
      R"({"room_id":"1","channel_id":"2","setting":"slow_mode","value":10,"channel_type":1})");
  hc::ChannelCreate create{.room_id = "1", .channel_name = "语音", .channel_type = hc::ChannelType::voice};
  create.api_type = "trtc";
  expect_json_post<hc::CreateChannel>(create, "/chatroom/v3/channel/create",
                                      R"({"room_id":"1","channel_name":"语音","channel_type":0,"api_type":"trtc"})");
  expect_json_post<hc::DeleteChannel>({.room_id = "1", .channel_id = "2"}, "/chatroom/v2/channel/delete",
                                      R"({"room_id":"1","channel_id":"2"})");
}

TEST(HeychatVoiceRequest, Streaming) {
  hc::StreamPush push{.room_id = "1", .channel_id = "2", .stream_url = "https://example.invalid/a.mp3", .operator_ = 5};
  push.volume = 80;
  push.repeat_num = -1;
  push.max_duration = 60;
  expect_json_post<hc::StartStream>(push, "/chatroom/v3/channel/stream/push",
                                    R"({"room_id":"1","channel_id":"2","stream_url":"https://example.invalid/a.mp3",
                                        "volume":80,"operator":5,"repeat_num":-1,"max_duration":60})");
  expect_json_post<hc::StopStream>({.task_id = "stream-task-1"}, "/chatroom/v3/channel/stream/stop",
                                   R"({"task_id":"stream-task-1"})");
}

// Satori's heychat adapter and a community TypeScript SDK (from the apifox docs) send the password,
// channel and room in the query of a POST without /v2, with an empty body.
TEST(HeychatVoiceRequest, SetChannelPasswordTravelsInTheQuery) {
  auto r = chatbind::encode_request<hc::SetChannelPassword>({.room_id = "1", .channel_id = "2", .password = "1234"},
                                                            kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, Method::post);
  EXPECT_EQ(r->path, "/chatroom/channel/edit_password/no_encrypt");
  Query expected{{"room_id", "1"}, {"channel_id", "2"}, {"password", "1234"}};
  expected.insert(expected.end(), kCommon.begin(), kCommon.end());
  EXPECT_EQ(r->query, expected);
  EXPECT_TRUE(r->body.empty());
  expect_token(*r);
  // The onebots adapter allows an empty password (it clears the password): it is still sent.
  auto cleared = chatbind::encode_request<hc::SetChannelPassword>({.room_id = "1", .channel_id = "2"}, kCredentials);
  ASSERT_TRUE(cleared) << cleared.error();
  EXPECT_NE(std::find(cleared->query.begin(), cleared->query.end(), std::pair<std::string, std::string>{"password", ""}),
            cleared->query.end());
}

// The onebots adapter and the community TypeScript SDK: channel_id and to_user_id, parent_id when known.
TEST(HeychatVoiceRequest, ChannelUserPermissions) {
  expect_get<hc::GetChannelUserPermissions>({.channel_id = "3595756374695264256", .to_user_id = "100030"},
                                            "/chatroom/v2/channel_user_perm/list_with_parent",
                                            {{"channel_id", "3595756374695264256"}, {"to_user_id", "100030"}});
  expect_get<hc::GetChannelUserPermissions>(
      {.channel_id = "3595756374695264256", .to_user_id = "100030", .parent_id = "3595756374695264000"},
      "/chatroom/v2/channel_user_perm/list_with_parent",
      {{"channel_id", "3595756374695264256"}, {"to_user_id", "100030"}, {"parent_id", "3595756374695264000"}});
}

// -------------------------------------------------------------------------- response decoding

TEST(HeychatVoiceResponse, VoiceChannelUsersAreIdsAsNumbersOrStrings) {
  auto users = chatbind::decode_response<hc::ListVoiceChannelUsers>(
      ok(R"({"msg":"","status":"ok","result":{"user_ids":[100030,"66837313"]}})"));
  ASSERT_TRUE(users) << users.error();
  ASSERT_TRUE(users->user_ids);
  EXPECT_EQ((*users->user_ids)[1], "66837313") << "ids as numbers or strings";
}

// The envelope of 设置频道密码 (apifox docs): no payload.
TEST(HeychatVoiceResponse, SetChannelPasswordHasNoPayload) {
  EXPECT_TRUE(chatbind::decode_response<hc::SetChannelPassword>(ok(R"({"msg":"","status":"ok"})")));
  auto refused = chatbind::decode_response<hc::SetChannelPassword>(ok(R"({"msg":"没有权限","status":"failed"})"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().platform_message, "没有权限");
}

// No source shows the permissions' shape: the payload is kept verbatim, whatever it is (the spec's
// example, an assumed allow/deny pair, and an array).
TEST(HeychatVoiceResponse, ChannelUserPermissionsAreKeptVerbatim) {
  auto r = chatbind::decode_response<hc::GetChannelUserPermissions>(
      ok(R"({"msg":"","result":{"allow":"16384","deny":"0"},"status":"ok"})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(nlohmann::json::parse(r->text()), nlohmann::json::parse(R"({"allow":"16384","deny":"0"})"));
  auto list = chatbind::decode_response<hc::GetChannelUserPermissions>(ok(R"({"msg":"","result":[1,2],"status":"ok"})"));
  ASSERT_TRUE(list) << list.error();
  EXPECT_EQ(nlohmann::json::parse(list->text()), nlohmann::json::parse("[1,2]"));
}

}  // namespace
