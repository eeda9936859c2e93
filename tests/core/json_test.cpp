// The JSON codec on hand-written described structs: every rule of spec/README.md's type table.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/core/json.hpp"

#include <boost/describe.hpp>
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using chatbind::ErrorKind;
using chatbind::Id;
using chatbind::IntBool;
using chatbind::Json;
using chatbind::Nullable;

enum class Color : std::int64_t { red = 1, green = 2 };

struct Inner {
  std::int32_t n{};
};
BOOST_DESCRIBE_STRUCT(Inner, (), (n))

struct Outer {
  Id id;
  std::string name;
  Nullable<std::string> note;
  std::optional<std::int64_t> count;
  IntBool flag;
  bool on{};
  double ratio{};
  Color color{};
  std::vector<Inner> items;
  std::map<std::string, Inner> by_key;
  Json extra;
  std::uint64_t big{};
  std::string delete_;  // wire name "delete"
};
BOOST_DESCRIBE_STRUCT(Outer, (), (id, name, note, count, flag, on, ratio, color, items, by_key, extra, big, delete_))

const char* kOuter = R"({"id":"18446744073709551615","name":"房间","note":null,"count":-5,"flag":1,"on":true,
  "ratio":0.041666666666666664,"color":2,"items":[{"n":1},{"n":-2147483648}],"by_key":{"a":{"n":3}},
  "extra":{"z":[1,"x",null],"a":{}},"big":18446744073709551615,"delete":"yes"})";

TEST(Json, DecodesEveryMappedType) {
  auto r = chatbind::json::parse_as<Outer>(kOuter);
  ASSERT_TRUE(r) << r.error();
  const Outer& o = *r;
  EXPECT_EQ(o.id.str(), "18446744073709551615");
  EXPECT_FALSE(o.id.is_numeric());
  EXPECT_EQ(o.name, "房间");
  EXPECT_FALSE(o.note.has_value());
  EXPECT_EQ(o.count, -5);
  EXPECT_TRUE(o.flag);
  EXPECT_TRUE(o.on);
  EXPECT_DOUBLE_EQ(o.ratio, 0.041666666666666664);
  EXPECT_EQ(o.color, Color::green);
  ASSERT_EQ(o.items.size(), 2u);
  EXPECT_EQ(o.items[1].n, -2147483648);
  EXPECT_EQ(o.by_key.at("a").n, 3);
  EXPECT_EQ(o.extra["z"][1], "x");
  EXPECT_EQ(o.big, 18446744073709551615ull);
  EXPECT_EQ(o.delete_, "yes");
}

struct WithRaw {
  chatbind::RawJson shape;
  std::optional<chatbind::RawJson> maybe;
  std::vector<chatbind::RawJson> list;
};
BOOST_DESCRIBE_STRUCT(WithRaw, (), (shape, maybe, list))

TEST(Json, RawJsonMembersKeepTheirTextAndAbsentStaysApartFromNull) {
  auto r = chatbind::json::parse_as<WithRaw>(R"({"shape": {"k" : [1.50, "a b"]}, "maybe": null, "list": [null, 2, "x"]})");
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->shape.text(), R"({"k":[1.50,"a b"]})");
  ASSERT_TRUE(r->maybe.has_value()) << "a null value is present";
  EXPECT_TRUE(r->maybe->is_null());
  ASSERT_EQ(r->list.size(), 3u);
  EXPECT_EQ(r->list[2].text(), R"("x")");
  EXPECT_EQ(chatbind::json::to_string(*r).value(), R"({"shape":{"k":[1.50,"a b"]},"maybe":null,"list":[null,2,"x"]})");

  auto absent = chatbind::json::parse_as<WithRaw>(R"({"shape":null,"list":[]})");
  ASSERT_TRUE(absent) << absent.error();
  EXPECT_FALSE(absent->maybe.has_value());
  EXPECT_EQ(chatbind::json::to_string(*absent).value(), R"({"shape":null,"list":[]})");
  EXPECT_EQ(chatbind::json::to_json(*absent).dump(), R"({"shape":null,"list":[]})") << "the DOM writer parses the text";

  auto bad = chatbind::json::parse_as<WithRaw>(R"({"shape":{"k":[1,]},"list":[]})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::syntax) << "a raw member is checked as strictly as a typed one";
  auto missing = chatbind::json::parse_as<WithRaw>(R"({"list":[]})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().path, "shape");
}

TEST(Json, RoundTripsKeyForKey) {
  const Json in = Json::parse(kOuter);
  auto r = chatbind::json::from_json<Outer>(in);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(chatbind::json::to_json(*r), in);
  EXPECT_EQ(chatbind::json::to_json(*r).dump(), in.dump()) << "declaration order and number formatting are kept";
}

TEST(Json, IdKeepsItsWireFormAndAllDigits) {
  for (const char* text : {R"(9007199254740993)", R"("9007199254740993")", R"(-1)", R"(18446744073709551615)"}) {
    auto id = chatbind::json::from_json<Id>(Json::parse(text));
    ASSERT_TRUE(id) << text;
    EXPECT_EQ(chatbind::json::to_json(*id).dump(), text);
  }
  auto huge = chatbind::json::from_json<Id>(Json::parse("18446744073709551616"));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().kind, ErrorKind::schema);
  EXPECT_FALSE(chatbind::json::from_json<Id>(Json::parse("1.5")));
  EXPECT_FALSE(chatbind::json::from_json<Id>(Json::parse("true")));
  EXPECT_EQ(Id{"123"}.as_int64(), 123);
  EXPECT_EQ(Id{"12a"}.as_int64(), std::nullopt);
  EXPECT_EQ(Id{66837313}.str(), "66837313");
  EXPECT_TRUE(Id{66837313}.is_numeric());
  EXPECT_EQ(Id{"5"}, Id{5}) << "equality compares the value, not the wire form";
}

// A padded id would silently name no one: no platform sends one, so it is a schema error naming the
// field. An empty id stays accepted (Heychat sends "reply_id":"" and "heybox_ack_id":"").
TEST(Json, APaddedIdIsRefusedAnEmptyOneIsKept) {
  for (const char* text : {R"({"id":" 123"})", R"({"id":"123 "})", R"({"id":"\t9"})", R"({"id":"9\n"})"}) {
    auto r = chatbind::json::parse_as<std::map<std::string, Id>>(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().kind, ErrorKind::schema) << text;
    EXPECT_EQ(r.error().path, R"(["id"])") << text;
    EXPECT_NE(r.error().message.find("whitespace"), std::string::npos) << r.error();
  }
  auto empty = chatbind::json::parse_as<Id>(R"("")");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  EXPECT_TRUE(chatbind::json::parse_as<Id>(R"("a b")")) << "inner spaces are the platform's business";
}

TEST(Json, OptionalIsOmittedNullableIsWrittenAsNull) {
  Outer o;
  const Json j = chatbind::json::to_json(o);
  EXPECT_FALSE(j.contains("count"));
  ASSERT_TRUE(j.contains("note"));
  EXPECT_TRUE(j["note"].is_null());
  EXPECT_EQ(j["flag"], 0) << "IntBool travels as 0/1";
}

TEST(Json, BooleansAcceptZeroAndOne) {
  EXPECT_EQ(*chatbind::json::from_json<bool>(Json::parse("1")), true);
  EXPECT_EQ(*chatbind::json::from_json<IntBool>(Json::parse("false")), IntBool{false});
  auto two = chatbind::json::from_json<bool>(Json::parse("2"));
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().message, "expected 0 or 1, got 2");
}

TEST(Json, OpenEnumKeepsUnknownValues) {
  auto c = chatbind::json::from_json<Color>(Json::parse("77"));
  ASSERT_TRUE(c);
  EXPECT_EQ(static_cast<std::int64_t>(*c), 77);
  EXPECT_EQ(chatbind::json::to_json(*c), 77);
}

struct Case {
  const char* name;
  std::string mutate_key;
  Json value;
  std::string path;
  std::string message;
};

TEST(Json, ErrorsNameTheFieldPath) {
  const Json base = Json::parse(kOuter);
  const std::vector<Case> cases = {
      {"wrong type", "name", 5, "name", "expected string, got integer"},
      {"nested wrong type", "items", Json::parse(R"([{"n":1},{"n":"x"}])"), "items[1].n", "expected integer, got string"},
      {"int32 overflow", "items", Json::parse(R"([{"n":2147483648}])"), "items[0].n", "integer 2147483648 out of range"},
      {"map value", "by_key", Json::parse(R"({"k":{"n":null}})"), "by_key[\"k\"].n", "expected integer, got null"},
      {"fraction for integer", "count", 1.5, "count", "expected integer, got a fractional or out-of-range number"},
      {"negative for unsigned", "big", -1, "big", "integer -1 out of range"},
      {"beyond uint64", "big", Json::parse("1e30"), "big", "expected integer, got a fractional or out-of-range number"},
      {"null for required", "name", nullptr, "name", "expected string, got null"},
      {"array for object", "items", Json::parse("[[]]"), "items[0]", "expected object, got array"},
  };
  for (const auto& c : cases) {
    Json j = base;
    j[c.mutate_key] = c.value;
    auto r = chatbind::json::from_json<Outer>(j, "result");
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().kind, ErrorKind::schema) << c.name;
    EXPECT_EQ(r.error().path, "result." + c.path) << c.name;
    EXPECT_EQ(r.error().message, c.message) << c.name;
  }
}

TEST(Json, MissingRequiredKeyIsAnErrorMissingOptionalIsNot) {
  Json j = Json::parse(kOuter);
  j.erase("count");
  EXPECT_TRUE(chatbind::json::from_json<Outer>(j));
  j.erase("note");
  auto r = chatbind::json::from_json<Outer>(j);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().path, "note");
  EXPECT_EQ(r.error().message, "missing required key");
}

TEST(Json, UnknownKeysAreSkipped) {
  Json j = Json::parse(kOuter);
  j["brand_new_field"] = {{"a", 1}};
  EXPECT_TRUE(chatbind::json::from_json<Outer>(j));
}

TEST(Json, MalformedTextIsASyntaxError) {
  for (const char* text : {"", "{", "{\"a\":}", "[1,2", "nul", "{\"a\":1}}", "\"\xff\""}) {
    auto r = chatbind::json::parse_as<Outer>(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().kind, ErrorKind::syntax) << text;
  }
}

TEST(Json, DeepNestingIsRefusedNotACrash) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto r = chatbind::json::parse(deep);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::syntax);
  const std::string fine = std::string(200, '[') + std::string(200, ']');
  EXPECT_TRUE(chatbind::json::parse(fine));
  EXPECT_TRUE(chatbind::json::parse(R"({"s":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})"))
      << "brackets inside strings do not count";
}

}  // namespace

// --- string enumerations and tagged unions (generated from `type: string` + `enum` and from
// `oneOf` + `discriminator`) ---

namespace union_sample {

struct ShapeValues {
  enum class Value { round, two_sided };
  static constexpr Value round = Value::round;
  static constexpr Value two_sided = Value::two_sided;
  static constexpr std::array<std::string_view, 2> wire{"round", "two-sided"};
};
using Shape = chatbind::StringEnum<ShapeValues>;

struct Circle {
  double r{};
  std::optional<Shape> shape{};
  friend bool operator==(const Circle&, const Circle&) = default;
};
BOOST_DESCRIBE_STRUCT(Circle, (), (r, shape))

struct Square {
  double side{};
  friend bool operator==(const Square&, const Square&) = default;
};
BOOST_DESCRIBE_STRUCT(Square, (), (side))

struct Figure : std::variant<Circle, Square, chatbind::UnknownAlternative> {
  using variant::variant;
  static constexpr std::string_view discriminator = "kind";
  static constexpr std::array<std::string_view, 2> tags{"circle", "square"};
  friend bool operator==(const Figure&, const Figure&) = default;
};

struct Drawing {
  std::vector<Figure> figures{};
  friend bool operator==(const Drawing&, const Drawing&) = default;
};
BOOST_DESCRIBE_STRUCT(Drawing, (), (figures))

}  // namespace union_sample

namespace {

using union_sample::Drawing;

TEST(JsonStringEnum, KnownAndUnknownStringsRoundTrip) {
  auto c = chatbind::json::parse_as<union_sample::Circle>(R"({"r":1,"shape":"two-sided"})");
  ASSERT_TRUE(c) << c.error();
  EXPECT_TRUE(*c->shape == union_sample::Shape::two_sided);
  auto unknown = chatbind::json::parse_as<union_sample::Circle>(R"({"r":1,"shape":"spiky"})");
  ASSERT_TRUE(unknown) << unknown.error();
  EXPECT_FALSE(unknown->shape->known());
  EXPECT_EQ(chatbind::json::to_json(*unknown).dump(), R"({"r":1.0,"shape":"spiky"})") << "written back as it came";
  auto wrong = chatbind::json::parse_as<union_sample::Circle>(R"({"r":1,"shape":3})");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().path, "shape");
  EXPECT_EQ(wrong.error().message, "expected string, got integer");
}

TEST(JsonTaggedUnion, TheDiscriminatorPicksTheAlternative) {
  auto d = chatbind::json::parse_as<Drawing>(R"({"figures":[{"r":2,"kind":"circle"},{"kind":"square","side":3}]})");
  ASSERT_TRUE(d) << d.error();
  ASSERT_EQ(d->figures.size(), 2u);
  ASSERT_TRUE(std::holds_alternative<union_sample::Circle>(d->figures[0])) << "the tag may come after the members";
  EXPECT_EQ(std::get<union_sample::Circle>(d->figures[0]).r, 2.0);
  EXPECT_EQ(std::get<union_sample::Square>(d->figures[1]).side, 3.0);
  EXPECT_EQ(chatbind::json::to_json(*d).dump(), R"({"figures":[{"kind":"circle","r":2.0},{"kind":"square","side":3.0}]})")
      << "the tag is written first";
}

TEST(JsonTaggedUnion, AnUnknownTagKeepsTheWholeObject) {
  const std::string text = R"({"figures":[{"kind":"star","points":5,"r":1}]})";
  auto d = chatbind::json::parse_as<Drawing>(text);
  ASSERT_TRUE(d) << d.error();
  const auto* unknown = std::get_if<chatbind::UnknownAlternative>(&d->figures[0]);
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->tag("kind"), "star");
  EXPECT_EQ(chatbind::json::to_json(*d).dump(), text) << "written back unchanged";
}

TEST(JsonTaggedUnion, ErrorsNameThePath) {
  auto missing = chatbind::json::parse_as<Drawing>(R"({"figures":[{"r":1}]})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().path, "figures[0].kind");
  EXPECT_EQ(missing.error().message, "missing required key");
  auto not_a_string = chatbind::json::parse_as<Drawing>(R"({"figures":[{"kind":1}]})");
  ASSERT_FALSE(not_a_string);
  EXPECT_EQ(not_a_string.error().path, "figures[0].kind");
  auto bad_member = chatbind::json::parse_as<Drawing>(R"({"figures":[{"kind":"square","side":"wide"}]})");
  ASSERT_FALSE(bad_member);
  EXPECT_EQ(bad_member.error().path, "figures[0].side");
  auto not_an_object = chatbind::json::parse_as<Drawing>(R"({"figures":[7]})");
  ASSERT_FALSE(not_an_object);
  EXPECT_EQ(not_an_object.error().message, "expected object, got integer");
}

}  // namespace
