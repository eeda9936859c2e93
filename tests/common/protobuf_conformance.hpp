// The conformance checks of chatbind's protobuf codec against libprotobuf, for any message pair:
// random instances (presence, lengths, unicode, extreme integers, unknown enum values, repeated
// counts) must encode to libprotobuf's bytes exactly and decode from them to equal structs.
#pragma once

#include "protobuf_oracle.hpp"

#include <google/protobuf/unknown_field_set.h>

#include <cstdlib>
#include <functional>
#include <string>

namespace chatbind::test {

/// CHATBIND_CONFORMANCE_ITERATIONS overrides the count of random instances per message type.
inline int iterations() {
  if (const char* env = std::getenv("CHATBIND_CONFORMANCE_ITERATIONS")) return std::atoi(env);
  return 10'000;
}

/// Unknown fields of every wire type — groups (nested) included — at numbers the message does not
/// use, serialised by libprotobuf itself.
inline std::string unknown_fields(const pb::Descriptor* d, Random& random) {
  pb::UnknownFieldSet set;
  auto free_number = [&] {
    for (;;) {
      const int n = random.chance(80) ? 1 + random.below(60) : 536'870'911 - random.below(1000);
      if (d->FindFieldByNumber(n) == nullptr) return n;
    }
  };
  const int count = 1 + random.below(4);
  for (int i = 0; i < count; ++i) {
    switch (random.below(5)) {
      case 0: set.AddVarint(free_number(), random.u64()); break;
      case 1: set.AddFixed32(free_number(), static_cast<std::uint32_t>(random.u64())); break;
      case 2: set.AddFixed64(free_number(), random.u64()); break;
      case 3: set.AddLengthDelimited(free_number(), random.text()); break;
      default: {
        pb::UnknownFieldSet* group = set.AddGroup(free_number());
        group->AddVarint(1, random.u64());
        group->AddGroup(2)->AddLengthDelimited(3, "nested");
      }
    }
  }
  std::string bytes;
  EXPECT_TRUE(set.SerializeToString(&bytes));
  return bytes;
}

/// Random instances encode to libprotobuf's bytes and decode back from them, unknown fields skipped.
template <class Ours, class Theirs>
void expect_random_instances_match() {
  Random random{0xC0FFEE ^ std::hash<std::string>{}(Theirs::descriptor()->full_name())};
  const int n = iterations();
  int failures = 0;
  for (int i = 0; i < n && failures < 5; ++i) {
    Ours ours{};
    Theirs theirs;
    fill(ours, theirs, random, 0);
    const std::string expected = theirs.SerializeAsString();

    const std::string encoded = chatbind::protobuf::encode(ours);
    if (encoded != expected) {
      ++failures;
      ADD_FAILURE() << "instance " << i << ": chatbind's bytes differ from libprotobuf's for\n" << theirs.DebugString();
      continue;
    }
    EXPECT_EQ(chatbind::protobuf::encoded_size(ours), theirs.ByteSizeLong());

    auto decoded = chatbind::protobuf::decode<Ours>(expected);
    if (!decoded || *decoded != ours) {
      ++failures;
      ADD_FAILURE() << "instance " << i << ": libprotobuf's bytes do not decode to the same struct"
                    << (decoded ? std::string{} : ": " + decoded.error().describe()) << "\n" << theirs.DebugString();
      continue;
    }

    // Unknown fields before and after the known ones are skipped.
    const std::string noisy = unknown_fields(Theirs::descriptor(), random) + expected + unknown_fields(Theirs::descriptor(), random);
    Theirs check;
    ASSERT_TRUE(check.ParseFromString(noisy)) << "the injected unknown fields are valid protobuf";
    auto skipped = chatbind::protobuf::decode<Ours>(noisy);
    if (!skipped || *skipped != ours) {
      ++failures;
      ADD_FAILURE() << "instance " << i << ": unknown fields were not skipped"
                    << (skipped ? std::string{} : ": " + skipped.error().describe());
    }
  }
}

/// Parsing two messages back to back merges them: the later scalar wins, repeated fields
/// concatenate, sub-messages merge recursively.
template <class Ours, class Theirs>
void expect_merges_match() {
  Random random{42};
  for (int i = 0; i < iterations() / 10; ++i) {
    Ours a{}, b{};
    Theirs ta, tb;
    fill(a, ta, random, 0);
    fill(b, tb, random, 0);
    const std::string both = ta.SerializeAsString() + tb.SerializeAsString();
    Theirs merged;
    ASSERT_TRUE(merged.ParseFromString(both));
    auto ours = chatbind::protobuf::decode<Ours>(both);
    ASSERT_TRUE(ours) << ours.error();
    ASSERT_EQ(chatbind::protobuf::encode(*ours), merged.SerializeAsString()) << "instance " << i;
  }
}

}  // namespace chatbind::test
