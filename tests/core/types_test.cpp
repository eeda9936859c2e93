// The value types of core/types.hpp: Nullable's assignments, string enumerations, the enumerator
// name tables of integer enumerations, and the unknown alternative of a tagged union.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/core/types.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sample {

struct ShapeValues {
  enum class Value { round, two_sided };
  static constexpr Value round = Value::round;
  static constexpr Value two_sided = Value::two_sided;
  static constexpr std::array<std::string_view, 2> wire{"round", "two-sided"};
};
using Shape = chatbind::StringEnum<ShapeValues>;

enum class Level : int { low = 1, high = 9 };
inline constexpr chatbind::Enumerator<Level> level_enumerators[] = {{Level::low, "low"}, {Level::high, "high"}};
constexpr std::span<const chatbind::Enumerator<Level>> enumerators(Level) noexcept { return level_enumerators; }

}  // namespace sample

namespace {

TEST(Nullable, TakesValuesNullAndOptionals) {
  chatbind::Nullable<int> n;
  EXPECT_FALSE(n);
  n = 50;
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 50);
  n = std::nullopt;
  EXPECT_FALSE(n);
  n = std::optional<int>{3};
  EXPECT_EQ(n, chatbind::Nullable<int>{3});
  chatbind::Nullable<std::string> s;
  s = "x";
  EXPECT_EQ(*s, "x");
  chatbind::Nullable<std::string> copy = s;
  copy = std::string{"y"};
  EXPECT_EQ(*copy, "y");
  EXPECT_EQ(*s, "x") << "a copy, not a view";
}

TEST(StringEnum, KnownValuesCompareAndNameTheirWireText) {
  sample::Shape shape = sample::Shape::two_sided;
  EXPECT_EQ(shape.str(), "two-sided");
  EXPECT_TRUE(shape == sample::Shape::two_sided);
  EXPECT_FALSE(shape == sample::Shape::round);
  ASSERT_TRUE(shape.known());
  EXPECT_EQ(*shape.known(), sample::Shape::two_sided);
  EXPECT_EQ(sample::Shape::from_wire("round"), sample::Shape{sample::Shape::round});
}

// g++ 12 crashed (an internal compiler error) on a generated string enum's constants used inside a
// template while they came from `using enum`; they are named constants now.
template <class E>
bool is_two_sided(const E& e) {
  return e == E::two_sided;
}

TEST(StringEnum, ItsConstantsWorkInsideTemplates) {
  EXPECT_TRUE(is_two_sided(sample::Shape{sample::Shape::two_sided}));
  EXPECT_FALSE(is_two_sided(sample::Shape{sample::Shape::round}));
  auto generic = [](auto shape) { return shape == decltype(shape)::round; };
  EXPECT_TRUE(generic(sample::Shape{sample::Shape::round}));
}

TEST(StringEnum, AnUnknownWireTextIsKeptAsItCame) {
  const auto shape = sample::Shape::from_wire("hexagonal");
  EXPECT_FALSE(shape.known());
  EXPECT_EQ(shape.str(), "hexagonal");
  EXPECT_FALSE(shape == sample::Shape::round);
  EXPECT_FALSE(sample::Shape{}.known()) << "default: the empty string, no known value";
  EXPECT_TRUE(chatbind::is_string_enum<sample::Shape>);
  EXPECT_FALSE(chatbind::is_string_enum<std::string>);
}

TEST(NamedEnum, NamesComeFromTheTableAndUnknownValuesHaveNone) {
  static_assert(chatbind::NamedEnum<sample::Level>);
  static_assert(chatbind::enum_name(sample::Level::high) == "high");
  EXPECT_EQ(chatbind::enum_name(sample::Level::low), "low");
  EXPECT_EQ(chatbind::enum_name(static_cast<sample::Level>(5)), "") << "open: a value the spec does not list";
}

TEST(UnknownAlternative, ReadsItsTag) {
  const chatbind::UnknownAlternative unknown{chatbind::json::raw(R"({"size":3,"type":"hexagon"})").value()};
  EXPECT_EQ(unknown.tag("type"), "hexagon");
  EXPECT_EQ(unknown.tag("kind"), "");
  EXPECT_EQ(chatbind::UnknownAlternative{chatbind::json::raw(R"({"type":7})").value()}.tag("type"), "") << "not a string";
  EXPECT_EQ(chatbind::UnknownAlternative{chatbind::json::raw(R"({"a":{"type":"inner"},"type":"outer"})").value()}.tag("type"),
            "outer")
      << "the object's own key, not a nested one";
  EXPECT_EQ(chatbind::UnknownAlternative{}.tag("type"), "") << "null holds no tag";
}

TEST(RawJson, KeepsTheValueVerbatimButTheWhitespaceBetweenTokens) {
  EXPECT_TRUE(chatbind::RawJson{}.is_null());
  EXPECT_EQ(chatbind::RawJson{}.text(), "null");
  const auto raw = chatbind::json::raw(" { \"a\" : [ 1 , 2.50, 1e3 ] ,\n\t\"b\": \" x \\\" y \\u00e9 \" } ");
  ASSERT_TRUE(raw) << raw.error();
  EXPECT_EQ(raw->text(), R"({"a":[1,2.50,1e3],"b":" x \" y \u00e9 "})")
      << "number forms, escapes and spaces inside strings as they came";
  EXPECT_FALSE(raw->is_null());
  EXPECT_EQ(*raw, chatbind::json::raw(R"({"a":[1,2.50,1e3],"b":" x \" y \u00e9 "})").value());
}

TEST(RawJson, RefusesTextThatIsNotOneJsonValue) {
  for (const char* bad : {"", "{", "[1,]", "1 2", "\"\\x\"", "nul", "{\"a\":1}}"}) {
    const auto raw = chatbind::json::raw(bad);
    ASSERT_FALSE(raw) << bad;
    EXPECT_EQ(raw.error().kind, chatbind::ErrorKind::syntax) << bad;
  }
  chatbind::DecodeLimits shallow;
  shallow.max_depth = 2;
  const auto deep = chatbind::json::raw("[[[1]]]", shallow);
  ASSERT_FALSE(deep);
  EXPECT_NE(deep.error().message.find("nested deeper than 2"), std::string::npos) << deep.error();
}

TEST(RawJson, ConvertsToAndFromTheDom) {
  const auto raw = chatbind::json::raw(R"({"z":1,"a":[true,null,"s"]})").value();
  const auto dom = chatbind::json::parse(raw);
  ASSERT_TRUE(dom) << dom.error();
  EXPECT_EQ((*dom)["z"], 1);
  EXPECT_EQ(dom->begin().key(), "z") << "key order kept";
  const auto back = chatbind::json::to_raw(*dom);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, raw);
}

}  // namespace
