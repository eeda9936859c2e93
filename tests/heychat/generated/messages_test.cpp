// The Heychat operations tagged `messages` in spec/heychat.yaml (sendChannelMessage,
// updateChannelMessage, deleteChannelMessage, replyEmoji, sendUserMessage): request encoding
// (method, URL, query own + common, headers, body as the docs show it) and response decoding.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "chatbind/heychat/generated/spec_examples.hpp"
#include "heychat/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace hc = chatbind::heychat;
using namespace chatbind::test::heychat_endpoints;
using chatbind::Json;

// --------------------------------------------------------------------------- request encoding

TEST(HeychatMessagesRequest, SendChannelMessageMatchesTheDocumentedBody) {
  // The body example of POST /chatroom/v2/channel_msg/send in seed 000.
  const hc::ChannelMessageSend message{
      .msg = "@{id:4611545164569485312} @{id:100030} #{id:3628471439769796608} 11111",
      .msg_type = hc::MsgType::markdown_with_mentions,
      .heychat_ack_id = "0",
      .reply_id = "",
      .room_id = "3581310465924767744",
      .addition = R"({"img_files_info":[]})",
      .at_user_id = "100030",
      .at_role_id = "4611545164569485312",
      .mention_channel_id = "3628471439769796608",
      .channel_id = "3595756374695264256",
      .channel_type = 1,
  };
  auto r = chatbind::encode_request<hc::SendChannelMessage>(message, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, chatbind::Method::post);
  EXPECT_EQ(r->url(), "https://chat.xiaoheihe.cn/chatroom/v2/channel_msg/send?client_type=heybox_chat&x_client_type=web"
                      "&os_type=web&x_os_type=bot&x_app=heybox_chat&chat_os_type=bot&chat_version=1.30.0");
  EXPECT_EQ(r->header("Content-Type"), "application/json;charset=UTF-8");
  expect_token(*r);
  EXPECT_EQ(Json::parse(r->body), chatbind::test::data_json("heychat/channel_msg_send.request.json"));
}

TEST(HeychatMessagesRequest, OptionalMembersAreLeftOutOfTheBody) {
  const hc::ChannelMessageSend message{.msg = "hi", .msg_type = hc::MsgType::text, .room_id = "1", .channel_id = "2"};
  auto r = chatbind::encode_request<hc::SendChannelMessage>(message, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(Json::parse(r->body), Json::parse(R"({"msg":"hi","msg_type":1,"room_id":"1","channel_id":"2"})"));
}

TEST(HeychatMessagesRequest, InvalidUtf8IsATypedErrorNotAnException) {
  const hc::ChannelMessageSend message{.msg = "bad \xff byte", .msg_type = hc::MsgType::text, .room_id = "1",
                                       .channel_id = "2"};
  auto r = chatbind::encode_request<hc::SendChannelMessage>(message, kCredentials);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::invalid_request);
}

TEST(HeychatMessagesRequest, UpdateChannelMessage) {
  hc::ChannelMessageUpdate update{.msg = "edited", .msg_type = hc::MsgType::markdown, .room_id = "3581310465924767744",
                                  .channel_id = "3595756374695264256", .msg_id = "1870221897717407744"};
  update.heychat_ack_id = "0";
  expect_json_post<hc::UpdateChannelMessage>(
      update, "/chatroom/v2/channel_msg/update",
      R"({"msg":"edited","msg_type":4,"heychat_ack_id":"0","room_id":"3581310465924767744",
          "channel_id":"3595756374695264256","msg_id":"1870221897717407744"})");
}

TEST(HeychatMessagesRequest, DeleteChannelMessage) {
  expect_json_post<hc::DeleteChannelMessage>({.msg_id = "1870221897717407744", .room_id = "1", .channel_id = "2"},
                                             "/chatroom/v2/channel_msg/delete",
                                             R"({"msg_id":"1870221897717407744","room_id":"1","channel_id":"2"})");
}

TEST(HeychatMessagesRequest, ReplyEmojiSendsIsAddAsOneOrZero) {
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

TEST(HeychatMessagesRequest, SendUserMessageWritesTheRecipientAsANumber) {
  hc::UserMessageSend message{.msg = "hello", .msg_type = hc::MsgType::text, .to_user_id = 66837313};
  message.heychat_ack_id = "1";
  message.addition = "{}";
  expect_json_post<hc::SendUserMessage>(message, "/chatroom/v3/msg/user",
                                        R"({"msg":"hello","msg_type":1,"heychat_ack_id":"1","addition":"{}","to_user_id":66837313})");
}

// -------------------------------------------------------------------------- response decoding

TEST(HeychatMessagesResponse, SendUserMessageResultCarriesTheMessageId) {
  auto pm = chatbind::decode_response<hc::SendUserMessage>(ok(std::string{hc::response_example<hc::SendUserMessage>}));
  ASSERT_TRUE(pm) << pm.error();
  EXPECT_EQ(pm->msg_id, chatbind::Id{"1870221897717407745"});
}

}  // namespace
