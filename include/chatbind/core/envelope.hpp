// chatbind — what every platform's policy does with a response envelope: the HTTP status check, the
// JSON body, the envelope's code, message and payload, and the typed platform error. The policies
// (include/chatbind/<platform>/platform.hpp) say only what differs between platforms.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace chatbind {

/// A non-2xx HTTP status as an http_status error.
[[nodiscard]] inline Result<void> check_http_status(const HttpResponse& response) {
  if (response.status >= 200 && response.status <= 299) return {};
  return Error::make(ErrorKind::http_status, "HTTP status " + std::to_string(response.status), {}, response.status);
}

/// The JSON body of a response, after the HTTP status check shared by every JSON platform:
/// a non-2xx status is an http_status error, a body that is not JSON a syntax error.
[[nodiscard]] inline Result<Json> parse_json_body(const HttpResponse& response) {
  if (auto ok = check_http_status(response); !ok) return ok.error();
  auto j = json::parse(response.body);
  if (!j) {
    Error e = j.error();
    e.http_status = response.status;
    return e;
  }
  return j;
}

/// A failure the platform reported in its own envelope: kind `platform`, the server's code (when it
/// sends one) and message. describe() shows the code beside the message; `detail` (e.g. the code's
/// name) is appended to the message in parentheses.
[[nodiscard]] inline Error platform_error(std::optional<std::int64_t> code, std::string msg, int http_status,
                                         std::string_view detail = {}) {
  std::string message = msg.empty() ? std::string{"the platform reported a failure"} : msg;
  if (!detail.empty()) {
    message += " (";
    message += detail;
    message += ')';
  }
  Error e = Error::make(ErrorKind::platform, std::move(message), {}, http_status);
  e.platform_code = code;
  e.platform_message = std::move(msg);
  return e;
}

/// The integer status code of a JSON envelope (`{"code":…}`): a signed 64-bit integer, or a schema
/// error naming the key — a number out of range is an error, never a wrapped value.
[[nodiscard]] inline Result<std::int64_t> envelope_code(const Json& envelope, std::string_view key, int http_status) {
  const auto code = envelope.find(key);
  if (code == envelope.end() || !code->is_number_integer() ||
      (code->is_number_unsigned() && code->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
    return Error::make(ErrorKind::schema, "expected \"" + std::string{key} + "\" to be a 64-bit integer", std::string{key},
                       http_status);
  return code->get<std::int64_t>();
}

/// The envelope's message string (`msg`), or "" when absent or not a string.
[[nodiscard]] inline std::string envelope_message(const Json& envelope, std::string_view key = "msg") {
  const auto m = envelope.find(key);
  return m != envelope.end() && m->is_string() ? m->get<std::string>() : std::string{};
}

/// The payload of a successful envelope: the value at `key`, or null when the key is absent.
[[nodiscard]] inline Result<Json> envelope_payload(const Json& envelope, std::string_view key) {
  const auto payload = envelope.find(key);
  return success(payload == envelope.end() ? Json{} : *payload);
}

}  // namespace chatbind
