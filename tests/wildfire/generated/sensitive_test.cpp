// The Wildfire operations of spec/wildfire.yaml's tag `sensitive` (the sensitive words messages are
// checked against). Source of every example: the spec's own (spec/wildfire.yaml, generated into
// spec_examples.hpp), constructed from the pojo InputOutputSensitiveWords of
// wildfirechat/im-server at c4421fc (SensitiveWordAddAction, SensitiveWordDeleteAction,
// SensitiveWordQueryAction). Request encoding gives the example's exact bytes; the example response
// decodes; then the body-less query and typed errors.
#include "wildfire/generated/common.hpp"

#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

const std::vector<std::string> kWords{"敏感词一", "敏感词二"};

// --------------------------------------------------------------------------- request encoding

TEST(WildfireSensitiveRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::AddSensitiveWords>({.words = kWords});
  expect_example_request<wf::RemoveSensitiveWords>({.words = kWords});
  // SensitiveWordQueryAction reads no body; the SDK posts an empty entity.
  const auto query = encode<wf::GetSensitiveWords>({});
  EXPECT_EQ(query.method, chatbind::Method::post);
  EXPECT_EQ(query.url(), std::string{kBaseUrl} + "/admin/sensitive/query");
  EXPECT_EQ(query.header("sign"), kSign) << "still signed";
  EXPECT_TRUE(query.body.empty());
  EXPECT_TRUE(query.query.empty());
}

TEST(WildfireSensitiveRequest, AnEmptyListIsStillSent) {
  // The server answers 251 for an empty list; the request says so rather than dropping the key.
  EXPECT_EQ(encode<wf::AddSensitiveWords>({}).body, R"({"words":[]})");
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireSensitiveResponse, EveryOperationDecodesTheSpecExample) {
  decode_example<wf::AddSensitiveWords>();
  decode_example<wf::RemoveSensitiveWords>();
  EXPECT_EQ(decode_example<wf::GetSensitiveWords>().words, kWords);
}

TEST(WildfireSensitiveResponse, CodesAndBadInput) {
  EXPECT_EQ(wf::error_code(decode_error<wf::AddSensitiveWords>(R"({"code":251,"msg":"Invalid parameter"})")), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(wf::error_code(decode_error<wf::RemoveSensitiveWords>(R"({"code":4,"msg":"server error"})")), wf::ErrorCode::server_error);
  const auto missing = decode_error<wf::GetSensitiveWords>(R"({"code":0,"msg":"success","result":{}})");
  EXPECT_EQ(missing.kind, ErrorKind::schema);
  EXPECT_EQ(missing.path, "result.words");
  const auto number = decode_error<wf::GetSensitiveWords>(R"({"code":0,"msg":"success","result":{"words":["a",7]}})");
  EXPECT_EQ(number.kind, ErrorKind::schema);
  EXPECT_EQ(number.path, "result.words[1]");
}

}  // namespace
