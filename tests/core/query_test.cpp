// chatbind::query::append (core/query.hpp): a described request struct as query-string parameters,
// one name=value pair per member in declaration order, with the wire forms of spec/README.md's
// type table (optionals left out when empty, IntBool as 0/1, bool as true/false, enums as numbers).
#include "chatbind/core/query.hpp"

#include <boost/describe.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using chatbind::Id;
using chatbind::IntBool;
using chatbind::Nullable;
using Query = std::vector<std::pair<std::string, std::string>>;

template <class T>
Query query_of(const T& request) {
  Query out;
  chatbind::query::append(request, out);
  return out;
}

struct Ordered {
  std::string zebra;
  std::int32_t apple{};
  std::string mango;
};
BOOST_DESCRIBE_STRUCT(Ordered, (), (zebra, apple, mango))

TEST(Query, MembersInDeclarationOrderNotByName) {
  EXPECT_EQ(query_of(Ordered{.zebra = "z", .apple = 1, .mango = "m"}),
            (Query{{"zebra", "z"}, {"apple", "1"}, {"mango", "m"}}));
}

TEST(Query, AppendsAfterWhatIsAlreadyThere) {
  Query out{{"room_id", "7"}};
  chatbind::query::append(Ordered{.zebra = "z", .apple = 2, .mango = "m"}, out);
  EXPECT_EQ(out, (Query{{"room_id", "7"}, {"zebra", "z"}, {"apple", "2"}, {"mango", "m"}}));
}

TEST(Query, ValuesAreRawTextAndARequiredEmptyStringIsStillWritten) {
  // Percent-encoding is HttpRequest::target()'s job, not append's.
  EXPECT_EQ(query_of(Ordered{.zebra = "a b&c=d", .apple = -3, .mango = ""}),
            (Query{{"zebra", "a b&c=d"}, {"apple", "-3"}, {"mango", ""}}));
}

struct WithOptionals {
  std::optional<std::string> heybox_id;
  std::string room_id;
  std::optional<std::int64_t> offset;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(WithOptionals, (), (heybox_id, room_id, offset, note))

TEST(Query, EmptyOptionalMembersAreLeftOut) {
  WithOptionals q;
  q.room_id = "1";
  EXPECT_EQ(query_of(q), (Query{{"room_id", "1"}}));
}

TEST(Query, SetOptionalMembersAreWrittenEvenWhenZeroOrEmpty) {
  const WithOptionals q{.heybox_id = "84005510", .room_id = "1", .offset = 0, .note = ""};
  EXPECT_EQ(query_of(q), (Query{{"heybox_id", "84005510"}, {"room_id", "1"}, {"offset", "0"}, {"note", ""}}));
}

struct WithNullable {
  Nullable<std::string> cursor;
  Nullable<std::int32_t> limit;
};
BOOST_DESCRIBE_STRUCT(WithNullable, (), (cursor, limit))

TEST(Query, AnEmptyNullableIsLeftOutNotWrittenAsNull) {
  EXPECT_EQ(query_of(WithNullable{}), Query{});
  WithNullable q;
  q.limit.emplace(50);
  EXPECT_EQ(query_of(q), (Query{{"limit", "50"}}));
  q.cursor.emplace("abc");
  EXPECT_EQ(query_of(q), (Query{{"cursor", "abc"}, {"limit", "50"}}));
}

struct Flags {
  IntBool is_add;
  IntBool is_hot;
  bool must_audio{};
  bool silent{};
  std::optional<IntBool> pinned;
  std::optional<bool> verbose;
};
BOOST_DESCRIBE_STRUCT(Flags, (), (is_add, is_hot, must_audio, silent, pinned, verbose))

TEST(Query, IntBoolTravelsAsOneOrZeroAndBoolAsTrueOrFalse) {
  const Flags f{.is_add = true, .is_hot = false, .must_audio = true, .silent = false, .pinned = IntBool{false},
                .verbose = true};
  EXPECT_EQ(query_of(f), (Query{{"is_add", "1"},
                                {"is_hot", "0"},
                                {"must_audio", "true"},
                                {"silent", "false"},
                                {"pinned", "0"},
                                {"verbose", "true"}}));
}

struct Ids {
  Id user_id;
  Id room_id;
  Id huge;
  std::optional<Id> channel_id;
};
BOOST_DESCRIBE_STRUCT(Ids, (), (user_id, room_id, huge, channel_id))

TEST(Query, IdsAreTheirDecimalTextWhateverFormTheyCameIn) {
  const Ids q{.user_id = Id{100030}, .room_id = Id{"3581310465924767744"}, .huge = Id::number("18446744073709551616"),
              .channel_id = Id{"-1"}};
  EXPECT_EQ(query_of(q), (Query{{"user_id", "100030"},
                                {"room_id", "3581310465924767744"},
                                {"huge", "18446744073709551616"},
                                {"channel_id", "-1"}}));
}

enum class Kind : std::int32_t { text = 1, image = 2 };
enum class Small : std::uint8_t { seven = 7 };
enum class Signed : std::int64_t { minus = -2 };

struct Enums {
  Kind kind{};
  Small small{};
  Signed sign{};
  std::optional<Kind> other;
};
BOOST_DESCRIBE_STRUCT(Enums, (), (kind, small, sign, other))

TEST(Query, EnumsTravelAsTheirIntegerValuesKnownOrNot) {
  const Enums q{.kind = Kind::image, .small = Small::seven, .sign = Signed::minus, .other = static_cast<Kind>(42)};
  EXPECT_EQ(query_of(q), (Query{{"kind", "2"}, {"small", "7"}, {"sign", "-2"}, {"other", "42"}}));
}

struct Keywords {
  std::int64_t operator_{};
  std::string delete_;
  std::optional<std::string> class_;
  std::string msg_id;
};
BOOST_DESCRIBE_STRUCT(Keywords, (), (operator_, delete_, class_, msg_id))

TEST(Query, KeywordMembersAreWrittenWithoutTheirTrailingUnderscore) {
  const Keywords q{.operator_ = 5, .delete_ = "yes", .class_ = "c", .msg_id = "9"};
  EXPECT_EQ(query_of(q), (Query{{"operator", "5"}, {"delete", "yes"}, {"class", "c"}, {"msg_id", "9"}}));
}

}  // namespace

// --- query::decode, the inverse of query::append (what chatbind's fakes read) ---

namespace decode_sample {

struct Query {
  std::string name{};
  std::int32_t count{};
  bool flag{};
  chatbind::Id id{};
  std::optional<std::int64_t> limit{};
  friend bool operator==(const Query&, const Query&) = default;
};
BOOST_DESCRIBE_STRUCT(Query, (), (name, count, flag, id, limit))

}  // namespace decode_sample

namespace {

TEST(QueryDecode, QueryStringsRoundTrip) {
  const decode_sample::Query q{.name = "42", .count = -7, .flag = true, .id = "18446744073709551615", .limit = 5};
  std::vector<std::pair<std::string, std::string>> query;
  chatbind::query::append(q, query);
  query.emplace_back("client_type", "ignored");
  auto back = chatbind::query::decode<decode_sample::Query>(query);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, q) << "a numeric-looking string stays a string";
}

TEST(QueryDecode, ErrorsNameTheParameter) {
  auto missing = chatbind::query::decode<decode_sample::Query>({{"name", "x"}, {"flag", "true"}, {"id", "1"}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().path, "count");
  auto wrong = chatbind::query::decode<decode_sample::Query>({{"name", "x"}, {"count", "many"}, {"flag", "true"}, {"id", "1"}});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().path, "count");
}

}  // namespace
