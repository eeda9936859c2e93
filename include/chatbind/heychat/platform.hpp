// chatbind — Heychat (黑盒语音) policy: how a call is authorised and how its envelope is unwrapped.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/query.hpp"
#include "chatbind/heychat/generated/types.hpp"

#include <array>
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

}  // namespace chatbind::heychat
