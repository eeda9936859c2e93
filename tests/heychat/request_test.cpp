// Request encoding for each Heychat endpoint: method, URL, query (own + common), headers and body.
#include "chatbind/heychat.hpp"
#include "../common/test_data.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace hc = chatbind::heychat;
using chatbind::Json;
using Query = std::vector<std::pair<std::string, std::string>>;

const hc::Credentials kCredentials{.token = "bot-token-123"};

const Query kCommon = {{"client_type", "heybox_chat"}, {"x_client_type", "web"}, {"os_type", "web"},
                       {"x_os_type", "bot"},           {"x_app", "heybox_chat"}, {"chat_os_type", "bot"},
                       {"chat_version", "1.30.0"}};

Query with_common(Query own) {
  own.insert(own.end(), kCommon.begin(), kCommon.end());
  return own;
}

void expect_auth_headers(const chatbind::HttpRequest& r) {
  const chatbind::Header* token = chatbind::find_header(r.headers, "token");
  ASSERT_NE(token, nullptr);
  EXPECT_EQ(token->value, "bot-token-123");
  EXPECT_TRUE(token->sensitive) << "the token must be redacted when the request is printed";
}

TEST(HeychatRequest, SendChannelMessageMatchesTheDocumentedBody) {
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
  expect_auth_headers(*r);
  EXPECT_EQ(Json::parse(r->body), chatbind::test::data_json("heychat/channel_msg_send.request.json"));
}

TEST(HeychatRequest, OptionalMembersAreLeftOutOfTheBody) {
  const hc::ChannelMessageSend message{.msg = "hi", .msg_type = hc::MsgType::text, .room_id = "1", .channel_id = "2"};
  auto r = chatbind::encode_request<hc::SendChannelMessage>(message, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(Json::parse(r->body), Json::parse(R"({"msg":"hi","msg_type":1,"room_id":"1","channel_id":"2"})"));
}

TEST(HeychatRequest, GrantAndRevokeSendTheDocumentedBody) {
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
    expect_auth_headers(*r);
    EXPECT_EQ(Json::parse(r->body), documented);
    EXPECT_EQ(Json::parse(r->body)["to_user_id"].type(), Json::value_t::number_unsigned)
        << "a numeric id is written as a number, as documented";
  }
}

TEST(HeychatRequest, RoomRolesAndRoomViewPutTheRoomInTheQuery) {
  auto roles = chatbind::encode_request<hc::ListRoomRoles>({.room_id = "3642878923633221632"}, kCredentials);
  ASSERT_TRUE(roles) << roles.error();
  EXPECT_EQ(roles->method, chatbind::Method::get);
  EXPECT_EQ(roles->path, "/chatroom/v2/room_role/roles");
  EXPECT_EQ(roles->query, with_common({{"room_id", "3642878923633221632"}}));
  EXPECT_TRUE(roles->body.empty());
  expect_auth_headers(*roles);

  auto view = chatbind::encode_request<hc::ViewRoom>({.room_id = "3713907767125508096"}, kCredentials);
  ASSERT_TRUE(view) << view.error();
  EXPECT_EQ(view->method, chatbind::Method::get);
  EXPECT_EQ(view->target(), "/chatroom/v2/room/view?room_id=3713907767125508096&client_type=heybox_chat"
                            "&x_client_type=web&os_type=web&x_os_type=bot&x_app=heybox_chat&chat_os_type=bot"
                            "&chat_version=1.30.0");
}

TEST(HeychatRequest, CommonParametersAndBaseUrlAreOverridable) {
  hc::Credentials credentials{.token = "t"};
  credentials.common.chat_version = "1.31.0";
  credentials.base_url = "http://127.0.0.1:8080";
  auto r = chatbind::encode_request<hc::ViewRoom>({.room_id = "1"}, credentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->base_url, "http://127.0.0.1:8080");
  EXPECT_NE(std::find(r->query.begin(), r->query.end(), std::pair<std::string, std::string>{"chat_version", "1.31.0"}),
            r->query.end());
}

TEST(HeychatRequest, InvalidUtf8IsATypedErrorNotAnException) {
  const hc::ChannelMessageSend message{.msg = "bad \xff byte", .msg_type = hc::MsgType::text, .room_id = "1",
                                       .channel_id = "2"};
  auto r = chatbind::encode_request<hc::SendChannelMessage>(message, kCredentials);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::invalid_request);
}

}  // namespace
