// core/signing.hpp: the digest, the random ids and the clock the signing platforms use.
#include "chatbind/core/signing.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

namespace {

namespace signing = chatbind::signing;

TEST(Signing, Sha1HexMatchesTheStandardVectors) {
  // FIPS 180 / RFC 3174 test vectors.
  EXPECT_EQ(signing::sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(signing::sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(signing::sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(signing::sha1_hex(std::string(1000000, 'a')), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Signing, RandomUuidsAreVersion4InLowerCaseHexAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    auto id = signing::random_uuid_hex();
    ASSERT_TRUE(id) << id.error();
    ASSERT_EQ(id->size(), 32u) << *id;
    for (const char c : *id) ASSERT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << *id;
    EXPECT_EQ((*id)[12], '4') << "the version nibble: " << *id;
    EXPECT_NE(std::string("89ab").find((*id)[16]), std::string::npos) << "the RFC 4122 variant: " << *id;
    seen.insert(*id);
  }
  EXPECT_EQ(seen.size(), 2000u) << "122 random bits: no repeats";
}

TEST(Signing, FillUuidLeavesAChosenIdAlone) {
  std::string chosen = "my-id";
  ASSERT_TRUE(signing::fill_uuid(chosen));
  EXPECT_EQ(chosen, "my-id");
  std::string empty;
  ASSERT_TRUE(signing::fill_uuid(empty));
  EXPECT_EQ(empty.size(), 32u);
}

TEST(Signing, TheInjectedClockWins) {
  EXPECT_EQ(signing::unix_time_ms([] { return std::int64_t{1234}; }), 1234);
  EXPECT_GT(signing::unix_time_ms(), std::int64_t{1700000000000}) << "the system clock, in milliseconds";
}

}  // namespace
