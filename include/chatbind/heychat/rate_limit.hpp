// chatbind — Heychat rate limits (请求速率限制): the X-RateLimit-* response headers as a typed value,
// a client-side limiter (300 requests a minute per bucket by default, injectable clock), and
// RateLimited<T>, a transport decorator that applies both to any Transport:
//
//   heychat::Client client{heychat::RateLimited{my_transport}, credentials};
//   auto sent = client.send_channel_message(msg);
//   if (auto limit = client.transport().last_rate_limit()) log(limit->remaining);
#pragma once

#include "chatbind/core/http.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace chatbind::heychat {

/// What the platform says about the caller's budget. A header that is absent or malformed is empty.
struct RateLimit {
  std::optional<std::int64_t> limit{};      ///< X-RateLimit-Limit: requests allowed per window
  std::optional<std::int64_t> remaining{};  ///< X-RateLimit-Remaining: requests left in this window
  std::optional<double> reset{};            ///< X-RateLimit-Reset: when the window resets, Unix seconds
  std::optional<double> reset_after{};      ///< X-RateLimit-Reset-After: seconds until it resets
  std::optional<std::string> bucket{};      ///< X-RateLimit-Bucket: which limit applied
  std::optional<double> retry_after{};      ///< Retry-After (delay-seconds form): seconds to wait before retrying

  friend bool operator==(const RateLimit&, const RateLimit&) = default;
};

namespace detail {
template <class T>
std::optional<T> header_number(const HttpResponse& r, std::string_view name) {
  return chatbind::header_number<T>(r.header(name));
}
}  // namespace detail

/// The rate-limit headers of a response; nullopt when it carries none of them.
[[nodiscard]] inline std::optional<RateLimit> parse_rate_limit(const HttpResponse& response) {
  RateLimit rl;
  rl.limit = detail::header_number<std::int64_t>(response, "X-RateLimit-Limit");
  rl.remaining = detail::header_number<std::int64_t>(response, "X-RateLimit-Remaining");
  rl.reset = detail::header_number<double>(response, "X-RateLimit-Reset");
  rl.reset_after = detail::header_number<double>(response, "X-RateLimit-Reset-After");
  if (auto b = response.header("X-RateLimit-Bucket"); !b.empty()) rl.bucket = std::string{b};
  rl.retry_after = detail::header_number<double>(response, "Retry-After");  // an HTTP-date form is ignored
  if (rl == RateLimit{}) return std::nullopt;
  return rl;
}

/// How many requests a bucket may send per window (the docs: 300 a minute).
struct RateLimitPolicy {
  std::size_t requests = 300;  ///< 0: no client-side window (the server's headers still apply)
  std::chrono::nanoseconds window = std::chrono::minutes{1};
  /// The longest wait a server's header may impose: larger, infinite values are clamped to it (a
  /// header is untrusted input), NaN and negative values are ignored.
  std::chrono::nanoseconds max_server_wait = std::chrono::hours{1};
};

/// A sliding-window limiter: at most `requests` per `window` in each bucket, plus whatever the
/// server announces (Remaining 0 or HTTP 429 block the bucket for Reset-After). Not thread-safe.
class RateLimiter {
 public:
  using clock = std::chrono::steady_clock;
  using duration = std::chrono::nanoseconds;

  using Policy = RateLimitPolicy;

  explicit RateLimiter(Policy policy = {}, std::function<clock::time_point()> now = &clock::now)
      : policy_(policy), now_(std::move(now)) {}

  /// Zero when a request may go now (and then counts it); otherwise how long to wait first.
  [[nodiscard]] duration acquire(const std::string& bucket) {
    const auto now = now_();
    Bucket& b = buckets_[bucket];
    if (b.blocked_until > now) return b.blocked_until - now;
    while (!b.sent.empty() && now - b.sent.front() >= policy_.window) b.sent.pop_front();
    if (policy_.requests == 0) return duration::zero();
    if (b.sent.size() >= policy_.requests) return b.sent.front() + policy_.window - now;
    b.sent.push_back(now);
    return duration::zero();
  }

  /// Takes in what a response said about `bucket`: when it is exhausted (HTTP 429, or Remaining 0),
  /// the bucket waits X-RateLimit-Reset-After, else Retry-After, at most Policy::max_server_wait.
  void update(const std::string& bucket, const RateLimit& rl, int http_status) {
    const bool exhausted = http_status == 429 || (rl.remaining && *rl.remaining <= 0);
    const std::optional<double> wait = rl.reset_after ? rl.reset_after : rl.retry_after;
    if (exhausted && wait && *wait > 0) {  // false for NaN too
      const double longest = std::chrono::duration<double>(policy_.max_server_wait).count();
      const double seconds = *wait < longest ? *wait : longest;  // inf and 1e300 become the maximum
      buckets_[bucket].blocked_until =
          now_() + std::chrono::duration_cast<duration>(std::chrono::duration<double>(seconds));
    }
  }

 private:
  struct Bucket {
    std::deque<clock::time_point> sent;
    clock::time_point blocked_until{};
  };
  Policy policy_;
  std::function<clock::time_point()> now_;
  std::map<std::string, Bucket> buckets_;
};

/// A Transport that waits for the limiter before each request (bucket: the request path) and keeps
/// the last rate-limit headers seen. `sleep` is injectable for tests.
template <Transport T>
class RateLimited {
 public:
  explicit RateLimited(T inner, RateLimiter limiter = RateLimiter{},
                       std::function<void(RateLimiter::duration)> sleep = [](RateLimiter::duration d) {
                         std::this_thread::sleep_for(d);
                       })
      : inner_(std::move(inner)), limiter_(std::move(limiter)), sleep_(std::move(sleep)) {}

  Result<HttpResponse> operator()(const HttpRequest& request) {
    for (auto wait = limiter_.acquire(request.path); wait > RateLimiter::duration::zero();
         wait = limiter_.acquire(request.path)) {
      sleep_(wait);
    }
    Result<HttpResponse> response = inner_(request);
    if (response) {
      last_ = parse_rate_limit(*response);
      if (last_) limiter_.update(request.path, *last_, response->status);
    }
    return response;
  }

  /// The rate-limit headers of the last response that carried any; nullopt before.
  [[nodiscard]] const std::optional<RateLimit>& last_rate_limit() const noexcept { return last_; }
  [[nodiscard]] T& inner() noexcept { return inner_; }

 private:
  T inner_;
  RateLimiter limiter_;
  std::function<void(RateLimiter::duration)> sleep_;
  std::optional<RateLimit> last_{};
};

}  // namespace chatbind::heychat
