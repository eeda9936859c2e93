// The Yunhu operations of spec/yunhu.yaml's one tag, `message` (the /v1/msg group). Request
// encoding: method, URL, headers and a body equal to what libprotobuf serialises for the seed's
// request example (seed 003), or the seed's JSON. Response decoding for every endpoint kind, from
// the seed's examples: the protobuf sketches in text format (tests/data/yunhu), serialised by
// libprotobuf as the server would, and the JSON envelopes as given.
#include "chatbind/core/json_dom.hpp"
#include "yunhu/oracle.hpp"

#include "common/test_data.hpp"

#include <google/protobuf/text_format.h>

#include <string>

namespace {

namespace yh = chatbind::yunhu;
using chatbind::ErrorKind;
using chatbind::HttpRequest;
using chatbind::HttpResponse;
using chatbind::Json;

// --------------------------------------------------------------------------- request encoding

const yh::Credentials credentials{.token = "secret-token"};

template <class Theirs>
std::string seed_bytes(const char* text_format) {
  Theirs message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text_format, &message)) << text_format;
  return message.SerializeAsString();
}

template <class E>
HttpRequest encoded(const typename E::request& request) {
  auto r = chatbind::encode_request<E>(request, credentials);
  EXPECT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, chatbind::Method::post);
  EXPECT_EQ(r->url(), "https://chat-go.jwzhd.com" + std::string{E::path});
  EXPECT_EQ(r->header("token"), "secret-token");
  EXPECT_EQ(r->header("Content-Type"), E::body == chatbind::Body::protobuf ? "application/x-protobuf" : "application/json;charset=UTF-8");
  return *r;
}

TEST(YunhuRequest, SendMessage) {
  yh::SendMessageRequest r{.msg_id = "0123456789abcdef0123456789abcdef", .chat_id = "big", .chat_type = yh::ChatType::group};
  r.data = yh::SendContent{.text = "信息文本", .quote_msg_text = "引用信息文本"};
  r.content_type = yh::ContentType::text;
  r.quote_msg_id = "引用信息ID";
  EXPECT_EQ(encoded<yh::SendMessage>(r).body,
            seed_bytes<oracle::yunhu::SendMessageRequest>(
                R"(msg_id: "0123456789abcdef0123456789abcdef" chat_id: "big" chat_type: 2
                   data { text: "信息文本" quote_msg_text: "引用信息文本" } content_type: 1 quote_msg_id: "引用信息ID")"));
}

TEST(YunhuRequest, SendMessageFillsAFreshMessageId) {
  const yh::SendMessageRequest r{.chat_id = "big", .chat_type = yh::ChatType::group};
  auto first = chatbind::protobuf::decode<yh::SendMessageRequest>(encoded<yh::SendMessage>(r).body);
  auto second = chatbind::protobuf::decode<yh::SendMessageRequest>(encoded<yh::SendMessage>(r).body);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->msg_id.size(), 32u);
  EXPECT_EQ(first->msg_id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(first->msg_id, second->msg_id);
  EXPECT_EQ(first->chat_id, "big");
}

TEST(YunhuRequest, SendImageWithMedia) {
  yh::SendMessageRequest r{.msg_id = "m", .chat_id = "7356666", .chat_type = yh::ChatType::user,
                           .data = yh::SendContent{.image_url = "abc.jpg"}, .content_type = yh::ContentType::image};
  r.media = yh::SendMedia{.file_key = "abc.jpg", .file_type = "image/jpeg", .image_height = 1080, .image_width = 1920,
                          .file_size = 204800, .file_key2 = "abc.jpg", .file_suffix = "jpg"};
  EXPECT_EQ(encoded<yh::SendMessage>(r).body,
            seed_bytes<oracle::yunhu::SendMessageRequest>(
                R"(msg_id: "m" chat_id: "7356666" chat_type: 1 data { image_url: "abc.jpg" } content_type: 2
                   media { file_key: "abc.jpg" file_type: "image/jpeg" image_height: 1080 image_width: 1920 file_size: 204800
                           file_key2: "abc.jpg" file_suffix: "jpg" })"));
}

TEST(YunhuRequest, EditMessage) {
  const yh::EditMessageRequest r{.msg_id = "123456", .chat_id = "big", .chat_type = yh::ChatType::group,
                                 .content = yh::EditContent{.text = "123"}, .content_type = yh::ContentType::text,
                                 .quote_msg_id = "11451419180"};
  EXPECT_EQ(encoded<yh::EditMessage>(r).body,
            seed_bytes<oracle::yunhu::EditMessageRequest>(
                R"(msg_id: "123456" chat_id: "big" chat_type: 2 content { text: "123" } content_type: 1 quote_msg_id: "11451419180")"));
}

TEST(YunhuRequest, ListMessageBySeq) {
  EXPECT_EQ(encoded<yh::ListMessageBySeq>({.msg_start = 1234, .chat_type = yh::ChatType::group, .chat_id = "big"}).body,
            seed_bytes<oracle::yunhu::ListMessageBySeqRequest>(R"(msg_start: 1234 chat_type: 2 chat_id: "big")"));
}

TEST(YunhuRequest, ListMessage) {
  EXPECT_EQ(encoded<yh::ListMessage>({.msg_count = 233, .msg_id = "abcdef", .chat_type = yh::ChatType::group, .chat_id = "big"}).body,
            seed_bytes<oracle::yunhu::ListMessageRequest>(R"(msg_count: 233 msg_id: "abcdef" chat_type: 2 chat_id: "big")"));
}

TEST(YunhuRequest, ListMessageByMidSeq) {
  EXPECT_EQ(encoded<yh::ListMessageByMidSeq>({.msg_seq = 123456, .chat_type = yh::ChatType::group, .chat_id = "big",
                                              .unknown = 0, .msg_count = 10, .msg_id = "abcdef"})
                .body,
            seed_bytes<oracle::yunhu::ListMessageByMidSeqRequest>(
                R"(msg_seq: 123456 chat_type: 2 chat_id: "big" unknown: 0 msg_count: 10 msg_id: "abcdef")"));
}

TEST(YunhuRequest, PicListMessageByMidSeq) {
  // yhchatAPI docs: image_id, chat_type, chat_id, earlier_quantities, latest_quantities.
  EXPECT_EQ(encoded<yh::PicListMessageByMidSeq>({.image_id = 6666, .chat_type = yh::ChatType::group, .chat_id = "big",
                                                 .earlier_quantities = 5, .latest_quantities = 5})
                .body,
            seed_bytes<oracle::yunhu::PicListMessageByMidSeqRequest>(
                R"(image_id: 6666 chat_type: 2 chat_id: "big" earlier_quantities: 5 latest_quantities: 5)"));
}

TEST(YunhuRequest, ButtonReport) {
  EXPECT_EQ(encoded<yh::ButtonReport>({.msg_id = "123123123123123123", .chat_type = yh::ChatType::group, .chat_id = "123",
                                       .user_id = "123", .button_value = "测试按钮文本"})
                .body,
            seed_bytes<oracle::yunhu::ButtonReportRequest>(
                R"(msg_id: "123123123123123123" chat_type: 2 chat_id: "123" user_id: "123" button_value: "测试按钮文本")"));
}

TEST(YunhuRequest, RecallMessageAndMessages) {
  EXPECT_EQ(encoded<yh::RecallMessage>({.msg_id = "123123123123123123", .chat_id = "123", .chat_type = yh::ChatType::group}).body,
            seed_bytes<oracle::yunhu::RecallMessageRequest>(R"(msg_id: "123123123123123123" chat_id: "123" chat_type: 2)"));
  EXPECT_EQ(encoded<yh::RecallMessages>({.msg_id = {"a1", "b2", "c3"}, .chat_id = "123", .chat_type = yh::ChatType::group}).body,
            seed_bytes<oracle::yunhu::RecallMessagesRequest>(R"(msg_id: "a1" msg_id: "b2" msg_id: "c3" chat_id: "123" chat_type: 2)"));
}

TEST(YunhuRequest, JsonEndpointsSendTheSeedsBodies) {
  EXPECT_EQ(Json::parse(encoded<yh::ListMessageEditRecord>({.msgId = "12312312312312312312312313", .size = 10, .page = 1}).body),
            Json::parse(R"({"msgId":"12312312312312312312312313","size":10,"page":1})"));
  EXPECT_EQ(Json::parse(encoded<yh::FileDownloadRecord>({.msgId = "5040d27fc975416680a14e5a1b37ef06",
                                                        .downloadPath = "/storage/emulated/0/Download/云湖/恶臭(1).txt"})
                            .body),
            Json::parse(R"({"msgId":"5040d27fc975416680a14e5a1b37ef06","downloadPath":"/storage/emulated/0/Download/云湖/恶臭(1).txt"})"));
  EXPECT_EQ(Json::parse(encoded<yh::ForwardMessage>({.msgId = "m1", .chatType = 2, .receive = {{.chatId = "big", .chatType = 2},
                                                                                              {.chatId = "7356666", .chatType = 1}}})
                            .body),
            Json::parse(R"({"msgId":"m1","chatType":2,"receive":[{"chatId":"big","chatType":2},{"chatId":"7356666","chatType":1}]})"));
  EXPECT_EQ(Json::parse(encoded<yh::DeleteMessage>({.chatId = "big", .msgId = "m1", .chatType = 2}).body),
            Json::parse(R"({"chatId":"big","msgId":"m1","chatType":2})"));
}

TEST(YunhuRequest, PrintedRequestsRedactTheToken) {
  const auto printed = chatbind::to_string(encoded<yh::RecallMessage>({.msg_id = "m"}));
  EXPECT_EQ(printed.find("secret-token"), std::string::npos);
  EXPECT_NE(printed.find("token: <redacted>"), std::string::npos);
}

// -------------------------------------------------------------------------- response decoding

template <class Theirs>
HttpResponse protobuf_response(const std::string& text_format) {
  Theirs message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text_format, &message)) << text_format;
  return HttpResponse{200, {{"Content-Type", "application/x-protobuf"}}, message.SerializeAsString()};
}

TEST(YunhuResponse, StatusOfTheSendEditRecallAndButtonEndpoints) {
  const auto response = protobuf_response<oracle::yunhu::StatusResponse>(R"(status { number: 114514 code: 1 msg: "success" })");
  for (auto r : {chatbind::decode_response<yh::SendMessage>(response), chatbind::decode_response<yh::EditMessage>(response),
                 chatbind::decode_response<yh::ButtonReport>(response), chatbind::decode_response<yh::RecallMessage>(response),
                 chatbind::decode_response<yh::RecallMessages>(response)}) {
    ASSERT_TRUE(r) << r.error();
    ASSERT_TRUE(r->status);
    EXPECT_EQ(r->status->number, 114514u);
    EXPECT_EQ(r->status->msg, "success");
  }
}

TEST(YunhuResponse, TheSeedsMessageListDecodesFieldByField) {
  const auto response = protobuf_response<oracle::yunhu::MessageList>(
      chatbind::test::read_file(chatbind::test::data_path("yunhu/list_message.response.txtpb")));
  auto list = chatbind::decode_response<yh::ListMessageBySeq>(response);
  ASSERT_TRUE(list) << list.error();
  EXPECT_EQ(list->total, 23u);
  ASSERT_EQ(list->msg.size(), 1u);
  const yh::ChatMessage& m = list->msg[0];
  EXPECT_EQ(m.msg_id, "abcdef");
  ASSERT_TRUE(m.sender);
  EXPECT_EQ(m.sender->chat_id, "7356666");
  EXPECT_EQ(m.sender->chat_type, yh::ChatType::user);
  EXPECT_EQ(m.sender->name, "测试");
  EXPECT_EQ(m.sender->tag_old, std::vector<std::string>{"测试成员"});
  ASSERT_EQ(m.sender->tag.size(), 1u);
  EXPECT_EQ(m.sender->tag[0].id, 114514u);
  EXPECT_EQ(m.sender->tag[0].color, "#FFFFFFFF");
  EXPECT_EQ(m.direction, "left");
  EXPECT_EQ(m.content_type, yh::ContentType::text);
  ASSERT_TRUE(m.content);
  EXPECT_EQ(m.content->text, "ok");
  EXPECT_EQ(m.send_time, 123456789u);
  ASSERT_TRUE(m.cmd);
  EXPECT_EQ(m.cmd->name, "指令名");
  EXPECT_EQ(m.cmd->type, 1u);
  EXPECT_EQ(m.msg_delete_time, 8888u);
  EXPECT_EQ(m.quote_msg_id, "abcdef");
  EXPECT_EQ(m.msg_seq, 6666u);
  EXPECT_EQ(m.edit_time, 1234u);
  // The same message type answers the other list endpoints, and re-encodes to the server's bytes.
  EXPECT_TRUE(chatbind::decode_response<yh::ListMessage>(response));
  EXPECT_TRUE(chatbind::decode_response<yh::ListMessageByMidSeq>(response));
  EXPECT_EQ(chatbind::protobuf::encode(*list), response.body);
}

TEST(YunhuResponse, AFailureStatusIsAPlatformError) {
  const auto response = protobuf_response<oracle::yunhu::StatusResponse>(R"(status { number: 7 code: -101 msg: "未登录" })");
  auto r = chatbind::decode_response<yh::SendMessage>(response);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::platform);
  EXPECT_EQ(r.error().platform_code, -101);
  EXPECT_EQ(r.error().platform_message, "未登录");
  EXPECT_EQ(r.error().describe(), "platform error (HTTP 200) [code -101]: 未登录");
}

TEST(YunhuResponse, AJsonBodyOnAProtobufRouteIsAPlatformError) {
  // What the server answers when the token is missing or invalid; with or without a JSON content type.
  for (const HttpResponse& response : {HttpResponse{200, {{"Content-Type", "application/json"}}, R"({"code":-101,"msg":"未登录"})"},
                                       HttpResponse{200, {}, R"({"code":-101,"msg":"未登录"})"},
                                       HttpResponse{401, {}, R"({"code":-101,"msg":"未登录"})"}}) {
    auto r = chatbind::decode_response<yh::ListMessage>(response);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::platform);
    EXPECT_EQ(r.error().platform_code, -101);
    EXPECT_EQ(r.error().platform_message, "未登录");
    EXPECT_EQ(r.error().http_status, response.status);
  }
}

TEST(YunhuResponse, TransportLevelFailures) {
  auto empty500 = chatbind::decode_response<yh::SendMessage>(HttpResponse{500, {}, ""});
  ASSERT_FALSE(empty500);
  EXPECT_EQ(empty500.error().kind, ErrorKind::http_status);
  EXPECT_EQ(empty500.error().http_status, 500);

  auto garbage = chatbind::decode_response<yh::SendMessage>(HttpResponse{200, {}, std::string("\x0a\x05\x08", 3)});
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().kind, ErrorKind::syntax);
  EXPECT_EQ(garbage.error().path, "status");

  auto no_status = chatbind::decode_response<yh::SendMessage>(HttpResponse{200, {}, ""});
  ASSERT_FALSE(no_status);
  EXPECT_EQ(no_status.error().kind, ErrorKind::schema);
  EXPECT_EQ(no_status.error().path, "status");

  auto json_success = chatbind::decode_response<yh::SendMessage>(HttpResponse{200, {}, R"({"code":1,"msg":"success"})"});
  ASSERT_FALSE(json_success) << "a protobuf endpoint never succeeds with JSON";
  EXPECT_EQ(json_success.error().kind, ErrorKind::schema);
}

TEST(YunhuResponse, ListMessageEditRecordFromTheSeed) {
  const HttpResponse response{200, {}, chatbind::test::read_file(chatbind::test::data_path("yunhu/list_message_edit_record.response.json"))};
  auto r = chatbind::decode_response<yh::ListMessageEditRecord>(response);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->total, 1);
  ASSERT_EQ(r->list.size(), 1u);
  EXPECT_EQ(r->list[0].id, 1018684);
  EXPECT_EQ(r->list[0].msgId, "123123123123123123123123");
  EXPECT_EQ(r->list[0].contentType, 1);
  EXPECT_EQ(r->list[0].contentOld, R"({"text":"测试原始编辑文本"})");
  EXPECT_EQ(r->list[0].createTime, 1231231231230);
  EXPECT_EQ(r->list[0].msgTime, 1231231231230);
  EXPECT_EQ(chatbind::json::to_json(*r), chatbind::test::data_json("yunhu/list_message_edit_record.response.json")["data"]);
}

TEST(YunhuResponse, JsonEnvelopes) {
  EXPECT_TRUE(chatbind::decode_response<yh::FileDownloadRecord>(HttpResponse{200, {}, R"({"code":1,"msg":"success"})"}));
  EXPECT_TRUE(chatbind::decode_response<yh::ForwardMessage>(HttpResponse{200, {}, R"({"code":1,"msg":"success"})"}));
  auto failed = chatbind::decode_response<yh::DeleteMessage>(HttpResponse{200, {}, R"({"code":-1,"msg":"消息不存在"})"});
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().platform_code, -1);
  auto wrong = chatbind::decode_response<yh::ListMessageEditRecord>(HttpResponse{200, {}, R"({"code":1,"data":{"list":[{"id":"x"}],"total":1}})"});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ErrorKind::schema);
  EXPECT_EQ(wrong.error().path, "data.list[0].id");
  auto huge = chatbind::decode_response<yh::FileDownloadRecord>(HttpResponse{200, {}, R"({"code":18446744073709551615})"});
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().path, "code");
  auto not_json = chatbind::decode_response<yh::FileDownloadRecord>(HttpResponse{200, {}, "<html>"});
  ASSERT_FALSE(not_json);
  EXPECT_EQ(not_json.error().kind, ErrorKind::syntax);
}

}  // namespace
