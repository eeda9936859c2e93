// Request encoding of the rest of the bot API (issue 3): method, URL, query (own + common), headers
// and body of every endpoint. Bodies are the field names of the public apifox docs
// (黑盒语音机器人帮助文档) and, where the docs show one, their request example.
#include "chatbind/heychat.hpp"
#include "../common/test_data.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace {

namespace hc = chatbind::heychat;
using chatbind::Method;
using Query = std::vector<std::pair<std::string, std::string>>;
using Plain = nlohmann::json;  // key order does not matter on the wire

const hc::Credentials kCredentials{.token = "bot-token-123"};
const Query kCommon = {{"client_type", "heybox_chat"}, {"x_client_type", "web"}, {"os_type", "web"},
                       {"x_os_type", "bot"},           {"x_app", "heybox_chat"}, {"chat_os_type", "bot"},
                       {"chat_version", "1.30.0"}};

void expect_token(const chatbind::HttpRequest& r) {
  const chatbind::Header* token = chatbind::find_header(r.headers, "token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(token->value, "bot-token-123");
  EXPECT_TRUE(token->sensitive);
}

/// A POST with a JSON body: the common query only, the token, the body as given.
template <class E>
void expect_json_post(const typename E::request& request, std::string_view path, std::string_view body) {
  SCOPED_TRACE(std::string{path});
  auto r = chatbind::encode_request<E>(request, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, Method::post);
  EXPECT_EQ(r->base_url, "https://chat.xiaoheihe.cn");
  EXPECT_EQ(r->path, path);
  EXPECT_EQ(r->query, kCommon);
  EXPECT_EQ(r->header("Content-Type"), "application/json;charset=UTF-8");
  expect_token(*r);
  EXPECT_EQ(Plain::parse(r->body), Plain::parse(body));
}

/// A GET: the own parameters then the common ones, no body.
template <class E>
void expect_get(const typename E::request& request, std::string_view path, Query own) {
  SCOPED_TRACE(std::string{path});
  auto r = chatbind::encode_request<E>(request, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, Method::get);
  EXPECT_EQ(r->path, path);
  own.insert(own.end(), kCommon.begin(), kCommon.end());
  EXPECT_EQ(r->query, own);
  EXPECT_TRUE(r->body.empty());
  expect_token(*r);
}

// ------------------------------------------------------------------------------------- messages

TEST(HeychatBotApiRequest, UpdateChannelMessage) {
  hc::ChannelMessageUpdate update{.msg = "edited", .msg_type = hc::MsgType::markdown, .room_id = "3581310465924767744",
                                  .channel_id = "3595756374695264256", .msg_id = "1870221897717407744"};
  update.heychat_ack_id = "0";
  expect_json_post<hc::UpdateChannelMessage>(
      update, "/chatroom/v2/channel_msg/update",
      R"({"msg":"edited","msg_type":4,"heychat_ack_id":"0","room_id":"3581310465924767744",
          "channel_id":"3595756374695264256","msg_id":"1870221897717407744"})");
}

TEST(HeychatBotApiRequest, DeleteChannelMessage) {
  expect_json_post<hc::DeleteChannelMessage>({.msg_id = "1870221897717407744", .room_id = "1", .channel_id = "2"},
                                             "/chatroom/v2/channel_msg/delete",
                                             R"({"msg_id":"1870221897717407744","room_id":"1","channel_id":"2"})");
}

TEST(HeychatBotApiRequest, ReplyEmojiSendsIsAddAsOneOrZero) {
  // The docs: is_add 1 adds, 0 removes; emoji as [custom<room>_<path>.<ext>].
  const std::string emoji = "[custom3358126864697663488_1737773988806922240.jpg]";
  expect_json_post<hc::ReplyEmoji>(
      {.msg_id = "9", .emoji = emoji, .is_add = true, .room_id = "1", .channel_id = "2"},
      "/chatroom/v2/channel_msg/emoji/reply",
      R"({"msg_id":"9","emoji":"[custom3358126864697663488_1737773988806922240.jpg]","is_add":1,"room_id":"1","channel_id":"2"})");
  expect_json_post<hc::ReplyEmoji>({.msg_id = "9", .emoji = "[cube_开心]", .is_add = false, .room_id = "1", .channel_id = "2"},
                                   "/chatroom/v2/channel_msg/emoji/reply",
                                   R"({"msg_id":"9","emoji":"[cube_开心]","is_add":0,"room_id":"1","channel_id":"2"})");
}

TEST(HeychatBotApiRequest, SendUserMessageWritesTheRecipientAsANumber) {
  hc::UserMessageSend message{.msg = "hello", .msg_type = hc::MsgType::text, .to_user_id = 66837313};
  message.heychat_ack_id = "1";
  message.addition = "{}";
  expect_json_post<hc::SendUserMessage>(message, "/chatroom/v3/msg/user",
                                        R"({"msg":"hello","msg_type":1,"heychat_ack_id":"1","addition":"{}","to_user_id":66837313})");
}

// ------------------------------------------------------------------------------------- upload

TEST(HeychatBotApiRequest, UploadMediaIsMultipartOnTheUploadHost) {
  const hc::MediaUpload upload{.file = {.filename = "cat.png", .content_type = "image/png", .data = "\x89PNG\r\n\x1a\n"}};
  auto r = chatbind::encode_request<hc::UploadMedia>(upload, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, Method::post);
  EXPECT_EQ(r->url().substr(0, r->url().find('?')), "https://chat-upload.xiaoheihe.cn/upload");
  EXPECT_EQ(r->query, kCommon);
  expect_token(*r);
  const std::string content_type{r->header("Content-Type")};
  const std::string prefix = "multipart/form-data; boundary=";
  ASSERT_EQ(content_type.rfind(prefix, 0), 0u) << content_type;
  const std::string boundary = content_type.substr(prefix.size());
  EXPECT_EQ(r->body, "--" + boundary + "\r\n" +
                         "Content-Disposition: form-data; name=\"file\"; filename=\"cat.png\"\r\n"
                         "Content-Type: image/png\r\n\r\n" +
                         upload.file.data + "\r\n--" + boundary + "--\r\n");
}

TEST(HeychatBotApiRequest, UploadHostIsOverridableForAFake) {
  hc::Credentials credentials{.token = "t"};
  credentials.base_url = "http://127.0.0.1:1";
  auto r = chatbind::encode_request<hc::UploadMedia>({.file = {.filename = "a", .data = "x"}}, credentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->base_url, "https://chat-upload.xiaoheihe.cn") << "base_url is the API host, not the upload host";
  credentials.upload_base_url = "http://127.0.0.1:2";
  r = chatbind::encode_request<hc::UploadMedia>({.file = {.filename = "a", .data = "x"}}, credentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->base_url, "http://127.0.0.1:2");
  auto other = chatbind::encode_request<hc::LeaveRoom>({.room_id = "1"}, credentials);
  ASSERT_TRUE(other) << other.error();
  EXPECT_EQ(other->base_url, "http://127.0.0.1:1") << "upload_base_url changes only the upload host";
}

// ------------------------------------------------------------------------------------- roles

TEST(HeychatBotApiRequest, CreateRole) {
  hc::RoleCreate role{.name = "测试管理员", .room_id = "3690041195409809408",
                      .permissions = hc::Permissions{hc::Permission::administrator}.str(),
                      .type = hc::RoleType::new_custom, .hoist = true, .nonce = "n-1"};
  role.color = 15158588;
  role.color_list = std::vector<std::int64_t>{15158588, 3447000};
  expect_json_post<hc::CreateRole>(role, "/chatroom/v2/room_role/create",
                                   R"({"name":"测试管理员","color_list":[15158588,3447000],"room_id":"3690041195409809408",
                                       "permissions":"1","type":0,"color":15158588,"hoist":1,"nonce":"n-1"})");
}

TEST(HeychatBotApiRequest, UpdateRoleMatchesTheDocumentedExample) {
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

TEST(HeychatBotApiRequest, DeleteRole) {
  expect_json_post<hc::DeleteRole>({.role_id = "3647669220917534720", .room_id = "3642878923633221632"},
                                   "/chatroom/v2/room_role/delete",
                                   R"({"role_id":"3647669220917534720","room_id":"3642878923633221632"})");
}

// ------------------------------------------------------------------------------------- room emoji

TEST(HeychatBotApiRequest, RoomEmoji) {
  expect_get<hc::ListRoomMemes>({.room_id = "3358126864697663488"}, "/chatroom/v3/msg/meme/room/list",
                                {{"room_id", "3358126864697663488"}});
  expect_json_post<hc::DeleteRoomMeme>({.path = "1749706076381196288", .room_id = "1"}, "/chatroom/v2/msg/meme/room/del",
                                       R"({"path":"1749706076381196288","room_id":"1"})");
  expect_json_post<hc::RenameRoomMeme>({.path = "1749706076381196288", .name = "新名字", .room_id = "1"},
                                       "/chatroom/v2/msg/meme/room/edit",
                                       R"({"path":"1749706076381196288","name":"新名字","room_id":"1"})");
}

// ------------------------------------------------------------------------------------- rooms

TEST(HeychatBotApiRequest, Rooms) {
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

// ------------------------------------------------------------------------------------- voice and channels

TEST(HeychatBotApiRequest, Moderation) {
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

TEST(HeychatBotApiRequest, KickFromChannelPutsTheChannelInTheQuery) {
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

TEST(HeychatBotApiRequest, SetChannelPermissions) {
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

TEST(HeychatBotApiRequest, ChannelQueries) {
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

TEST(HeychatBotApiRequest, ChannelManagement) {
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

TEST(HeychatBotApiRequest, Streaming) {
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

}  // namespace
