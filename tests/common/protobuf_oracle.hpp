// libprotobuf as the oracle of chatbind's protobuf codec. The tests compile each .proto with
// protoc --cpp_out in a package renamed to oracle.* (tests/CMakeLists.txt), so that its classes do
// not clash with chatbind's structs.
//
// fill() builds a random chatbind struct and the same message in libprotobuf at once. The two sides
// meet only through field *names* (Boost.Describe's member names, libprotobuf's descriptor): field
// numbers and wire kinds come from chatbind's generated tables on one side and from protoc on the
// other, so a wrong number or kind in chatbind's tables shows up as different bytes.
#pragma once

#include "chatbind/core/protobuf.hpp"

#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind::test {

namespace pb = google::protobuf;

/// Random values with the shapes that break codecs: defaults, extremes, unicode, empty repeats.
class Random {
 public:
  explicit Random(std::uint64_t seed) : rng_(seed) {}

  bool chance(int percent) { return std::uniform_int_distribution<int>(0, 99)(rng_) < percent; }
  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::uint64_t u64() {
    switch (below(6)) {
      case 0: return 0;                                          // the default: not written
      case 1: return static_cast<std::uint64_t>(below(128));     // one byte
      case 2: return std::uniform_int_distribution<std::uint64_t>(128, 1u << 21)(rng_);
      case 3: return std::numeric_limits<std::uint64_t>::max();  // ten bytes
      case 4: return std::uint64_t{1} << below(64);              // every varint length
      default: return rng_();
    }
  }
  std::int64_t i64() {
    switch (below(4)) {
      case 0: return std::numeric_limits<std::int64_t>::min();
      case 1: return -static_cast<std::int64_t>(below(1000));  // negative: ten bytes on the wire
      default: return static_cast<std::int64_t>(u64());
    }
  }
  std::int32_t i32() { return static_cast<std::int32_t>(i64()); }  // negatives travel as ten bytes
  std::uint32_t u32() { return static_cast<std::uint32_t>(u64()); }
  template <class F>
  F real() {  // zero, negative zero, infinities, subnormals, anything but NaN (NaN != NaN)
    using Bits = std::conditional_t<sizeof(F) == 4, std::uint32_t, std::uint64_t>;
    switch (below(5)) {
      case 0: return F{0};
      case 1: return -F{0};
      case 2: return chance(50) ? std::numeric_limits<F>::infinity() : -std::numeric_limits<F>::infinity();
      case 3: return std::numeric_limits<F>::denorm_min();
      default: {
        F f = std::bit_cast<F>(static_cast<Bits>(rng_()));
        return f != f ? F{1.5} : f;
      }
    }
  }
  std::string blob() {  // any bytes: `bytes` fields need not be UTF-8
    std::string out(static_cast<std::size_t>(chance(30) ? 0 : below(20)), '\0');
    for (auto& c : out) c = static_cast<char>(below(256));
    return out;
  }
  std::int32_t enum_value() {  // documented values, unknown ones (kept: enums are open) and negatives
    switch (below(4)) {
      case 0: return 0;
      case 1: return below(14);
      case 2: return std::uniform_int_distribution<std::int32_t>(std::numeric_limits<std::int32_t>::min(),
                                                                   std::numeric_limits<std::int32_t>::max())(rng_);
      default: return -1 - below(200);
    }
  }
  std::string text() {  // valid UTF-8: ASCII, CJK, emoji, NUL
    static const std::vector<std::string> pieces{"a", "Z", "0", " ", "\n", "\"", std::string(1, '\0'), "é",
                                                 "云湖", "测试", "😀", "\xF4\x8F\xBF\xBF" /* U+10FFFF */};
    if (chance(30)) return {};
    std::string out;
    const int n = chance(5) ? 200 + below(200) : below(12);  // sometimes past one length byte
    for (int i = 0; i < n; ++i) out += pieces[static_cast<std::size_t>(below(static_cast<int>(pieces.size())))];
    return out;
  }

 private:
  std::mt19937_64 rng_;
};

template <class T>
void fill(T& ours, pb::Message& theirs, Random& random, int depth);

/// Sets one singular or repeated value of `fd` on both sides.
template <class V>
void fill_value(V& ours, pb::Message& theirs, const pb::FieldDescriptor* fd, Random& random, int depth) {
  const pb::Reflection* r = theirs.GetReflection();
  const bool repeated = fd->is_repeated();
  if constexpr (std::is_same_v<V, std::string>) {
    ours = fd->type() == pb::FieldDescriptor::TYPE_BYTES ? random.blob() : random.text();
    repeated ? r->AddString(&theirs, fd, ours) : r->SetString(&theirs, fd, ours);
  } else if constexpr (std::is_same_v<V, bool>) {
    ours = random.chance(50);
    repeated ? r->AddBool(&theirs, fd, ours) : r->SetBool(&theirs, fd, ours);
  } else if constexpr (std::is_same_v<V, std::int32_t>) {
    ours = random.i32();
    repeated ? r->AddInt32(&theirs, fd, ours) : r->SetInt32(&theirs, fd, ours);
  } else if constexpr (std::is_same_v<V, std::uint32_t>) {
    ours = random.u32();
    repeated ? r->AddUInt32(&theirs, fd, ours) : r->SetUInt32(&theirs, fd, ours);
  } else if constexpr (std::is_same_v<V, float>) {
    ours = random.real<float>();
    repeated ? r->AddFloat(&theirs, fd, ours) : r->SetFloat(&theirs, fd, ours);
  } else if constexpr (std::is_same_v<V, double>) {
    ours = random.real<double>();
    repeated ? r->AddDouble(&theirs, fd, ours) : r->SetDouble(&theirs, fd, ours);
  } else if constexpr (std::is_same_v<V, std::uint64_t>) {
    ours = random.u64();
    repeated ? r->AddUInt64(&theirs, fd, ours) : r->SetUInt64(&theirs, fd, ours);
  } else if constexpr (std::is_same_v<V, std::int64_t>) {
    ours = random.i64();
    repeated ? r->AddInt64(&theirs, fd, ours) : r->SetInt64(&theirs, fd, ours);
  } else if constexpr (std::is_enum_v<V>) {
    const std::int32_t v = random.enum_value();
    ours = static_cast<V>(v);
    repeated ? r->AddEnumValue(&theirs, fd, v) : r->SetEnumValue(&theirs, fd, v);
  } else {
    static_assert(std::is_class_v<V>, "a message");
    fill(ours, repeated ? *r->AddMessage(&theirs, fd) : *r->MutableMessage(&theirs, fd), random, depth + 1);
  }
}

template <class M>
void fill_member(M& ours, pb::Message& theirs, const pb::FieldDescriptor* fd, Random& random, int depth) {
  if constexpr (requires { ours.has_value(); }) {  // a message field: present or not
    if (depth < 4 && random.chance(70)) fill_value(ours.emplace(), theirs, fd, random, depth);
  } else if constexpr (requires { ours.push_back(std::declval<typename M::value_type>()); } &&
                       !std::is_same_v<M, std::string>) {
    const int n = depth < 4 ? random.below(random.chance(10) ? 40 : 4) : 0;
    for (int i = 0; i < n; ++i) {
      typename M::value_type value{};  // not emplace_back(): std::vector<bool> hands out proxies
      fill_value(value, theirs, fd, random, depth);
      ours.push_back(std::move(value));
    }
  } else {
    fill_value(ours, theirs, fd, random, depth);
  }
}

template <class T>
void fill(T& ours, pb::Message& theirs, Random& random, int depth) {
  const pb::Descriptor* d = theirs.GetDescriptor();
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
    const pb::FieldDescriptor* fd = d->FindFieldByName(member.name);
    ASSERT_NE(fd, nullptr) << d->full_name() << " has no field " << member.name;
    fill_member(ours.*member.pointer, theirs, fd, random, depth);
  });
}

}  // namespace chatbind::test
