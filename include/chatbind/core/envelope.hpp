// chatbind — what every platform's policy does with a response envelope: the HTTP status check, the
// envelope read in one pass (its code, status and message beside the payload, which is decoded
// straight into the endpoint's response type), and the typed platform error. The policies
// (include/chatbind/<platform>/platform.hpp) say only what differs between platforms.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/limits.hpp"

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace chatbind {

/// At most this many bytes of a server's own text (an envelope's `msg`) reach an error.
inline constexpr std::size_t max_server_text_bytes = 1024;

/// The first `max_server_text_bytes` of a server's text, cut at a UTF-8 boundary, with "…" when cut.
[[nodiscard]] inline std::string server_text_excerpt(std::string text) {
  if (text.size() <= max_server_text_bytes) return text;
  std::size_t cut = max_server_text_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text += "…";
  return text;
}

/// A non-2xx HTTP status as an http_status error.
[[nodiscard]] inline Result<void> check_http_status(const HttpResponse& response) {
  if (response.status >= 200 && response.status <= 299) return {};
  return Error::make(ErrorKind::http_status, "HTTP status " + std::to_string(response.status), {}, response.status);
}

/// A failure the platform reported in its own envelope: kind `platform`, the server's code (when it
/// sends one) and message (a bounded excerpt). describe() shows the code beside the message;
/// `detail` (e.g. the code's name) is appended to the message in parentheses.
[[nodiscard]] inline Error platform_error(std::optional<std::int64_t> code, std::string msg, int http_status,
                                         std::string_view detail = {}) {
  msg = server_text_excerpt(std::move(msg));
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

/// One top-level scalar of an envelope (`code`, `status`, `msg`), as it was read.
struct EnvelopeField {
  enum class Kind { absent, null, boolean, integer, number, string, container };
  Kind kind = Kind::absent;
  std::string text{};  ///< a string's value, or a number's characters

  /// The string value, or "" for any other kind.
  [[nodiscard]] std::string string() const { return kind == Kind::string ? text : std::string{}; }
  /// The value as a signed 64-bit integer, when it is one.
  [[nodiscard]] std::optional<std::int64_t> int64() const noexcept {
    std::int64_t v = 0;
    if (kind != Kind::integer) return std::nullopt;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
    return v;
  }
};

/// A JSON envelope read in one pass: the fields a policy asked for, and the payload at its key
/// decoded as Payload. A payload that does not decode keeps its error for later, because a failure
/// envelope's payload need not match the success shape.
template <class Payload, std::size_t N>
struct JsonEnvelope {
  std::array<EnvelopeField, N> fields{};
  bool has_payload = false;
  Payload payload{};
  std::optional<Error> payload_error{};
  std::string payload_key{};
  DecodeLimits limits{};

  /// The payload of a successful envelope (an absent payload decodes as JSON null would), or the
  /// error that decoding it met; `http_status` is recorded in the error.
  [[nodiscard]] Result<Payload> take_payload(int http_status) && {
    if (payload_error) {
      payload_error->http_status = http_status;
      return std::move(*payload_error);
    }
    if (has_payload) return std::move(payload);
    auto absent = json::parse_as<Payload>("null", payload_key, limits);
    if (!absent) {
      Error e = absent.error();
      e.http_status = http_status;
      return e;
    }
    return absent;
  }
};

/// Reads the envelope object of `body`: the fields named by `keys`, and the payload at
/// `payload_key`. Malformed JSON is a syntax error, a repeated field or payload key too (the first
/// and the last could disagree on success); a body that is not an object is a schema error.
template <class Payload, std::size_t N>
[[nodiscard]] Result<JsonEnvelope<Payload, N>> read_envelope(std::string_view body, std::string_view payload_key,
                                                             const std::array<std::string_view, N>& keys,
                                                             const DecodeLimits& limits = {}) {
  return json::detail::guard_allocation([&]() -> Result<JsonEnvelope<Payload, N>> {
    JsonEnvelope<Payload, N> env;
    env.payload_key = std::string{payload_key};
    env.limits = limits;
    json::Decoder d{body, limits};
    if (!d.start()) return d.take_error();
    if (d.peek() != '{') {
      if (!d.skip_document()) return d.take_error();
      return Error::make(ErrorKind::schema, "expected the envelope object");
    }
    const bool ok = d.object([&](std::string_view key) {
      if (key == payload_key) {
        auto guard = d.key(payload_key);
        if (env.has_payload || env.payload_error) return d.duplicate_key(payload_key);
        const json::Decoder::Mark start = d.mark();
        if (json::read(d, env.payload)) {
          env.has_payload = true;
          return true;
        }
        Error e = d.take_local_error();
        if (e.kind != ErrorKind::schema) return d.restore_error(std::move(e));
        env.payload_error = std::move(e);
        env.payload = Payload{};
        d.rewind(start);
        return d.skip();
      }
      for (std::size_t i = 0; i < N; ++i) {
        if (key != keys[i]) continue;
        EnvelopeField& field = env.fields[i];
        auto guard = d.key(keys[i]);
        if (field.kind != EnvelopeField::Kind::absent) return d.duplicate_key(keys[i]);
        switch (d.peek()) {
          case '"': field.kind = EnvelopeField::Kind::string; return d.string(field.text);
          case 'n': field.kind = EnvelopeField::Kind::null; return d.null();
          case 't':
          case 'f': {
            bool b = false;
            field.kind = EnvelopeField::Kind::boolean;
            return d.boolean(b);
          }
          case '{':
          case '[': field.kind = EnvelopeField::Kind::container; return d.skip();
          default: {
            json::NumberToken token;
            if (!d.number(token)) return false;
            field.kind = token.integral ? EnvelopeField::Kind::integer : EnvelopeField::Kind::number;
            field.text = std::string{token.text.substr(0, 64)};
            return true;
          }
        }
      }
      return d.skip();
    });
    if (!ok || !d.finish()) return d.take_error();
    return env;
  });
}

/// The integer status code of a JSON envelope (`{"code":…}`): a signed 64-bit integer, or a schema
/// error naming the key — a number out of range is an error, never a wrapped value.
[[nodiscard]] inline Result<std::int64_t> envelope_code(const EnvelopeField& code, std::string_view key, int http_status) {
  if (auto v = code.int64()) return *v;
  return Error::make(ErrorKind::schema, "expected \"" + std::string{key} + "\" to be a 64-bit integer", std::string{key},
                     http_status);
}

/// An error met before the envelope could be read, with the response's HTTP status recorded.
[[nodiscard]] inline Error with_http_status(Error e, int http_status) {
  e.http_status = http_status;
  return e;
}

/// The `{"code":…,"msg":…,"<payload_key>":…}` envelope (both Yunhu APIs): `success` is the code of
/// success, any other code a platform error carrying code and msg whatever the HTTP status (which the
/// error keeps), `code_name(code)` its detail; a body that is no envelope is an HTTP status error
/// when the status is not 2xx, else the envelope's own error.
template <class Payload, class CodeName>
[[nodiscard]] Result<Payload> unwrap_code_envelope(const HttpResponse& response, std::string_view payload_key,
                                                   std::int64_t success, const DecodeLimits& limits,
                                                   CodeName&& code_name) {
  auto env = read_envelope<Payload>(response.body, payload_key, std::array<std::string_view, 2>{"code", "msg"}, limits);
  if (!env) {
    if (auto ok = check_http_status(response); !ok) return ok.error();
    return with_http_status(env.error(), response.status);
  }
  auto code = envelope_code(env->fields[0], "code", response.status);
  if (!code) return code.error();
  if (*code != success) return platform_error(*code, env->fields[1].string(), response.status, code_name(*code));
  if (auto ok = check_http_status(response); !ok) return ok.error();
  return std::move(*env).take_payload(response.status);
}

}  // namespace chatbind
