// chatbind — Yunhu (云湖) bot open API policy: the bot token in the query (`?token=`, redacted
// whenever a request is printed), JSON bodies, and the {code,msg,data} envelope with code 1 for
// success. The web lookups (bot-info, group-info, homepage) live on another host and take no token.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/envelope.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/yunhu_bot/generated/types.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace chatbind::yunhu_bot {

/// The open API's host; its paths start with /open-apis/v1.
inline constexpr std::string_view default_base_url = "https://chat-go.jwzhd.com";

/// What a bot holds to call the API.
struct Credentials {
  std::string token{};                     ///< the bot token (机器人Token), sent as `?token=`; never printed or logged
  std::string base_url{default_base_url};  ///< override to point at a fake or a proxy
  /// Overrides the host of the web lookups (chat-web-go.jwzhd.com: bot-info, group-info, homepage);
  /// empty: each endpoint's own host.
  std::string web_base_url{};
};

struct Platform {
  using credentials = Credentials;
  static constexpr std::string_view result_key = "data";

  template <class Endpoint>
  static std::string base_url(const Credentials& c, const Endpoint&) {
    if constexpr (requires { Endpoint::base_url; }) {  // a web lookup on its own host
      return c.web_base_url.empty() ? std::string{Endpoint::base_url} : c.web_base_url;
    } else {
      return c.base_url;
    }
  }

  /// The token travels in the query string of every open-API call (not of the web lookups, which the
  /// spec marks `security: []`); the request lists it in secret_query, so printing it redacts it.
  static Result<void> authorize(HttpRequest& request, const Credentials& c) {
    request.query.emplace_back("token", c.token);
    request.secret_query.emplace_back("token");
    return {};
  }

  /// `{"code":1,"msg":"success","data":…}`: code 1 is success; any other code (1002 invalid
  /// parameter, 1003 unauthorized, 1007 rate limited, -1 a domain error with its reason in msg, …)
  /// is a platform error carrying code, msg and the code's name.
  template <class Payload>
  static Result<Payload> unwrap(const HttpResponse& response, const DecodeLimits& limits = {}) {
    return unwrap_code_envelope<Payload>(response, result_key, static_cast<std::int64_t>(ResultCode::success), limits,
                                         [](std::int64_t code) { return enum_name(static_cast<ResultCode>(code)); });
  }
};
static_assert(PlatformPolicy<Platform>);

/// The named code of a platform error (an open enum: unknown codes are kept).
inline ResultCode error_code(const Error& e) { return static_cast<ResultCode>(e.platform_code.value_or(0)); }

}  // namespace chatbind::yunhu_bot
