// Every field kind of chatbind's protobuf codec against libprotobuf: varints (negative int32/int64
// as ten bytes), zigzag, fixed32/64, float/double (negative zero, infinities, subnormals), bytes
// that are not UTF-8, proto3 optional, packed and unpacked repeated scalars, a five-byte key.
#include "../common/protobuf_conformance.hpp"
#include "chatbind/kinds/generated/types.hpp"
#include "kinds/kinds.pb.h"

namespace {

using namespace chatbind::test;
namespace kinds = chatbind::kinds;
namespace protobuf = chatbind::protobuf;

TEST(ProtobufKinds, RandomScalarsMatchLibprotobufByteForByte) { expect_random_instances_match<kinds::Scalars, oracle::kinds::Scalars>(); }
TEST(ProtobufKinds, RandomLeavesMatchLibprotobufByteForByte) { expect_random_instances_match<kinds::Leaf, oracle::kinds::Leaf>(); }
TEST(ProtobufKinds, MergesMatchLibprotobuf) { expect_merges_match<kinds::Scalars, oracle::kinds::Scalars>(); }

TEST(ProtobufKinds, RepeatedScalarsAreReadPackedOrNot) {
  // r_i32 (21) is packed and u_i64 (30) unpacked in the .proto; a reader accepts either form.
  oracle::kinds::Scalars theirs;
  theirs.add_r_i32(-1);
  theirs.add_r_i32(300);
  theirs.add_u_i64(7);
  theirs.add_u_i64(-8);
  const std::string packed_as_declared = theirs.SerializeAsString();
  const std::string swapped = std::string{"\xa8\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\xa8\x01\xac\x02", 16} +  // 21 unpacked
                              std::string{"\xf2\x01\x0b\x07\xf8\xff\xff\xff\xff\xff\xff\xff\xff\x01", 14};       // 30 packed
  oracle::kinds::Scalars reference;
  ASSERT_TRUE(reference.ParseFromString(swapped));
  ASSERT_EQ(reference.SerializeAsString(), packed_as_declared) << "the hand-written bytes mean the same message";
  auto ours = protobuf::decode<kinds::Scalars>(swapped);
  ASSERT_TRUE(ours) << ours.error();
  EXPECT_EQ(ours->r_i32, (std::vector<std::int32_t>{-1, 300}));
  EXPECT_EQ(ours->u_i64, (std::vector<std::int64_t>{7, -8}));
  EXPECT_EQ(protobuf::encode(*ours), packed_as_declared);
}

TEST(ProtobufKinds, ATruncatedPackedRecordNamesItsElement) {
  // r_f32 (23, fixed32, packed) with six bytes: one element and a half.
  auto r = protobuf::decode<kinds::Scalars>(std::string{"\xba\x01\x06\x01\x00\x00\x00\x02\x00", 9});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().path, "r_f32[1]");
  EXPECT_EQ(r.error().message, "malformed protobuf: truncated fixed32");
}

TEST(ProtobufKinds, OutOfRangeValuesAreRejectedNotTruncated) {
  // u32 (3) and s32 (5) with 2^32, i32 (1) with 2^31 (no sign extension: not an int32)
  for (const auto& [bytes, path] : {std::pair{std::string{"\x18\x80\x80\x80\x80\x10", 6}, "u32"},
                                    std::pair{std::string{"\x28\x80\x80\x80\x80\x10", 6}, "s32"},
                                    std::pair{std::string{"\x08\x80\x80\x80\x80\x08", 6}, "i32"}}) {
    auto r = protobuf::decode<kinds::Scalars>(bytes);
    ASSERT_FALSE(r) << path;
    EXPECT_EQ(r.error().path, path);
  }
}

TEST(ProtobufKinds, ProtoOptionalWritesAnExplicitZero) {
  kinds::Scalars s;
  s.opt_i32 = 0;
  s.opt_real = -0.0;
  oracle::kinds::Scalars theirs;
  theirs.set_opt_i32(0);
  theirs.set_opt_real(-0.0);
  EXPECT_EQ(protobuf::encode(s), theirs.SerializeAsString());
  EXPECT_EQ(protobuf::encode(s).size(), 2u + 1u + 9u + 1u);  // two-byte key + value; two-byte key + 8 bytes
}

}  // namespace
