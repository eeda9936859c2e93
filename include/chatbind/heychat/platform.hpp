// chatbind — Heychat (黑盒语音) policy: how a call is authorised and how its envelope is unwrapped.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/query.hpp"
#include "chatbind/heychat/generated/types.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace chatbind::heychat {

inline constexpr std::string_view default_base_url = "https://chat.xiaoheihe.cn";

/// What a bot holds to call the API.
struct Credentials {
  std::string token{};                                ///< the bot token (sent as the `token` header; never logged)
  CommonQuery common{};                               ///< the common query parameters; defaults are the platform's
  std::string base_url{default_base_url};             ///< override to point at a fake or a proxy
  /// Overrides the host of endpoints that live elsewhere (media upload, chat-upload.xiaoheihe.cn);
  /// empty: each endpoint's own host.
  std::string upload_base_url{};
};

struct Platform {
  using credentials = Credentials;
  static constexpr std::string_view result_key = "result";

  template <class Endpoint>
  static std::string base_url(const Credentials& c, const Endpoint&) {
    if constexpr (requires { Endpoint::base_url; }) {  // an endpoint on its own host (media upload)
      return c.upload_base_url.empty() ? std::string{Endpoint::base_url} : c.upload_base_url;
    } else {
      return c.base_url;
    }
  }

  static Result<void> authorize(HttpRequest& request, const Credentials& c) {
    request.headers.push_back({"token", c.token, /*sensitive=*/true});
    query::append(c.common, request.query);
    return {};
  }

  /// The envelope is `{"status":"ok"|"failed","msg":…,"result":…}`, HTTP 200 either way; `result`
  /// is decoded as Payload in the same pass.
  template <class Payload>
  static Result<Payload> unwrap(const HttpResponse& response, const DecodeLimits& limits = {}) {
    auto env = read_envelope<Payload>(response.body, result_key, std::array<std::string_view, 2>{"status", "msg"}, limits);
    if (auto ok = check_http_status(response); !ok) {
      // A non-2xx answer may still carry the envelope's msg: keep it for the caller.
      Error e = ok.error();
      if (env) e.platform_message = server_text_excerpt(env->fields[1].string());
      return e;
    }
    if (!env) return with_http_status(env.error(), response.status);
    const EnvelopeField& status = env->fields[0];
    if (status.kind != EnvelopeField::Kind::string)
      return Error::make(ErrorKind::schema, R"(expected "status" to be "ok" or "failed")", "status", response.status);
    if (status.text == "ok") return std::move(*env).take_payload(response.status);
    if (status.text == "failed") return platform_error(std::nullopt, env->fields[1].string(), response.status);
    return Error::make(ErrorKind::schema, "unknown envelope status \"" + server_text_excerpt(status.text) + "\"", "status",
                       response.status);
  }
};
static_assert(PlatformPolicy<Platform>);

inline constexpr std::string_view default_oauth_resource_url = "https://api.xiaoheihe.cn";

/// What an app holds for user authorization (OAuth, the `oauth` group): a user's access token for the
/// resource calls. The token exchange itself carries the app's client id and secret in its form body
/// (heychat::exchange_code / refresh_token fill it), not here.
struct OAuthCredentials {
  std::string access_token{};                        ///< sent as `Authorization: Bearer …`; never logged
  std::string base_url{default_base_url};            ///< the authorization page and the token exchange
  std::string resource_base_url{};                   ///< overrides api.xiaoheihe.cn (account info, durations)
};

/// The policy of the `oauth` group: Bearer on the resource host, nothing on the token exchange
/// (anonymous: its form carries the client secret). The token answer is bare (RFC 6749 style) and the
/// resource answers use Heychat's envelope; unwrap reads either, and an RFC 6749 `{"error":…}` too.
struct OAuthPlatform {
  using credentials = OAuthCredentials;
  static constexpr std::string_view result_key = Platform::result_key;
  /// The longest window getChatDurations accepts (时间跨度不能超过30天).
  static constexpr std::int64_t max_duration_window_seconds = 30 * 86400;

  template <class Endpoint>
  static std::string base_url(const OAuthCredentials& c, const Endpoint&) {
    if constexpr (requires { Endpoint::base_url; })
      return c.resource_base_url.empty() ? std::string{Endpoint::base_url} : c.resource_base_url;
    else
      return c.base_url;
  }

  static Result<void> authorize(HttpRequest& request, const OAuthCredentials& c) {
    // Without a token, account info asks an online user to authorize (its query names the app).
    if (!c.access_token.empty()) request.headers.push_back({"Authorization", "Bearer " + c.access_token, /*sensitive=*/true});
    return {};
  }

  /// The duration report's window: begin_time ≤ end_time, at most 30 days, as the server requires.
  template <class Endpoint, class Request>
  static Result<void> check(const Request& r) {
    if constexpr (requires { r.begin_time + r.end_time; }) {
      if (r.begin_time < 0 || r.end_time < 0)
        return Error::make(ErrorKind::invalid_request, "a time is Unix seconds, not negative",
                           r.begin_time < 0 ? "begin_time" : "end_time");
      if (r.end_time < r.begin_time)
        return Error::make(ErrorKind::invalid_request, "end_time is before begin_time", "end_time");
      if (r.end_time - r.begin_time > max_duration_window_seconds)
        return Error::make(ErrorKind::invalid_request, "the window is longer than 30 days", "end_time");
    }
    return {};
  }

  template <class Payload>
  static Result<Payload> unwrap(const HttpResponse& response, const DecodeLimits& limits = {}) {
    auto env = read_envelope<Payload>(response.body, result_key,
                                      std::array<std::string_view, 3>{"status", "error", "error_description"}, limits);
    if (env && env->fields[0].kind != EnvelopeField::Kind::absent) return Platform::unwrap<Payload>(response, limits);
    if (env && env->fields[1].kind == EnvelopeField::Kind::string) {  // RFC 6749: {"error":…,"error_description":…}
      const std::string description = env->fields[2].string();
      return platform_error(std::nullopt, description.empty() ? env->fields[1].string() : description, response.status,
                            server_text_excerpt(env->fields[1].string()));
    }
    if (auto ok = check_http_status(response); !ok) return ok.error();
    if (!env) return with_http_status(env.error(), response.status);
    auto bare = json::parse_as<Payload>(response.body, {}, limits);  // the token itself, not inside an envelope
    if (!bare) return with_http_status(bare.error(), response.status);
    return bare;
  }
};
static_assert(PlatformPolicy<OAuthPlatform>);

}  // namespace chatbind::heychat
