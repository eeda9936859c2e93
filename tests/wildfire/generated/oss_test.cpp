// The Wildfire operation of spec/wildfire.yaml's tag `oss` (/admin/oss/get_upload_url: a presigned
// upload address; a path newer than im-server c4421fc). Source of the example: the spec's own
// (spec_examples.hpp), constructed from what wildfirechat/server-sdk.js sends and reads
// (src/utils/uploadHelper.js). Request encoding gives the example's exact bytes; the example response
// decodes into the three fields uploadHelper reads; then typed errors.
#include "wildfire/generated/common.hpp"

#include <string>

namespace {

using namespace chatbind_test::wildfire;

TEST(WildfireOssRequest, TheOperationEncodesTheSpecExample) {
  expect_example_request<wf::GetPresignedUploadUrl>({.fileName = "report.pdf", .mediaType = 4, .contentType = "application/pdf"});
}

TEST(WildfireOssResponse, TheOperationDecodesTheSpecExample) {
  const auto url = decode_example<wf::GetPresignedUploadUrl>();
  EXPECT_EQ(url.type, 2) << "not 1: an HTTP PUT to uploadUrl, not a Qiniu form upload";
  EXPECT_EQ(url.uploadUrl, "https://bucket.example.com/fs/4/report.pdf?X-Amz-Signature=abc123");
  EXPECT_EQ(url.downloadUrl, "https://bucket.example.com/fs/4/report.pdf");
}

TEST(WildfireOssResponse, BadInputIsATypedError) {
  expect_schema_error<wf::GetPresignedUploadUrl>(R"({"code":0,"msg":"success","result":{"type":"1"}})", "result.type");
  expect_schema_error<wf::GetPresignedUploadUrl>(R"({"code":0,"msg":"success","result":{"uploadUrl":7}})", "result.uploadUrl");
  expect_schema_error<wf::GetPresignedUploadUrl>(R"({"code":0,"msg":"success","result":["u"]})", "result");
  auto community = chatbind::decode_response<wf::GetPresignedUploadUrl>(HttpResponse{500, {}, ""});
  ASSERT_FALSE(community);
  EXPECT_EQ(community.error().kind, ErrorKind::http_status) << "no Action on the community server";
}

}  // namespace
