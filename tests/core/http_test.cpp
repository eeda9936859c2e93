#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/http.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Http, TargetPercentEncodesTheQuery) {
  chatbind::HttpRequest r;
  r.base_url = "https://example.test";
  r.path = "/a/b";
  r.query = {{"room_id", "123"}, {"q", "a b&c=d/é"}, {"empty", ""}};
  EXPECT_EQ(r.target(), "/a/b?room_id=123&q=a%20b%26c%3Dd%2F%C3%A9&empty=");
  EXPECT_EQ(r.url(), "https://example.test/a/b?room_id=123&q=a%20b%26c%3Dd%2F%C3%A9&empty=");
}

TEST(Http, HeadersAreCaseInsensitive) {
  chatbind::HttpResponse r;
  r.headers = {{"Content-Type", "application/json"}};
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("missing"), "");
}

TEST(Http, PrintedRequestsRedactCredentials) {
  chatbind::HttpRequest r;
  r.base_url = "https://example.test";
  r.path = "/x";
  r.headers = {{"token", "s3cr3t-token", true}, {"Content-Type", "application/json"}};
  const std::string printed = chatbind::to_string(r);
  EXPECT_EQ(printed.find("s3cr3t-token"), std::string::npos);
  EXPECT_NE(printed.find("token: <redacted>"), std::string::npos);
  EXPECT_NE(printed.find("Content-Type: application/json"), std::string::npos);
}

TEST(Http, NonSuccessStatusIsATypedHttpError) {
  chatbind::HttpResponse r{.status = 500, .headers = {}, .body = ""};
  auto j = chatbind::check_http_status(r);
  ASSERT_FALSE(j);
  EXPECT_EQ(j.error().kind, chatbind::ErrorKind::http_status);
  EXPECT_EQ(j.error().http_status, 500);
}

TEST(Http, ResultValueThrowsTheTypedError) {
  chatbind::Result<int> r = chatbind::Error::make(chatbind::ErrorKind::platform, "nope");
  try {
    (void)r.value();
    FAIL() << "value() must throw on an error";
  } catch (const chatbind::Exception& e) {
    EXPECT_EQ(e.error().kind, chatbind::ErrorKind::platform);
    EXPECT_STREQ(e.what(), "platform error: nope");
  }
}

}  // namespace
