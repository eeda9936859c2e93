// Request encoding for every Yunhu endpoint: method, URL, headers and a body equal to what
// libprotobuf serialises for the seed's request example (seed 003), or the seed's JSON.
#include "oracle.hpp"

#include <google/protobuf/text_format.h>

#include <string>

namespace {

namespace yh = chatbind::yunhu;
using chatbind::HttpRequest;
using chatbind::Json;

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

}  // namespace
