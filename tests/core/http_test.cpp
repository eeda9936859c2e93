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

// application/x-www-form-urlencoded, both ways: form_encode percent-encodes like a query string and
// form_decode reads what browsers and curl --data-urlencode send ('+' as a space, %XX either case).
TEST(Http, FormEncodesAndDecodesBothWays) {
  const std::vector<std::pair<std::string, std::string>> fields{{"grant_type", "refresh_token"}, {"t", "a b&c=d/é+"}, {"e", ""}};
  const std::string body = chatbind::form_encode(fields);
  EXPECT_EQ(body, "grant_type=refresh_token&t=a%20b%26c%3Dd%2F%C3%A9%2B&e=");
  auto back = chatbind::form_decode(body);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(*back, fields);
  auto browser = chatbind::form_decode("a=x+y%2b%2F&flag&&b=");
  ASSERT_TRUE(browser) << browser.error();
  EXPECT_EQ(*browser, (std::vector<std::pair<std::string, std::string>>{{"a", "x y+/"}, {"flag", ""}, {"b", ""}}));
  EXPECT_TRUE(chatbind::form_decode("")->empty());
}

TEST(Http, AMalformedFormEscapeIsAnErrorNamingTheField) {
  for (const char* bad : {"code=%", "code=%4", "code=%zz", "code=ab%4g"}) {
    auto r = chatbind::form_decode(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, chatbind::ErrorKind::syntax);
    EXPECT_EQ(r.error().path, "code");
  }
  EXPECT_FALSE(chatbind::form_decode("%G1=x"));
}

// A printed form body redacts the fields named in secret_form and keeps the others readable.
TEST(Http, PrintedFormBodiesRedactSecretFields) {
  chatbind::HttpRequest r;
  r.method = chatbind::Method::post;
  r.base_url = "https://example.test";
  r.path = "/token";
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  r.body = "client_id=c&client_secret=s%3Dcr3t&flag&refresh_token=rt";
  r.secret_form = {"client_secret", "refresh_token"};
  const std::string shown = chatbind::to_string(r);
  EXPECT_NE(shown.find("client_id=c&client_secret=<redacted>&flag&refresh_token=<redacted>"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("cr3t"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("=rt"), std::string::npos) << shown;
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
