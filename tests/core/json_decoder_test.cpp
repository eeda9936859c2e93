// The DOM-free JSON codec against nlohmann's own parser and serializer (the oracle): the same DOM
// from the same text, the same text from the same DOM; and the rules only a streaming decoder has to
// get right: escapes and UTF-8, number grammar, duplicate keys, the limits, errors inside payloads.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/core/envelope.hpp"
#include "chatbind/core/json.hpp"

#include <boost/describe.hpp>
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using chatbind::ErrorKind;
using chatbind::Json;

struct Item {
  std::int32_t n{};
  std::optional<std::string> label{};
};
BOOST_DESCRIBE_STRUCT(Item, (), (n, label))

struct Box {
  std::vector<Item> items{};
  std::optional<std::string> name{};
};
BOOST_DESCRIBE_STRUCT(Box, (), (items, name))

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in{p, std::ios::binary};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every JSON file of the test data: real captures and the spec's examples.
std::vector<std::filesystem::path> data_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(CHATBIND_TEST_DATA))
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  return files;
}

TEST(JsonDecoder, BuildsTheSameDomAsNlohmannFromEveryCapture) {
  const auto files = data_files();
  ASSERT_GT(files.size(), 5u);
  for (const auto& f : files) {
    const std::string text = read_file(f);
    const Json oracle = Json::parse(text, nullptr, false);
    if (oracle.is_discarded()) continue;  // a deliberately malformed sample
    auto mine = chatbind::json::parse(text);
    ASSERT_TRUE(mine) << f << ": " << mine.error();
    EXPECT_EQ(*mine, oracle) << f;
    EXPECT_EQ(chatbind::json::dump(*mine).value(), oracle.dump()) << f << ": the writer is byte-identical to dump()";
  }
}

TEST(JsonDecoder, EscapesAndUnicode) {
  const char* text = R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u4e2d\ud83d\ude00", "é中😀", "\u0000x"])";
  auto mine = chatbind::json::parse(text);
  ASSERT_TRUE(mine) << mine.error();
  EXPECT_EQ(*mine, Json::parse(text));
  EXPECT_EQ(chatbind::json::dump(*mine).value(), Json::parse(text).dump());
  for (const char* bad : {R"("\ud83d")", R"("\ude00")", R"("\ud83dx")", R"("\x")", R"("\u12")", "\"\xc3\"",
                          "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xc0\xaf\"", "\"a\nb\"", "\"abc"}) {
    auto r = chatbind::json::parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::syntax) << bad;
    EXPECT_TRUE(Json::parse(bad, nullptr, false).is_discarded()) << bad << ": nlohmann rejects it too";
  }
}

TEST(JsonDecoder, NumberGrammarMatchesNlohmann) {
  for (const char* text : {"0", "-0", "12", "-12", "1.5", "-0.25", "1e3", "1E-3", "2.5e+10", "18446744073709551615",
                           "18446744073709551616", "-9223372036854775808", "-9223372036854775809", "1e-400",
                           "123456789012345678901234567890"}) {
    auto mine = chatbind::json::parse(text);
    ASSERT_TRUE(mine) << text << ": " << mine.error();
    const Json oracle = Json::parse(text);
    EXPECT_EQ(mine->type(), oracle.type()) << text;
    EXPECT_EQ(chatbind::json::dump(*mine).value(), oracle.dump()) << text;
  }
  for (const char* bad : {"01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "1e400", "-1e400", "NaN", "Infinity"}) {
    auto r = chatbind::json::parse(bad);
    EXPECT_FALSE(r) << bad;
    EXPECT_TRUE(Json::parse(bad, nullptr, false).is_discarded()) << bad << ": nlohmann rejects it too";
  }
}

TEST(JsonDecoder, DoublesAreWrittenAsNlohmannWritesThem) {
  std::mt19937_64 rng{20261202};
  std::vector<double> values{0.0, -0.0, 1.0, -1.0, 0.1, 1e15, 1e16, 1e-4, 1e-5, 123456789.125, 5e-324, 1.7976931348623157e308,
                             0.041666666666666664, 100.0, 1e21, 3.0e-7};
  for (int i = 0; i < 2000; ++i) {
    std::uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (std::isfinite(d)) values.push_back(d);
    values.push_back(static_cast<double>(rng() % 1000000) / 1000.0);
  }
  int differ = 0;
  for (double d : values) {
    const std::string mine = chatbind::json::dump(Json(d)).value();
    if (mine != Json(d).dump()) ++differ;
    double back = 0;
    std::from_chars(mine.data(), mine.data() + mine.size(), back);
    EXPECT_EQ(back, d) << mine << " round-trips";
  }
  // nlohmann's Grisu2 is not always the shortest form; std::to_chars is. They agree on every value
  // that a platform sends (the fixed cases above), and on all but a handful of random bit patterns.
  EXPECT_LE(differ, static_cast<int>(values.size() / 100)) << differ << " of " << values.size() << " differ";
  for (double d : {0.0, -0.0, 1.0, 0.1, 1e15, 1e16, 1e-4, 1e-5, 100.0, 0.041666666666666664, 1e21, 3.0e-7})
    EXPECT_EQ(chatbind::json::dump(Json(d)).value(), Json(d).dump()) << d;
}

TEST(JsonDecoder, EncodingIsTheDumpOfTheDom) {
  Box box;
  box.items = {{1, "one"}, {-2, std::nullopt}, {3, "tab\there \"quoted\" é"}};
  box.name = "box";
  const std::string text = chatbind::json::to_string(box).value();
  EXPECT_EQ(text, chatbind::json::to_json(box).dump());
  EXPECT_EQ(text, R"({"items":[{"n":1,"label":"one"},{"n":-2},{"n":3,"label":"tab\there \"quoted\" é"}],"name":"box"})");
  box.name = std::string{"\xff"};
  auto bad = chatbind::json::to_string(box);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::invalid_request);
}

TEST(JsonDecoder, ARepeatedMemberIsASyntaxErrorNamingIt) {
  auto r = chatbind::json::parse_as<Item>(R"({"n":1,"n":2})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::syntax);
  EXPECT_EQ(r.error().path, "n");
  auto nested = chatbind::json::parse_as<Box>(R"({"items":[{"n":1},{"label":"a","n":2,"label":"b"}]})");
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().path, "items[1].label");
  EXPECT_TRUE(chatbind::json::parse_as<Item>(R"({"n":1,"x":1,"x":2})")) << "unknown keys may repeat";
}

TEST(JsonDecoder, KeysInAnyOrderAndEscapedKeys) {
  auto r = chatbind::json::parse_as<Item>(R"({"label":"x","\u006e":7})");
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->n, 7);
  EXPECT_EQ(r->label, "x");
}

TEST(JsonDecoder, ASyntaxErrorAfterASchemaErrorIsReportedAsSyntax) {
  auto r = chatbind::json::parse_as<Item>(R"({"n":"x", "label": nope})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::syntax) << r.error();
  auto schema = chatbind::json::parse_as<Item>(R"({"n":"x", "label": "fine"})");
  ASSERT_FALSE(schema);
  EXPECT_EQ(schema.error().kind, ErrorKind::schema);
  EXPECT_EQ(schema.error().path, "n");
}

TEST(JsonDecoder, TheInputSizeLimit) {
  chatbind::DecodeLimits limits;
  limits.max_input_bytes = 16;
  auto r = chatbind::json::parse_as<Item>(R"({"n":1,"label":"seventeen"})", {}, limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::limit);
  EXPECT_TRUE(chatbind::json::parse_as<Item>(R"({"n":1})", {}, limits));
}

TEST(JsonDecoder, TheDepthLimitIsConfigurable) {
  chatbind::DecodeLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(chatbind::json::parse("[[[1]]]", limits));
  auto r = chatbind::json::parse("[[[[1]]]]", limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::syntax);
  // skipped (unknown) values count too
  auto skipped = chatbind::json::parse_as<Item>(R"({"n":1,"x":[[[[]]]]})", {}, limits);
  ASSERT_FALSE(skipped);
}

TEST(JsonDecoder, DecodedMemoryIsBoundedByTheInput) {
  // 3 bytes of input per element ("{},") would become sizeof(Item) bytes each: an amplification the
  // budget refuses once it passes max_memory_per_input_byte.
  chatbind::DecodeLimits limits;
  limits.memory_slack_bytes = 0;
  limits.max_memory_per_input_byte = 4;
  std::string text = R"({"items":[)";
  for (int i = 0; i < 10000; ++i) text += R"({"n":1},)";
  text += R"({"n":1}]})";
  auto r = chatbind::json::parse_as<Box>(text, {}, limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::limit);
  EXPECT_EQ(r.error().path.rfind("items[", 0), 0u) << r.error().path;
  limits.max_memory_per_input_byte = 32;
  EXPECT_TRUE(chatbind::json::parse_as<Box>(text, {}, limits)) << "the default ratio accepts real shapes";
}

TEST(JsonDecoder, TheDefaultsAcceptEveryCaptureAsADom) {
  for (const auto& f : data_files()) {
    const std::string text = read_file(f);
    if (Json::parse(text, nullptr, false).is_discarded()) continue;
    EXPECT_TRUE(chatbind::json::parse(text)) << f;
  }
}

TEST(JsonEnvelope, ReadsFieldsAndPayloadInOnePass) {
  auto env = chatbind::read_envelope<Item>(R"({"result":{"n":5},"msg":"ok","code":0})", "result",
                                           std::array<std::string_view, 2>{"code", "msg"});
  ASSERT_TRUE(env) << env.error();
  EXPECT_EQ(env->fields[0].int64(), 0);
  EXPECT_EQ(env->fields[1].string(), "ok");
  auto payload = std::move(*env).take_payload(200);
  ASSERT_TRUE(payload);
  EXPECT_EQ(payload->n, 5);
}

TEST(JsonEnvelope, APayloadErrorWaitsForTheFields) {
  // A failure envelope may repeat itself inside result (Wildfire's signing failure): the payload's
  // error is kept, the fields still read, and the policy decides.
  auto env = chatbind::read_envelope<Item>(R"({"code":243,"msg":"sign","result":{"code":243,"msg":"sign"}})", "result",
                                           std::array<std::string_view, 2>{"code", "msg"});
  ASSERT_TRUE(env) << env.error();
  EXPECT_EQ(env->fields[0].int64(), 243);
  auto payload = std::move(*env).take_payload(200);
  ASSERT_FALSE(payload);
  EXPECT_EQ(payload.error().path, "result.n");
  EXPECT_EQ(payload.error().http_status, 200);
}

TEST(JsonEnvelope, RepeatedFieldsAreSyntaxErrors) {
  for (const char* body : {R"({"code":251,"code":0})", R"({"status":"failed","status":"ok"})",
                           R"({"code":0,"result":{"n":1},"result":{"n":2}})"}) {
    auto env = chatbind::read_envelope<Item>(body, "result", std::array<std::string_view, 2>{"code", "status"});
    ASSERT_FALSE(env) << body;
    EXPECT_EQ(env.error().kind, ErrorKind::syntax) << body;
  }
}

TEST(JsonEnvelope, ServerTextIsBoundedInErrors) {
  const std::string huge(1 << 20, 'x');
  const chatbind::Error e = chatbind::platform_error(1, huge, 200);
  EXPECT_LE(e.message.size(), chatbind::max_server_text_bytes + 8);
  EXPECT_LE(e.platform_message.size(), chatbind::max_server_text_bytes + 8);
  // cut at a character boundary
  std::string chinese;
  for (int i = 0; i < 1000; ++i) chinese += "中";
  const std::string cut = chatbind::server_text_excerpt(chinese);
  EXPECT_TRUE(chatbind::json::is_valid("\"" + cut + "\"")) << "still valid UTF-8";
}

TEST(JsonDecoder, ErrorsNeverThrowOnTruncationAtEveryOffset) {
  const std::string text = R"({"items":[{"n":1,"label":"é\u4e2d"},{"n":-2}],"name":"x"})";
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto r = chatbind::json::parse_as<Box>(std::string_view{text}.substr(0, i));
    ASSERT_FALSE(r) << i;
    EXPECT_EQ(r.error().kind, ErrorKind::syntax) << i << ": " << r.error();
  }
  EXPECT_TRUE(chatbind::json::parse_as<Box>(text));
}

}  // namespace
