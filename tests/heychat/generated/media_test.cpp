// The Heychat operations tagged `media` in spec/heychat.yaml (uploadMedia, on its own host):
// request encoding (method, URL, query own + common, headers, body as the docs show it) and
// response decoding.
#include "chatbind/heychat.hpp"
#include "heychat/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace hc = chatbind::heychat;
using namespace chatbind::test::heychat_endpoints;
using chatbind::Method;

// --------------------------------------------------------------------------- request encoding

TEST(HeychatMediaRequest, UploadMediaIsMultipartOnTheUploadHost) {
  const hc::MediaUpload upload{.file = {.filename = "cat.png", .content_type = "image/png", .data = "\x89PNG\r\n\x1a\n"}};
  auto r = chatbind::encode_request<hc::UploadMedia>(upload, kCredentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, Method::post);
  EXPECT_EQ(r->url().substr(0, r->url().find('?')), "https://chat-upload.xiaoheihe.cn/upload");
  EXPECT_EQ(r->query, kCommon);
  expect_token(*r);
  const std::string content_type{r->header("Content-Type")};
  const std::string prefix = "multipart/form-data; boundary=";
  ASSERT_EQ(content_type.rfind(prefix, 0), 0u) << content_type;
  const std::string boundary = content_type.substr(prefix.size());
  EXPECT_EQ(r->body, "--" + boundary + "\r\n" +
                         "Content-Disposition: form-data; name=\"file\"; filename=\"cat.png\"\r\n"
                         "Content-Type: image/png\r\n\r\n" +
                         upload.file.data + "\r\n--" + boundary + "--\r\n");
}

TEST(HeychatMediaRequest, UploadHostIsOverridableForAFake) {
  hc::Credentials credentials{.token = "t"};
  credentials.base_url = "http://127.0.0.1:1";
  auto r = chatbind::encode_request<hc::UploadMedia>({.file = {.filename = "a", .data = "x"}}, credentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->base_url, "https://chat-upload.xiaoheihe.cn") << "base_url is the API host, not the upload host";
  credentials.upload_base_url = "http://127.0.0.1:2";
  r = chatbind::encode_request<hc::UploadMedia>({.file = {.filename = "a", .data = "x"}}, credentials);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->base_url, "http://127.0.0.1:2");
  auto other = chatbind::encode_request<hc::LeaveRoom>({.room_id = "1"}, credentials);
  ASSERT_TRUE(other) << other.error();
  EXPECT_EQ(other->base_url, "http://127.0.0.1:1") << "upload_base_url changes only the upload host";
}

// -------------------------------------------------------------------------- response decoding

TEST(HeychatMediaResponse, UploadResultCarriesTheUrl) {
  auto upload = chatbind::decode_response<hc::UploadMedia>(ok(R"({"msg":"","status":"ok","result":{"url":"https://x/y.png"}})"));
  ASSERT_TRUE(upload) << upload.error();
  EXPECT_EQ(upload->url, "https://x/y.png");
}

// The upload host's answer carries the envelope's optional "version":"1.0" beside msg and status
// (issue #11's survey of the community SDKs); the envelope models it and the payload decodes alike.
TEST(HeychatMediaResponse, TheEnvelopeMayCarryAVersion) {
  const char* body = R"({"msg":"","result":{"url":"https://x/y.png"},"status":"ok","version":"1.0"})";
  auto upload = chatbind::decode_response<hc::UploadMedia>(ok(body));
  ASSERT_TRUE(upload) << upload.error();
  EXPECT_EQ(upload->url, "https://x/y.png");
  auto envelope = chatbind::json::parse_as<hc::Envelope>(body);
  ASSERT_TRUE(envelope) << envelope.error();
  EXPECT_EQ(envelope->version, "1.0");
}

}  // namespace
