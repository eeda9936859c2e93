// chatbind — retrying a call: which failures are worth another attempt (HTTP 429, 5xx, a transport
// failure), how long to wait (capped exponential backoff with jitter, or what the server asked for:
// Retry-After, X-RateLimit-Reset-After), and which calls may be sent twice at all. A call that
// creates something (a message) is retried only when its request carries a de-duplication key that
// chatbind fixes before the first attempt and reuses (x-chatbind-fill: Yunhu's msg_id); otherwise a
// lost answer could mean a message sent twice, and the failure goes to the caller.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>

namespace chatbind {

/// How a client retries. The default-constructed policy retries (3 attempts in all); the clients
/// start with RetryPolicy::none() and retry only when asked to.
struct RetryPolicy {
  std::size_t max_attempts = 3;                      ///< attempts in all; 1 never retries
  std::chrono::milliseconds initial_backoff{200};    ///< the wait after the first failure...
  std::chrono::milliseconds max_backoff{10'000};     ///< ...doubling up to this
  std::chrono::milliseconds max_total_wait{30'000};  ///< the budget of waiting per call
  /// "Full jitter": each wait is uniform in [0, backoff], so that many clients do not retry in step.
  /// A wait the server asks for is honoured as it is (within the budget).
  bool jitter = true;

  [[nodiscard]] static RetryPolicy none() noexcept {
    RetryPolicy p;
    p.max_attempts = 1;
    return p;
  }
};

/// True for the failures another attempt may cure: a transport failure, HTTP 429 and 5xx.
[[nodiscard]] inline bool is_retryable(const Error& e) noexcept {
  return e.kind == ErrorKind::transport ||
         (e.kind == ErrorKind::http_status && (e.http_status == 429 || e.http_status >= 500));
}

namespace detail {
template <class E>
concept HasDedupKey = requires { E::dedup_key; };
}  // namespace detail

/// Whether endpoint E may be sent more than once: an idempotent method, or a request whose
/// de-duplication key (E::dedup_key, from x-chatbind-fill) is fixed before the first attempt.
template <class E>
inline constexpr bool retry_safe = E::method == Method::get || E::method == Method::put ||
                                   E::method == Method::delete_ || detail::HasDedupKey<E>;

/// The wait a failed response asked for: X-RateLimit-Reset-After, else Retry-After (its seconds
/// form), in seconds; clamped to [0, longest] — a header is untrusted input, and `inf` or `1e300`
/// must neither overflow the clock arithmetic nor disable the back-off. Nothing for NaN, a
/// negative or a malformed value, or no such header.
[[nodiscard]] inline std::optional<std::chrono::milliseconds> server_wait(const Error& e,
                                                                         std::chrono::milliseconds longest) {
  for (std::string_view name : {std::string_view{"X-RateLimit-Reset-After"}, std::string_view{"Retry-After"}}) {
    for (const auto& [key, value] : e.response_headers) {
      if (!iequals(key, name)) continue;
      const std::optional<double> seconds = header_number<double>(value);
      if (!seconds || !(*seconds >= 0)) continue;  // NaN fails too
      const double ms = std::min(*seconds * 1000.0, static_cast<double>(longest.count()));
      return std::chrono::milliseconds{static_cast<std::int64_t>(std::ceil(ms))};
    }
  }
  return std::nullopt;
}

namespace detail {

/// A cheap, thread-local generator for jitter (not for secrets): splitmix64 seeded from the clock.
inline double unit_random() noexcept {
  thread_local std::uint64_t state = static_cast<std::uint64_t>(
      std::chrono::steady_clock::now().time_since_epoch().count() ^ reinterpret_cast<std::uintptr_t>(&state));
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

}  // namespace detail

/// The wait before attempt `attempt + 1` (attempt counts from 1) after `failure`: the server's wait
/// when it gave one, else the capped exponential backoff (jittered when the policy says so).
[[nodiscard]] inline std::chrono::milliseconds retry_delay(const RetryPolicy& policy, std::size_t attempt,
                                                           const Error& failure) {
  if (auto asked = server_wait(failure, policy.max_total_wait)) return *asked;
  double backoff = static_cast<double>(policy.initial_backoff.count());
  for (std::size_t i = 1; i < attempt && backoff < static_cast<double>(policy.max_backoff.count()); ++i) backoff *= 2;
  backoff = std::min(backoff, static_cast<double>(policy.max_backoff.count()));
  if (policy.jitter) backoff *= detail::unit_random();
  return std::chrono::milliseconds{static_cast<std::int64_t>(backoff)};
}

}  // namespace chatbind
