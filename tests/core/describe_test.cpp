// The large-struct describe macros produce what BOOST_DESCRIBE_STRUCT produces, without its limit.
#include "chatbind/core/describe.hpp"
#include "chatbind/core/json.hpp"

#include <boost/mp11/algorithm.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

struct ByMacro {
  int a{};
  std::string b;
};
BOOST_DESCRIBE_STRUCT(ByMacro, (), (a, b))

struct ByChatbind {
  int a{};
  std::string b;
};
CHATBIND_DESCRIBE_LARGE_STRUCT_BEGIN(ByChatbind)
CHATBIND_DESCRIBE_MEMBER(ByChatbind, a)
CHATBIND_DESCRIBE_MEMBER(ByChatbind, b)
CHATBIND_DESCRIBE_LARGE_STRUCT_END(ByChatbind)

template <class T>
std::vector<std::string> names() {
  std::vector<std::string> out;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_any_access>>(
      [&](auto d) { out.emplace_back(d.name); });
  return out;
}

TEST(Describe, LargeStructMacrosMatchBoostDescribeStruct) {
  EXPECT_EQ(names<ByMacro>(), names<ByChatbind>());
  EXPECT_EQ((boost::mp11::mp_size<boost::describe::describe_bases<ByChatbind, boost::describe::mod_any_access>>::value), 0u);
  EXPECT_EQ(chatbind::json::to_json(ByChatbind{7, "x"}), chatbind::json::to_json(ByMacro{7, "x"}));
}

#define CHATBIND_SIXTY(X) \
  X(m0) X(m1) X(m2) X(m3) X(m4) X(m5) X(m6) X(m7) X(m8) X(m9) X(m10) X(m11) X(m12) X(m13) X(m14) X(m15) \
  X(m16) X(m17) X(m18) X(m19) X(m20) X(m21) X(m22) X(m23) X(m24) X(m25) X(m26) X(m27) X(m28) X(m29) \
  X(m30) X(m31) X(m32) X(m33) X(m34) X(m35) X(m36) X(m37) X(m38) X(m39) X(m40) X(m41) X(m42) X(m43) \
  X(m44) X(m45) X(m46) X(m47) X(m48) X(m49) X(m50) X(m51) X(m52) X(m53) X(m54) X(m55) X(m56) X(m57) X(m58) X(m59)

struct Sixty {
#define CHATBIND_FIELD(m) int m{};
  CHATBIND_SIXTY(CHATBIND_FIELD)
#undef CHATBIND_FIELD
};
CHATBIND_DESCRIBE_LARGE_STRUCT_BEGIN(Sixty)
#define CHATBIND_MEMBER(m) CHATBIND_DESCRIBE_MEMBER(Sixty, m)
CHATBIND_SIXTY(CHATBIND_MEMBER)
#undef CHATBIND_MEMBER
CHATBIND_DESCRIBE_LARGE_STRUCT_END(Sixty)

static_assert(boost::mp11::mp_size<boost::describe::describe_members<Sixty, boost::describe::mod_public>>::value == 60);

TEST(Describe, SixtyMembersRoundTrip) {
  Sixty s;
  s.m59 = 59;
  s.m0 = -1;
  const auto j = chatbind::json::to_json(s);
  EXPECT_EQ(j.size(), 60u);
  auto back = chatbind::json::from_json<Sixty>(j);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->m59, 59);
  EXPECT_EQ(back->m0, -1);
}

}  // namespace
