// The Yunhu client over a fake server that speaks protobuf and answers a bad token with JSON, as
// the real one does.
#include "chatbind/yunhu.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace yh = chatbind::yunhu;
namespace protobuf = chatbind::protobuf;
using chatbind::HttpRequest;
using chatbind::HttpResponse;

struct FakeServer {
  std::vector<yh::SendMessageRequest> sent;

  HttpResponse operator()(const HttpRequest& r) {
    if (r.header("token") != "good-token") return HttpResponse{200, {{"Content-Type", "application/json"}}, R"({"code":-101,"msg":"未登录"})"};
    if (r.path == "/v1/msg/send-message") {
      auto request = protobuf::decode<yh::SendMessageRequest>(r.body);
      if (!request) return HttpResponse{200, {}, protobuf::encode(yh::StatusResponse{yh::Status{.number = 1, .code = -1, .msg = "bad body"}})};
      sent.push_back(*request);
      return HttpResponse{200, {}, protobuf::encode(yh::StatusResponse{yh::Status{.number = 2, .code = 1, .msg = "success"}})};
    }
    if (r.path == "/v1/msg/list-message") {
      yh::MessageList list{.status = yh::Status{.number = 3, .code = 1, .msg = "success"}};
      for (const auto& s : sent) list.msg.push_back({.msg_id = s.msg_id, .content = yh::MessageContent{.text = s.data ? s.data->text : ""}});
      list.total = list.msg.size();
      return HttpResponse{200, {}, protobuf::encode(list)};
    }
    return HttpResponse{404, {}, ""};
  }
};

TEST(YunhuClient, SendThenList) {
  FakeServer server;
  yh::Client client{std::ref(server), yh::Credentials{.token = "good-token"}};
  auto sent = client.send_message({.chat_id = "big", .chat_type = yh::ChatType::group, .data = yh::SendContent{.text = "你好"},
                                   .content_type = yh::ContentType::text});
  ASSERT_TRUE(sent) << sent.error();
  ASSERT_EQ(server.sent.size(), 1u);
  EXPECT_EQ(server.sent[0].msg_id.size(), 32u) << "a fresh id was filled in";

  auto listed = client.list_message({.msg_count = 10, .chat_type = yh::ChatType::group, .chat_id = "big"});
  ASSERT_TRUE(listed) << listed.error();
  ASSERT_EQ(listed->msg.size(), 1u);
  EXPECT_EQ(listed->msg[0].msg_id, server.sent[0].msg_id);
  EXPECT_EQ(listed->msg[0].content->text, "你好");
}

TEST(YunhuClient, ABadTokenIsAPlatformErrorThatDoesNotLeakIt) {
  FakeServer server;
  yh::Client client{std::ref(server), yh::Credentials{.token = "leaked-token-value"}};
  auto r = client.recall_message({.msg_id = "m", .chat_id = "big", .chat_type = yh::ChatType::group});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().platform_code, -101);
  EXPECT_EQ(r.error().describe().find("leaked-token-value"), std::string::npos);
}

TEST(YunhuClient, TransportFailuresPassThrough) {
  auto failing = [](const HttpRequest&) -> chatbind::Result<HttpResponse> {
    return chatbind::Error::make(chatbind::ErrorKind::transport, "connection refused");
  };
  yh::Client client{failing, yh::Credentials{.token = "t"}};
  auto r = client.edit_message({.msg_id = "m"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::transport);
}

}  // namespace

namespace {

TEST(YunhuResponse, AServerErrorKeepsTheStatusCodeAndMessageOfItsBody) {
  yh::StatusResponse body;
  body.status.emplace();
  body.status->code = -1;
  body.status->msg = "服务器繁忙";  // server busy
  const chatbind::HttpResponse response{.status = 503, .headers = {{"Content-Type", "application/x-protobuf"}},
                                        .body = chatbind::protobuf::encode(body)};
  auto r = chatbind::decode_response<yh::SendMessage>(response);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::http_status) << "still an HTTP error: retryable";
  EXPECT_EQ(r.error().http_status, 503);
  EXPECT_EQ(r.error().platform_code, -1);
  EXPECT_EQ(r.error().platform_message, "服务器繁忙");
}

TEST(YunhuRequest, PrintingARequestShowsTheSizeOfItsProtobufBodyNotItsBytes) {
  yh::SendMessageRequest request;
  request.msg_id = "0123456789abcdef0123456789abcdef";
  request.chat_id = "g1";
  auto encoded = chatbind::encode_request<yh::SendMessage>(request, yh::Credentials{.token = "tok"});
  ASSERT_TRUE(encoded) << encoded.error();
  const std::string printed = chatbind::to_string(*encoded);
  EXPECT_NE(printed.find("bytes of application/x-protobuf>"), std::string::npos) << printed;
  EXPECT_EQ(printed.find(request.msg_id), std::string::npos) << "no raw bytes";
  EXPECT_EQ(printed.find("tok\n"), std::string::npos);
}

}  // namespace
