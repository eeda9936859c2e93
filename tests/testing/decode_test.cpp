// How the fakes read requests that are not JSON or protobuf bodies: query strings and multipart
// forms, each the inverse of chatbind's encoder, with malformed input a typed error.
#include "chatbind/testing/decode.hpp"

#include <gtest/gtest.h>

#include <boost/describe.hpp>

#include <optional>
#include <string>

namespace sample {

struct Query {
  std::string name{};
  std::int32_t count{};
  bool flag{};
  chatbind::Id id{};
  std::optional<std::int64_t> limit{};
  friend bool operator==(const Query&, const Query&) = default;
};
BOOST_DESCRIBE_STRUCT(Query, (), (name, count, flag, id, limit))

struct Upload {
  chatbind::multipart::File file{};
  std::string note{};
  std::optional<std::int64_t> size{};
  friend bool operator==(const Upload&, const Upload&) = default;
};
BOOST_DESCRIBE_STRUCT(Upload, (), (file, note, size))

}  // namespace sample

namespace {

using chatbind::testing::detail::from_multipart;
using chatbind::testing::detail::from_query;

TEST(FakeDecoding, QueryStringsRoundTrip) {
  const sample::Query q{.name = "42", .count = -7, .flag = true, .id = "18446744073709551615", .limit = 5};
  std::vector<std::pair<std::string, std::string>> query;
  chatbind::query::append(q, query);
  query.emplace_back("client_type", "ignored");
  auto back = from_query<sample::Query>(query);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, q) << "a numeric-looking string stays a string";
}

TEST(FakeDecoding, QueryErrorsNameTheParameter) {
  auto missing = from_query<sample::Query>({{"name", "x"}, {"flag", "true"}, {"id", "1"}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().path, "count");
  auto wrong = from_query<sample::Query>({{"name", "x"}, {"count", "many"}, {"flag", "true"}, {"id", "1"}});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().path, "count");
}

TEST(FakeDecoding, MultipartFormsRoundTrip) {
  const sample::Upload u{.file = {"a \"b\".png", "image/png", std::string{"\x89PNG\r\n--\0x", 9}}, .note = "hi", .size = 9};
  auto form = chatbind::multipart::encode(u);
  ASSERT_TRUE(form);
  auto back = from_multipart<sample::Upload>(form->content_type, form->body);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, u);
}

TEST(FakeDecoding, MultipartErrorsAreTypedNotCrashes) {
  auto form = chatbind::multipart::encode(sample::Upload{.file = {"a", "text/plain", "x"}, .note = "n"});
  ASSERT_TRUE(form);
  EXPECT_FALSE(from_multipart<sample::Upload>("multipart/form-data", form->body)) << "no boundary";
  for (std::size_t cut = 0; cut + 2 < form->body.size(); ++cut)  // every truncation before the final CRLF fails
    EXPECT_FALSE(from_multipart<sample::Upload>(form->content_type, form->body.substr(0, cut))) << cut;

  auto no_file = chatbind::multipart::encode(std::vector<chatbind::multipart::Part>{{"note", "n"}});
  ASSERT_TRUE(no_file);
  auto r = from_multipart<sample::Upload>(no_file->content_type, no_file->body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().path, "file");
  auto text_as_file = chatbind::multipart::encode(std::vector<chatbind::multipart::Part>{{"file", "x"}, {"note", "n"}});
  ASSERT_TRUE(text_as_file);
  r = from_multipart<sample::Upload>(text_as_file->content_type, text_as_file->body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().path, "file");
}

}  // namespace
