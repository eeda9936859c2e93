// Malformed protobuf never crashes and never yields a silently wrong value: a typed syntax error
// naming the field path. Truncation is judged against libprotobuf (a cut at a field boundary is a
// valid, shorter message for both).
#include "oracle.hpp"

#include <string>

namespace {

namespace yh = chatbind::yunhu;
namespace protobuf = chatbind::protobuf;
using chatbind::ErrorKind;
using namespace chatbind::test;

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out += static_cast<char>(v);
  return out;
}

template <class T>
chatbind::Error decode_error(const std::string& in) {
  auto r = protobuf::decode<T>(in);
  EXPECT_FALSE(r) << "decoded malformed bytes";
  return r ? chatbind::Error{} : r.error();
}

TEST(Malformed, TruncationAtEveryOffsetAgreesWithLibprotobuf) {
  Random random{7};
  int rejected = 0;
  int instances = 0;
  while (instances < 60) {  // cutting is quadratic: keep to messages of at most 1.5 KiB
    yh::MessageList ours{};
    oracle::yunhu::MessageList theirs;
    fill(ours, theirs, random, 0);
    const std::string full = theirs.SerializeAsString();
    if (full.size() > 1536) continue;
    ++instances;
    for (std::size_t cut = 0; cut < full.size(); ++cut) {
      const std::string prefix = full.substr(0, cut);
      oracle::yunhu::MessageList reference;
      const bool valid = reference.ParseFromString(prefix);
      auto decoded = protobuf::decode<yh::MessageList>(prefix);
      ASSERT_EQ(valid, decoded.has_value()) << "cut at " << cut << " of " << full.size();
      if (valid) {
        EXPECT_EQ(protobuf::encode(*decoded), reference.SerializeAsString());
      } else {
        EXPECT_EQ(decoded.error().kind, ErrorKind::syntax);
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, 500) << "most cuts fall inside a field";
}

TEST(Malformed, AnErrorInsideANestedFieldNamesItsPath) {
  // MessageList.msg[1].sender.name announces 5 bytes but its sender holds only 1: the outer
  // lengths are right, so the error is found inside.
  auto wrap = [](int field, const std::string& inner) { return bytes({(field << 3) | 2, static_cast<int>(inner.size())}) + inner; };
  const std::string sender = bytes({0x1a, 0x05, 'a'});
  const std::string in = wrap(2, {}) + wrap(2, wrap(2, sender));
  const auto e = decode_error<yh::MessageList>(in);
  EXPECT_EQ(e.kind, ErrorKind::syntax);
  EXPECT_EQ(e.path, "msg[1].sender.name");
  EXPECT_NE(e.message.find("past the end"), std::string::npos) << e.message;
}

TEST(Malformed, VarintsLongerThanTenBytesOrPast64Bits) {
  // field 2 (code, varint) with eleven bytes
  EXPECT_NE(decode_error<yh::Status>(bytes({0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x01})).message.find("varint"),
            std::string::npos);
  // the tenth byte may carry one bit only
  EXPECT_NE(decode_error<yh::Status>(bytes({0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02})).message.find("64 bits"),
            std::string::npos);
  EXPECT_EQ(decode_error<yh::Status>(bytes({0x10, 0x80})).message, "malformed protobuf: truncated varint");
}

TEST(Malformed, LengthPastTheEnd) {
  const auto e = decode_error<yh::Status>(bytes({0x1a, 0x05, 'a', 'b'}));
  EXPECT_EQ(e.path, "msg");
  EXPECT_NE(e.message.find("runs past the end"), std::string::npos);
  // a length near 2^64 must not overflow the bounds check
  decode_error<yh::Status>(bytes({0x1a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 'x'}));
}

TEST(Malformed, WrongWireTypeForAKnownField) {
  // Status.msg (field 3, a string) sent as a varint
  const auto e = decode_error<yh::Status>(bytes({0x18, 0x01}));
  EXPECT_EQ(e.path, "msg");
  EXPECT_NE(e.message.find("wrong wire type varint, expected length-delimited"), std::string::npos) << e.message;
  // StatusResponse.status (a message) sent as fixed32
  EXPECT_EQ(decode_error<yh::StatusResponse>(bytes({0x0d, 1, 2, 3, 4})).path, "status");
  // a repeated string field cannot be packed
  EXPECT_EQ(decode_error<yh::RecallMessagesRequest>(bytes({0x10, 0x01})).path, "msg_id");
}

TEST(Malformed, InvalidKeysAndGroups) {
  EXPECT_NE(decode_error<yh::Status>(bytes({0x00, 0x01})).message.find("field number 0"), std::string::npos);
  EXPECT_NE(decode_error<yh::Status>(bytes({0x0e})).message.find("invalid wire type 6"), std::string::npos);
  EXPECT_NE(decode_error<yh::Status>(bytes({0x0f})).message.find("invalid wire type 7"), std::string::npos);
  EXPECT_NE(decode_error<yh::Status>(bytes({0x3c})).message.find("end-group"), std::string::npos);       // field 7 end-group
  EXPECT_NE(decode_error<yh::Status>(bytes({0x3b, 0x08, 0x01})).message.find("unterminated"), std::string::npos);  // field 7 group never closed
  EXPECT_NE(decode_error<yh::Status>(bytes({0x3b, 0x44})).message.find("does not match"), std::string::npos);  // group 7 closed as 8
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += static_cast<char>(0x3b);  // group 7 inside group 7 ...
  EXPECT_NE(decode_error<yh::Status>(deep).message.find("nested too deeply"), std::string::npos);
}

TEST(Malformed, InvalidUtf8InAStringIsAnError) {
  for (const std::string& bad : {std::string("\xff"), std::string("\xc0\xaf"), std::string("\xed\xa0\x80"), std::string("\xe4\xb8"),
                                std::string("\xf4\x90\x80\x80")}) {
    const std::string in = bytes({0x1a, static_cast<int>(bad.size())}) + bad;
    const auto e = decode_error<yh::Status>(in);
    EXPECT_EQ(e.path, "msg");
    oracle::yunhu::Status reference;
    EXPECT_FALSE(reference.ParseFromString(in)) << "libprotobuf rejects it too";
  }
}

TEST(Malformed, ValuesTheFieldCannotHold) {
  // ChatType is a 32-bit enum: a value past 32 bits is rejected, not truncated.
  const auto e = decode_error<yh::RecallMessageRequest>(bytes({0x20, 0x80, 0x80, 0x80, 0x80, 0x10}));
  EXPECT_EQ(e.path, "chat_type");
  EXPECT_NE(e.message.find("out of range"), std::string::npos);
  // Negative enum values arrive sign-extended (ten bytes) and are kept.
  auto negative = protobuf::decode<yh::RecallMessageRequest>(bytes({0x20, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
  ASSERT_TRUE(negative) << negative.error();
  EXPECT_EQ(static_cast<int>(negative->chat_type), -1);
}

TEST(Malformed, ErrorPathsArePrefixedForTheCaller) {
  auto r = protobuf::decode<yh::Status>(bytes({0x1a, 0x05}), "body");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().path, "body.msg");
  EXPECT_EQ(r.error().describe(), "syntax error at body.msg: malformed protobuf: length 5 runs past the end of the message");
}

}  // namespace
