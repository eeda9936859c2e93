// Compile-time protobuf: encoding fixed messages yields the exact bytes libprotobuf writes, and
// decode(encode(x)) == x. With g++ these are static_asserts; with clang 14 (whose constant
// evaluator cannot run libstdc++'s std::string) the same constexpr checks run at test time. The
// expected bytes are also compared with libprotobuf's own serialisation at test time.
#include "oracle.hpp"

#include <google/protobuf/text_format.h>

#include <string_view>

namespace {

namespace yh = chatbind::yunhu;
namespace protobuf = chatbind::protobuf;
using namespace std::string_view_literals;

constexpr yh::StatusResponse success_status() {
  yh::StatusResponse r;
  r.status = yh::Status{.number = 114514, .code = 1, .msg = "success"};
  return r;
}
// field 1 (message, 15 bytes): field 1 varint 114514, field 2 varint 1, field 3 "success"
constexpr auto success_status_bytes = "\x0a\x0f\x08\xd2\xfe\x06\x10\x01\x1a\x07success"sv;

constexpr yh::Status not_logged_in() { return yh::Status{.number = 0, .code = -101, .msg = ""}; }
// A negative int64 is a ten-byte varint.
constexpr auto not_logged_in_bytes = "\x10\x9b\xff\xff\xff\xff\xff\xff\xff\xff\x01"sv;

constexpr yh::SendMessageRequest send_text() {
  yh::SendMessageRequest r;
  r.msg_id = "m1";
  r.chat_id = "big";
  r.chat_type = yh::ChatType::group;
  r.data = yh::SendContent{};
  r.data->text = "hi";
  r.data->mentioned_id = {"u1"};
  r.content_type = yh::ContentType::text;
  return r;
}
constexpr auto send_text_bytes = "\x12\x02m1\x1a\x03" "big\x20\x02\x2a\x08\x0a\x02hi\x32\x02u1\x30\x01"sv;

constexpr yh::RecallMessageRequest recall() { return {.msg_id = "abc", .chat_id = "big", .chat_type = yh::ChatType::group}; }
constexpr auto recall_bytes = "\x12\x03" "abc\x1a\x03" "big\x20\x02"sv;

template <class T>
constexpr bool encodes_to(const T& message, std::string_view bytes) {
  return protobuf::encode(message) == bytes && protobuf::encoded_size(message) == bytes.size();
}

template <class T>
constexpr bool round_trips(const T& message) {
  T back{};
  protobuf::DecodeFailure failure;
  return protobuf::decode_into(protobuf::encode(message), back, failure) && back == message;
}

constexpr bool rejects_truncation() {
  yh::StatusResponse back{};
  protobuf::DecodeFailure failure;
  return !protobuf::decode_into(success_status_bytes.substr(0, 5), back, failure);
}

#if defined(__GNUC__) && !defined(__clang__)
static_assert(encodes_to(success_status(), success_status_bytes));
static_assert(encodes_to(not_logged_in(), not_logged_in_bytes));
static_assert(encodes_to(send_text(), send_text_bytes));
static_assert(encodes_to(recall(), recall_bytes));
static_assert(round_trips(success_status()) && round_trips(not_logged_in()) && round_trips(send_text()) && round_trips(recall()));
static_assert(encodes_to(yh::StatusResponse{}, ""), "proto3 defaults are not written; an absent message neither");
#endif

TEST(CompileTime, TheConstexprChecksHoldAtRunTimeToo) {
  EXPECT_TRUE(encodes_to(success_status(), success_status_bytes));
  EXPECT_TRUE(encodes_to(not_logged_in(), not_logged_in_bytes));
  EXPECT_TRUE(encodes_to(send_text(), send_text_bytes));
  EXPECT_TRUE(encodes_to(recall(), recall_bytes));
  EXPECT_TRUE(round_trips(success_status()) && round_trips(not_logged_in()) && round_trips(send_text()) && round_trips(recall()));
  EXPECT_TRUE(rejects_truncation());
}

template <class Theirs>
std::string libprotobuf_bytes(const char* text_format) {
  Theirs message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text_format, &message)) << text_format;
  return message.SerializeAsString();
}

TEST(CompileTime, TheExpectedBytesAreLibprotobufs) {
  EXPECT_EQ(success_status_bytes, libprotobuf_bytes<oracle::yunhu::StatusResponse>(R"(status { number: 114514 code: 1 msg: "success" })"));
  EXPECT_EQ(not_logged_in_bytes, libprotobuf_bytes<oracle::yunhu::Status>("code: -101"));
  EXPECT_EQ(send_text_bytes, libprotobuf_bytes<oracle::yunhu::SendMessageRequest>(
                                 R"(msg_id: "m1" chat_id: "big" chat_type: CHAT_TYPE_GROUP data { text: "hi" mentioned_id: "u1" } content_type: CONTENT_TYPE_TEXT)"));
  EXPECT_EQ(recall_bytes, libprotobuf_bytes<oracle::yunhu::RecallMessageRequest>(R"(msg_id: "abc" chat_id: "big" chat_type: CHAT_TYPE_GROUP)"));
}

}  // namespace
