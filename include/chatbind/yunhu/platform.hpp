// chatbind — Yunhu (云湖) client API policy: the `token` header, protobuf bodies whose response
// starts with a Status (code 1 = success), and the {code,msg,data} JSON envelope — which the
// server also sends on a protobuf route when the token is missing or invalid.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/protobuf.hpp"
#include "chatbind/core/signing.hpp"
#include "chatbind/yunhu/generated/types.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace chatbind::yunhu {

inline constexpr std::string_view default_base_url = "https://chat-go.jwzhd.com";

/// The `code` of a successful call, in Status and in the JSON envelope alike.
inline constexpr std::int64_t success_code = 1;

/// What a client holds to call the API.
struct Credentials {
  std::string token{};                     ///< the user's login token (sent as the `token` header; never logged)
  std::string base_url{default_base_url};  ///< override to point at a fake or a proxy
};

/// A fresh message id for send-message: a random UUID as 32 hex digits. encode_request fills one in
/// when the caller leaves `msg_id` empty (x-chatbind-fill in the spec); call this instead when you
/// need to know the id.
[[nodiscard]] inline Result<std::string> new_message_id() { return signing::random_uuid_hex(); }

namespace detail {

/// A JSON body where protobuf was expected: the server's answer to a missing or invalid token,
/// e.g. `{"code":-101,"msg":"未登录"}` (not logged in). Protobuf responses start with field 1
/// (byte 0x0A), never with '{'.
inline bool is_json_body(const HttpResponse& response) {
  if (response.header("Content-Type").find("json") != std::string_view::npos) return true;
  const auto first = response.body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && response.body[first] == '{' && json::is_valid(response.body);
}

}  // namespace detail

struct Platform {
  using credentials = Credentials;
  static constexpr std::string_view result_key = "data";

  static Result<void> authorize(HttpRequest& request, const Credentials& c) {
    request.headers.push_back({"token", c.token, /*sensitive=*/true});
    return {};
  }

  /// The JSON envelope `{"code":1,"msg":"success","data":…}`: code 1 is success, anything else a
  /// platform error carrying code and msg (whatever the HTTP status, which the error keeps).
  template <class Payload>
  static Result<Payload> unwrap(const HttpResponse& response, const DecodeLimits& limits = {}) {
    return unwrap_code_envelope<Payload>(response, result_key, success_code, limits,
                                         [](std::int64_t) { return std::string_view{}; });
  }

  /// A protobuf response: HTTP status, then the message, then its Status (code 1 = success).
  template <class Message>
  static Result<Message> unwrap_protobuf(const HttpResponse& response, const DecodeLimits& limits = {}) {
    if (detail::is_json_body(response)) {
      auto envelope = unwrap<Empty>(response, limits);
      if (!envelope) return envelope.error();
      return Error::make(ErrorKind::schema, "expected a protobuf body, got a successful JSON envelope", {}, response.status);
    }
    if (auto ok = check_http_status(response); !ok) {
      // A non-2xx answer may still carry the message's Status: keep its code and msg for the caller.
      Error e = ok.error();
      if constexpr (requires(Message m) { m.status; }) {
        if (auto body = protobuf::decode<Message>(response.body, {}, limits); body && body->status) {
          e.platform_code = body->status->code;
          e.platform_message = server_text_excerpt(body->status->msg);
        }
      }
      return e;
    }
    auto decoded = protobuf::decode<Message>(response.body, {}, limits);
    if (!decoded) {
      Error e = decoded.error();
      e.http_status = response.status;
      return e;
    }
    if constexpr (requires { decoded->status; }) {
      if (!decoded->status) return Error::make(ErrorKind::schema, "missing the response status", "status", response.status);
      if (decoded->status->code != success_code)
        return platform_error(decoded->status->code, decoded->status->msg, response.status);
    }
    return decoded;
  }
};
static_assert(PlatformPolicy<Platform>);

}  // namespace chatbind::yunhu
