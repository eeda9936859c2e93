// Conformance of chatbind's protobuf codec against libprotobuf, for every Yunhu message.
#include "../common/protobuf_conformance.hpp"
#include "oracle.hpp"

namespace {

using namespace chatbind::test;

template <class Pair>
class Conformance : public ::testing::Test {};

using AllMessages = boost::mp11::mp_rename<MessagePairs, ::testing::Types>;
TYPED_TEST_SUITE(Conformance, AllMessages);

TYPED_TEST(Conformance, RandomInstancesMatchLibprotobufByteForByte) {
  expect_random_instances_match<typename TypeParam::first_type, typename TypeParam::second_type>();
}

TYPED_TEST(Conformance, ConcatenatedEncodingsMergeAsInLibprotobuf) {
  expect_merges_match<typename TypeParam::first_type, typename TypeParam::second_type>();
}

}  // namespace
