// The convenience client over a mocked transport: routing, results, transport failures, no secrets.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "../common/test_data.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

namespace hc = chatbind::heychat;
using chatbind::ErrorKind;
using chatbind::HttpRequest;
using chatbind::HttpResponse;
using chatbind::Json;
using chatbind::Result;
using ::testing::_;
using ::testing::Return;
using ::testing::Truly;

constexpr const char* kToken = "very-secret-token";

class HeychatClient : public ::testing::Test {
 protected:
  ::testing::MockFunction<Result<HttpResponse>(const HttpRequest&)> transport;
  hc::Client<std::function<Result<HttpResponse>(const HttpRequest&)>> client{transport.AsStdFunction(),
                                                                               hc::Credentials{.token = kToken}};
};

auto path_is(std::string path) {
  return Truly([path](const HttpRequest& r) { return r.path == path && r.header("token") == kToken; });
}

HttpResponse ok(Json result) {
  return HttpResponse{200, {}, Json{{"msg", ""}, {"result", std::move(result)}, {"status", "ok"}}.dump()};
}

TEST_F(HeychatClient, EachMethodCallsItsEndpoint) {
  EXPECT_CALL(transport, Call(path_is("/chatroom/v2/channel_msg/send")))
      .WillOnce(Return(ok(Json{{"msg_id", "1870221897717407744"}})));
  EXPECT_CALL(transport, Call(path_is("/chatroom/v2/room_role/grant"))).WillOnce(Return(ok(Json::object())));
  EXPECT_CALL(transport, Call(path_is("/chatroom/v2/room_role/revoke"))).WillOnce(Return(ok(Json::object())));
  EXPECT_CALL(transport, Call(path_is("/chatroom/v2/room_role/roles")))
      .WillOnce(Return(HttpResponse{200, {}, chatbind::test::read_file(chatbind::test::data_path("heychat/room_role_roles.json"))}));
  EXPECT_CALL(transport, Call(path_is("/chatroom/v2/room/view")))
      .WillOnce(Return(ok(chatbind::test::data_json("heychat/room_view.result.json"))));

  auto sent = client.send_channel_message({.msg = "hi", .msg_type = hc::MsgType::text, .room_id = "1", .channel_id = "2"});
  ASSERT_TRUE(sent) << sent.error();
  EXPECT_EQ(sent->msg_id, std::optional<chatbind::Id>{"1870221897717407744"});
  EXPECT_TRUE(client.grant_role({.to_user_id = 1, .role_id = "2", .room_id = "3"}));
  EXPECT_TRUE(client.revoke_role({.to_user_id = 1, .role_id = "2", .room_id = "3"}));
  auto roles = client.list_room_roles({.room_id = "3642878923633221632"});
  ASSERT_TRUE(roles) << roles.error();
  EXPECT_EQ(roles->roles.size(), 8u);
  auto view = client.view_room({.room_id = "3713907767125508096"});
  ASSERT_TRUE(view) << view.error();
  EXPECT_EQ(view->room.room_name, "1");
}

TEST_F(HeychatClient, TransportFailureIsReturnedAsItsTypedError) {
  EXPECT_CALL(transport, Call(_))
      .WillOnce(Return(chatbind::Error::make(ErrorKind::transport, "connection refused")));
  auto r = client.view_room({.room_id = "1"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::transport);
  EXPECT_EQ(r.error().message, "connection refused");
}

TEST_F(HeychatClient, ErrorsNeverContainTheToken) {
  EXPECT_CALL(transport, Call(_))
      .WillOnce(Return(HttpResponse{200, {}, R"({"msg":"bad","status":"failed"})"}))
      .WillOnce(Return(HttpResponse{403, {}, ""}))
      .WillOnce(Return(HttpResponse{200, {}, "{"}));
  for (int i = 0; i < 3; ++i) {
    auto r = client.view_room({.room_id = "1"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().describe().find(kToken), std::string::npos);
  }
}

TEST(HeychatClientDeduction, AcceptsAPlainLambdaTransport) {
  int calls = 0;
  auto transport = [&calls](const HttpRequest&) {
    ++calls;
    return HttpResponse{200, {}, R"({"msg":"","status":"ok"})"};
  };
  hc::Client client{transport, hc::Credentials{.token = "t"}};
  EXPECT_TRUE(client.grant_role({.to_user_id = "1", .role_id = "2", .room_id = "3"}));
  EXPECT_EQ(calls, 1);
}

}  // namespace

namespace {

TEST(HeychatCredentials, ATokenWithALineBreakIsRefusedAndNotEchoed) {
  hc::Credentials c;
  c.token = "s3cret\r\nX-Evil: 1";
  auto r = chatbind::encode_request<hc::ListRoomRoles>({}, c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::invalid_request);
  EXPECT_EQ(r.error().describe().find("s3cret"), std::string::npos);
  c.token = "s3cret";
  EXPECT_TRUE(chatbind::encode_request<hc::ListRoomRoles>({}, c));
}

}  // namespace
