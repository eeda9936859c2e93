// chatbind::Error, Exception, Result and success() (core/error.hpp): the one-line description, the
// name of every kind, the exception value() throws, and a Result for values that convert to anything.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/types.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace {

using chatbind::Error;
using chatbind::ErrorKind;
using chatbind::Json;
using chatbind::Result;

static_assert(chatbind::to_string(ErrorKind::schema) == "schema", "to_string(ErrorKind) is constexpr");

TEST(ErrorKindName, EveryKindHasItsName) {
  EXPECT_EQ(chatbind::to_string(ErrorKind::transport), "transport");
  EXPECT_EQ(chatbind::to_string(ErrorKind::http_status), "http_status");
  EXPECT_EQ(chatbind::to_string(ErrorKind::syntax), "syntax");
  EXPECT_EQ(chatbind::to_string(ErrorKind::schema), "schema");
  EXPECT_EQ(chatbind::to_string(ErrorKind::platform), "platform");
  EXPECT_EQ(chatbind::to_string(ErrorKind::invalid_request), "invalid_request");
}

TEST(ErrorKindName, AValueOutsideTheEnumIsUnknown) {
  EXPECT_EQ(chatbind::to_string(static_cast<ErrorKind>(99)), "unknown");
}

TEST(ErrorDescribe, KindAndMessageOnly) {
  EXPECT_EQ(Error::make(ErrorKind::transport, "connection refused").describe(), "transport error: connection refused");
}

TEST(ErrorDescribe, WithAPath) {
  EXPECT_EQ(Error::make(ErrorKind::schema, "expected string, got number", "result.room.room_id").describe(),
            "schema error at result.room.room_id: expected string, got number");
}

TEST(ErrorDescribe, WithAnHttpStatus) {
  EXPECT_EQ(Error::make(ErrorKind::http_status, "Bad Gateway", "", 502).describe(),
            "http_status error (HTTP 502): Bad Gateway");
}

TEST(ErrorDescribe, WithAPlatformCodeEvenZero) {
  Error e = Error::make(ErrorKind::platform, "未登录");
  e.platform_code = -101;
  EXPECT_EQ(e.describe(), "platform error [code -101]: 未登录");
  e.platform_code = 0;
  EXPECT_EQ(e.describe(), "platform error [code 0]: 未登录") << "a code that is present is shown, whatever its value";
}

TEST(ErrorDescribe, PathThenStatusThenCode) {
  Error e = Error::make(ErrorKind::platform, "没有权限", "result", 200);
  e.platform_code = 7;
  e.platform_message = "没有权限";
  EXPECT_EQ(e.describe(), "platform error at result (HTTP 200) [code 7]: 没有权限");
}

TEST(ErrorDescribe, StreamingPrintsTheDescription) {
  const Error e = Error::make(ErrorKind::syntax, "unexpected end of input", "result.rooms[2]");
  std::ostringstream out;
  out << e;
  EXPECT_EQ(out.str(), e.describe());
  EXPECT_EQ(out.str(), "syntax error at result.rooms[2]: unexpected end of input");
}

TEST(ErrorMake, FillsKindMessagePathAndStatusAndNothingElse) {
  const Error e = Error::make(ErrorKind::invalid_request, "bad value", "body.msg", 400);
  EXPECT_EQ(e.kind, ErrorKind::invalid_request);
  EXPECT_EQ(e.message, "bad value");
  EXPECT_EQ(e.path, "body.msg");
  EXPECT_EQ(e.http_status, 400);
  EXPECT_FALSE(e.platform_code);
  EXPECT_EQ(e.platform_message, "");
  EXPECT_EQ(Error::make(ErrorKind::transport, "x").http_status, 0);
}

TEST(ErrorEquality, EveryMemberCounts) {
  const Error a = Error::make(ErrorKind::platform, "m", "p", 200);
  Error b = a;
  EXPECT_EQ(a, b);
  b.platform_code = 1;
  EXPECT_NE(a, b);
  b = a;
  b.platform_message = "other";
  EXPECT_NE(a, b);
  b = a;
  b.kind = ErrorKind::schema;
  EXPECT_NE(a, b);
}

TEST(ErrorException, CarriesTheErrorAndWhatIsItsDescription) {
  Error e = Error::make(ErrorKind::platform, "没有权限", "result", 200);
  e.platform_code = 3;
  const chatbind::Exception ex{e};
  EXPECT_EQ(ex.error(), e);
  EXPECT_EQ(std::string{ex.what()}, e.describe());
  static_assert(std::is_base_of_v<std::runtime_error, chatbind::Exception>);
  try {
    throw ex;
  } catch (const std::runtime_error& caught) {
    EXPECT_STREQ(caught.what(), "platform error at result (HTTP 200) [code 3]: 没有权限");
  }
}

TEST(ErrorResult, HoldsAValueOrAnError) {
  const Result<int> good = 42;
  ASSERT_TRUE(good);
  EXPECT_TRUE(good.has_value());
  EXPECT_FALSE(good.has_error());
  EXPECT_EQ(good.value(), 42);
  EXPECT_EQ(*good, 42);

  const Error e = Error::make(ErrorKind::schema, "missing key", "result.room_id");
  const Result<int> bad = e;
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.has_error());
  EXPECT_EQ(bad.error(), e);
}

TEST(ErrorResult, ValueOnAnErrorThrowsTheExceptionWithThatError) {
  const Error e = Error::make(ErrorKind::http_status, "Service Unavailable", "", 503);
  const Result<std::string> bad = e;
  try {
    (void)bad.value();
    FAIL() << "value() must throw on an error";
  } catch (const chatbind::Exception& ex) {
    EXPECT_EQ(ex.error(), e);
    EXPECT_STREQ(ex.what(), "http_status error (HTTP 503): Service Unavailable");
  }
}

TEST(ErrorSuccess, WrapsAJsonValueAsTheValueNeverAsAnError) {
  auto null_json = chatbind::success(Json{});
  static_assert(std::is_same_v<decltype(null_json), Result<Json>>);
  ASSERT_TRUE(null_json) << "a JSON null is a value";
  EXPECT_TRUE(null_json->is_null());

  auto object = chatbind::success(Json{{"a", 1}});
  ASSERT_TRUE(object);
  EXPECT_EQ(object.value(), (Json{{"a", 1}}));
}

TEST(ErrorSuccess, DecaysAndCopiesAnLvalue) {
  const std::string text = "kept";
  auto r = chatbind::success(text);
  static_assert(std::is_same_v<decltype(r), Result<std::string>>);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "kept");
  EXPECT_EQ(text, "kept");
}

}  // namespace
