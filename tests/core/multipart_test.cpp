// The multipart/form-data encoder (core/multipart.hpp) behind the media upload.
#include "chatbind/core/multipart.hpp"

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <cstdint>
#include <vector>

namespace {

namespace mp = chatbind::multipart;

struct Form {
  std::string title;
  std::optional<std::int64_t> count;
  std::optional<std::string> note;
  mp::File file;
};
BOOST_DESCRIBE_STRUCT(Form, (), (title, count, note, file))

std::string boundary_of(const mp::Encoded& e) {
  const std::string prefix = "multipart/form-data; boundary=";
  EXPECT_EQ(e.content_type.rfind(prefix, 0), 0u) << e.content_type;
  return e.content_type.substr(prefix.size());
}

TEST(Multipart, EncodesTextAndFilePartsInOrder) {
  const Form form{.title = "猫", .count = 3, .note = std::nullopt,
                  .file = {.filename = "cat.png", .content_type = "image/png", .data = std::string("\0\x01\xff", 3)}};
  auto e = mp::encode(form);
  ASSERT_TRUE(e) << e.error();
  const std::string b = boundary_of(*e);
  EXPECT_EQ(e->body, "--" + b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n猫\r\n" +
                         "--" + b + "\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n3\r\n" +
                         "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cat.png\"\r\n" +
                         "Content-Type: image/png\r\n\r\n" + std::string("\0\x01\xff", 3) + "\r\n" +
                         "--" + b + "--\r\n")
      << "an empty optional is left out; binary bytes pass through untouched";
}

TEST(Multipart, BoundaryIsStableAndShort) {
  const std::vector<mp::Part> parts{{.name = "a", .value = "x"}};
  EXPECT_EQ(mp::boundary_for(parts), mp::boundary_for(parts)) << "deterministic";
  EXPECT_LE(mp::boundary_for(parts).size(), 70u) << "RFC 2046 limit";
  EXPECT_NE(mp::boundary_for(parts), mp::boundary_for({{.name = "a", .value = "y"}}));
}

TEST(Multipart, BoundaryNeverOccursInTheContent) {
  // Content that contains the boundary the encoder would otherwise pick, and the next one.
  std::vector<mp::Part> parts{{.name = "file", .value = "payload"}};
  for (int i = 0; i < 3; ++i) {
    const std::string picked = mp::boundary_for(parts);
    parts[0].value += "\r\n--" + picked + "\r\n";
  }
  const std::string b = mp::boundary_for(parts);
  EXPECT_EQ(parts[0].value.find(b), std::string::npos);
  auto e = mp::encode(parts);
  ASSERT_TRUE(e) << e.error();
  EXPECT_EQ(boundary_of(*e), b);
  // The body splits into exactly one part at the boundary.
  std::size_t count = 0;
  for (auto at = e->body.find("--" + b); at != std::string::npos; at = e->body.find("--" + b, at + 1)) ++count;
  EXPECT_EQ(count, 2u) << "one opening and one closing delimiter";
}

TEST(Multipart, NamesCannotInjectHeaders) {
  const std::vector<mp::Part> parts{{.name = "a\"b", .value = "v", .filename = "evil\r\nX-Injected: 1\".png",
                                     .content_type = "image/png"}};
  auto e = mp::encode(parts);
  ASSERT_TRUE(e) << e.error();
  EXPECT_NE(e->body.find("name=\"a%22b\"; filename=\"evil%0D%0AX-Injected: 1%22.png\"\r\n"), std::string::npos) << e->body;
  EXPECT_EQ(e->body.find("\r\nX-Injected"), std::string::npos);
}

TEST(Multipart, ALineBreakInAContentTypeIsATypedError) {
  const std::vector<mp::Part> parts{{.name = "file", .value = "v", .filename = "a", .content_type = "image/png\r\nX: 1"}};
  auto e = mp::encode(parts);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().kind, chatbind::ErrorKind::invalid_request);
  EXPECT_EQ(e.error().path, "file");
}

TEST(Multipart, EmptyFormHasOnlyTheClosingDelimiter) {
  auto e = mp::encode(std::vector<mp::Part>{});
  ASSERT_TRUE(e) << e.error();
  EXPECT_EQ(e->body, "--" + boundary_of(*e) + "--\r\n");
}

}  // namespace

// --- multipart::decode, the inverse of multipart::encode (what chatbind's fakes read) ---

namespace decode_sample {

struct Upload {
  chatbind::multipart::File file{};
  std::string note{};
  std::optional<std::int64_t> size{};
  friend bool operator==(const Upload&, const Upload&) = default;
};
BOOST_DESCRIBE_STRUCT(Upload, (), (file, note, size))

}  // namespace decode_sample

namespace {

TEST(MultipartDecode, FormsRoundTrip) {
  const decode_sample::Upload u{.file = {"a \"b\".png", "image/png", std::string{"\x89PNG\r\n--\0x", 9}}, .note = "hi", .size = 9};
  auto form = chatbind::multipart::encode(u);
  ASSERT_TRUE(form);
  auto back = chatbind::multipart::decode<decode_sample::Upload>(form->content_type, form->body);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, u);
}

TEST(MultipartDecode, ErrorsAreTypedNotCrashes) {
  auto form = chatbind::multipart::encode(decode_sample::Upload{.file = {"a", "text/plain", "x"}, .note = "n"});
  ASSERT_TRUE(form);
  EXPECT_FALSE(chatbind::multipart::decode<decode_sample::Upload>("multipart/form-data", form->body)) << "no boundary";
  for (std::size_t cut = 0; cut + 2 < form->body.size(); ++cut)  // every truncation before the final CRLF fails
    EXPECT_FALSE(chatbind::multipart::decode<decode_sample::Upload>(form->content_type, form->body.substr(0, cut))) << cut;

  auto no_file = chatbind::multipart::encode(std::vector<chatbind::multipart::Part>{{"note", "n"}});
  ASSERT_TRUE(no_file);
  auto r = chatbind::multipart::decode<decode_sample::Upload>(no_file->content_type, no_file->body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().path, "file");
  auto text_as_file = chatbind::multipart::encode(std::vector<chatbind::multipart::Part>{{"file", "x"}, {"note", "n"}});
  ASSERT_TRUE(text_as_file);
  r = chatbind::multipart::decode<decode_sample::Upload>(text_as_file->content_type, text_as_file->body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().path, "file");
}

}  // namespace
