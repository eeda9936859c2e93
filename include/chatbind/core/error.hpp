// chatbind — typed errors and the Result type every call returns.
#pragma once

#include <boost/system/result.hpp>

#include <cstdint>
#include <new>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind {

/// What went wrong, coarsely: enough to decide whether to retry, fix the input or report a bug.
enum class ErrorKind {
  transport,        ///< the transport could not complete the exchange (DNS, connect, TLS, timeout, reset)
  http_status,      ///< the server answered with a non-success HTTP status
  syntax,           ///< the body is not well-formed JSON (or protobuf)
  schema,           ///< the body is well-formed but does not match the documented shape
  platform,         ///< the platform answered with its own failure envelope (code/msg)
  invalid_request,  ///< the request cannot be encoded (e.g. a value the wire format cannot carry)
  limit,            ///< the body exceeds a DecodeLimits bound (size, nesting, decoded memory) or memory ran out
};

constexpr std::string_view to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::transport: return "transport";
    case ErrorKind::http_status: return "http_status";
    case ErrorKind::syntax: return "syntax";
    case ErrorKind::schema: return "schema";
    case ErrorKind::platform: return "platform";
    case ErrorKind::invalid_request: return "invalid_request";
    case ErrorKind::limit: return "limit";
  }
  return "unknown";
}

/// A typed error. It never carries a credential: messages are built from field paths, types and
/// the platform's own message, never from request headers.
struct Error {
  ErrorKind kind = ErrorKind::schema;
  std::string message{};                       ///< human-readable description
  std::string path{};                          ///< field path in the body, e.g. "result.room.room_id" or "channels[0].channel_id"
  int http_status = 0;                         ///< HTTP status of the response, 0 when there was none
  std::optional<std::int64_t> platform_code{}; ///< the platform's error code, when it sent one
  std::string platform_message{};              ///< the platform's error message (`msg`), when it sent one
  /// The headers of a non-2xx response the error came from (Retry-After, X-RateLimit-*): what a
  /// caller needs to decide when to try again. Empty for any other error.
  std::vector<std::pair<std::string, std::string>> response_headers{};

  /// Builds an error without designated initializers (which -Wextra flags for the members left out).
  [[nodiscard]] static Error make(ErrorKind kind, std::string message, std::string path = {}, int http_status = 0) {
    Error e;
    e.kind = kind;
    e.message = std::move(message);
    e.path = std::move(path);
    e.http_status = http_status;
    return e;
  }

  /// One line: "schema error at result.room.room_id: expected string, got number".
  [[nodiscard]] std::string describe() const {
    std::string out{to_string(kind)};
    out += " error";
    if (!path.empty()) {
      out += " at ";
      out += path;
    }
    if (http_status != 0) {
      out += " (HTTP ";
      out += std::to_string(http_status);
      out += ')';
    }
    if (platform_code) {
      out += " [code ";
      out += std::to_string(*platform_code);
      out += ']';
    }
    out += ": ";
    out += message;
    return out;
  }

  friend bool operator==(const Error&, const Error&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Error& e) { return os << e.describe(); }
};

/// Thrown only by `Result::value()` on an error, for callers who prefer exceptions.
class Exception : public std::runtime_error {
 public:
  explicit Exception(Error error) : std::runtime_error(error.describe()), error_(std::move(error)) {}
  [[nodiscard]] const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

[[noreturn]] inline void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw Exception(e);
}

/// Every fallible operation returns a Result: a value or a typed Error (Boost.System's result).
template <class T>
using Result = boost::system::result<T, Error>;

namespace detail {

/// Runs a decode, turning an allocation failure into a typed `limit` error at `path`: no exception
/// leaves a decoder.
template <class F>
auto guard_allocation(F&& decode, std::string_view path = {}) -> decltype(decode()) {
  try {
    return decode();
  } catch (const std::bad_alloc&) {
    return Error::make(ErrorKind::limit, "out of memory while decoding", std::string{path});
  } catch (const std::length_error&) {
    return Error::make(ErrorKind::limit, "out of memory while decoding", std::string{path});
  }
}

}  // namespace detail

/// A successful Result holding `value`. Needed for types (like Json) that convert to anything, so
/// that the result's converting constructor cannot tell value from error.
template <class T>
[[nodiscard]] Result<std::decay_t<T>> success(T&& value) {
  return Result<std::decay_t<T>>{boost::system::in_place_value, std::forward<T>(value)};
}

}  // namespace chatbind
