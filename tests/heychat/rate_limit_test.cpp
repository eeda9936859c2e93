// Rate limits: the X-RateLimit-* headers, the client-side limiter on a fake clock, and the
// RateLimited transport decorator under the convenience client.
#include "chatbind/heychat.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <string_view>
#include <string>
#include <vector>

namespace {

namespace hc = chatbind::heychat;
using chatbind::HttpRequest;
using chatbind::HttpResponse;
using namespace std::chrono_literals;

struct FakeClock {
  hc::RateLimiter::clock::time_point now{};
  auto fn() {
    return [this] { return now; };
  }
};

TEST(HeychatRateLimit, HeadersParse) {
  const HttpResponse r{.status = 200,
                       .headers = {{"x-ratelimit-limit", "300"}, {"X-RateLimit-Remaining", "299"},
                                   {"X-RateLimit-Reset", "1735660800.5"}, {"X-RateLimit-Reset-After", "59.25"},
                                   {"X-RateLimit-Bucket", "channel_msg"}},
                       .body = ""};
  auto rl = hc::parse_rate_limit(r);
  ASSERT_TRUE(rl);
  EXPECT_EQ(rl->limit, 300);
  EXPECT_EQ(rl->remaining, 299);
  EXPECT_DOUBLE_EQ(*rl->reset, 1735660800.5);
  EXPECT_DOUBLE_EQ(*rl->reset_after, 59.25);
  EXPECT_EQ(rl->bucket, "channel_msg");
}

TEST(HeychatRateLimit, AbsentOrMalformedHeaders) {
  EXPECT_FALSE(hc::parse_rate_limit(HttpResponse{}));
  auto rl = hc::parse_rate_limit(HttpResponse{.status = 200, .headers = {{"X-RateLimit-Limit", "many"},
                                                                         {"X-RateLimit-Remaining", "3"}}, .body = ""});
  ASSERT_TRUE(rl);
  EXPECT_FALSE(rl->limit) << "a malformed value is left empty, not guessed";
  EXPECT_EQ(rl->remaining, 3);
}

TEST(HeychatRateLimit, LimiterAllowsThePolicyPerWindowPerBucket) {
  FakeClock clock;
  hc::RateLimiter limiter{{.requests = 3, .window = 1min}, clock.fn()};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.acquire("a"), 0ns);
  clock.now += 20s;
  EXPECT_EQ(limiter.acquire("a"), 40s) << "the oldest request leaves the window 60 s after it was sent";
  EXPECT_EQ(limiter.acquire("b"), 0ns) << "buckets are independent";
  clock.now += 40s;
  EXPECT_EQ(limiter.acquire("a"), 0ns);
}

TEST(HeychatRateLimit, DefaultIs300AMinute) {
  FakeClock clock;
  hc::RateLimiter limiter{{}, clock.fn()};
  for (int i = 0; i < 300; ++i) ASSERT_EQ(limiter.acquire("x"), 0ns) << i;
  EXPECT_EQ(limiter.acquire("x"), 60s);
}

TEST(HeychatRateLimit, ZeroRequestsMeansNoClientSideWindow) {
  FakeClock clock;
  hc::RateLimiter limiter{{.requests = 0}, clock.fn()};
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(limiter.acquire("x"), 0ns);
  limiter.update("x", {.remaining = 0, .reset_after = 0.5}, 200);
  EXPECT_EQ(limiter.acquire("x"), 500ms) << "the server's word still counts";
}

TEST(HeychatRateLimit, TheServerCanBlockABucket) {
  FakeClock clock;
  hc::RateLimiter limiter{{}, clock.fn()};
  limiter.update("a", {.remaining = 0, .reset_after = 2.5}, 200);
  EXPECT_EQ(limiter.acquire("a"), 2500ms);
  limiter.update("b", {.reset_after = 1.0}, 429);
  EXPECT_EQ(limiter.acquire("b"), 1s);
  limiter.update("c", {.remaining = 5, .reset_after = 9.0}, 200);
  EXPECT_EQ(limiter.acquire("c"), 0ns) << "budget left: no block";
  clock.now += 3s;
  EXPECT_EQ(limiter.acquire("a"), 0ns);
}

TEST(HeychatRateLimit, DecoratorWaitsAndExposesTheLastHeaders) {
  FakeClock clock;
  std::vector<std::chrono::nanoseconds> slept;
  int calls = 0;
  auto fake = [&calls](const HttpRequest&) {
    ++calls;
    return HttpResponse{.status = 200,
                        .headers = {{"X-RateLimit-Limit", "2"}, {"X-RateLimit-Remaining", std::to_string(2 - calls)},
                                    {"X-RateLimit-Reset-After", "1"}, {"X-RateLimit-Bucket", "send"}},
                        .body = R"({"msg":"","status":"ok","result":{"msg_id":"7"}})"};
  };
  hc::RateLimited limited{fake, hc::RateLimiter{{.requests = 10, .window = 1min}, clock.fn()},
                          [&](std::chrono::nanoseconds d) {
                            slept.push_back(d);
                            clock.now += d;
                          }};
  hc::Client client{std::move(limited), hc::Credentials{.token = "t"}};
  EXPECT_FALSE(client.transport().last_rate_limit());
  const auto msg = hc::text_message({.room_id = "1", .channel_id = "2"}, "hi");
  ASSERT_TRUE(client.send_channel_message(msg));
  ASSERT_TRUE(client.transport().last_rate_limit());
  EXPECT_EQ(client.transport().last_rate_limit()->remaining, 1);
  EXPECT_TRUE(slept.empty());
  ASSERT_TRUE(client.send_channel_message(msg));  // Remaining 0 now: the bucket is blocked for 1 s
  EXPECT_EQ(client.transport().last_rate_limit()->bucket, "send");
  auto third = client.send_channel_message(msg);
  ASSERT_TRUE(third) << third.error();
  EXPECT_EQ(third->msg_id, chatbind::Id{"7"});
  EXPECT_EQ(slept, (std::vector<std::chrono::nanoseconds>{1s})) << "the third call waited for the reset";
  EXPECT_EQ(calls, 3);
}

}  // namespace

namespace {

// A header is untrusted input: an absurd Reset-After must neither overflow the clock arithmetic
// (UB under UBSan before the clamp) nor disable back-off; NaN and negative values are ignored.
TEST(HeychatRateLimit, HugeOrNonFiniteWaitsAreClamped) {
  for (const char* value : {"1e300", "inf", "1e10", "-inf"}) {
    FakeClock clock;
    hc::RateLimiter limiter{{}, clock.fn()};
    const HttpResponse r{.status = 429, .headers = {{"X-RateLimit-Reset-After", value}}, .body = ""};
    limiter.update("b", hc::parse_rate_limit(r).value_or(hc::RateLimit{}), 429);
    const auto wait = limiter.acquire("b");
    if (std::string_view{value} == "-inf") {
      EXPECT_EQ(wait, hc::RateLimiter::duration::zero()) << value;
    } else {
      EXPECT_GT(wait, 0ns) << value << ": back-off still applies";
      EXPECT_LE(wait, hc::RateLimitPolicy{}.max_server_wait) << value;
    }
  }
  FakeClock clock;
  hc::RateLimiter limiter{{}, clock.fn()};
  limiter.update("b", hc::RateLimit{.reset_after = std::numeric_limits<double>::quiet_NaN()}, 429);
  EXPECT_EQ(limiter.acquire("b"), hc::RateLimiter::duration::zero()) << "NaN is ignored";
}

TEST(HeychatRateLimit, RetryAfterIsHonouredWhenResetAfterIsAbsent) {
  FakeClock clock;
  hc::RateLimiter limiter{{}, clock.fn()};
  const HttpResponse r{.status = 429, .headers = {{"Retry-After", "7"}}, .body = ""};
  auto rl = hc::parse_rate_limit(r);
  ASSERT_TRUE(rl);
  EXPECT_EQ(rl->retry_after, 7.0);
  limiter.update("b", *rl, 429);
  EXPECT_EQ(limiter.acquire("b"), 7s);
  clock.now += 7s;
  EXPECT_EQ(limiter.acquire("b"), hc::RateLimiter::duration::zero());
}

}  // namespace
