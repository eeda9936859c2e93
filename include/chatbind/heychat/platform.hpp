// chatbind — Heychat (黑盒语音) policy: how a call is authorised and how its envelope is unwrapped.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/query.hpp"
#include "chatbind/heychat/types.hpp"

#include <string>
#include <string_view>

namespace chatbind::heychat {

inline constexpr std::string_view default_base_url = "https://chat.xiaoheihe.cn";

/// What a bot holds to call the API.
struct Credentials {
  std::string token{};                                ///< the bot token (sent as the `token` header; never logged)
  CommonQuery common{};                               ///< the common query parameters; defaults are the platform's
  std::string base_url{default_base_url};             ///< override to point at a fake or a proxy
};

struct Platform {
  using credentials = Credentials;
  static constexpr std::string_view result_key = "result";

  template <class Endpoint>
  static std::string base_url(const Credentials& c, const Endpoint&) {
    if constexpr (requires { Endpoint::base_url; }) {
      return std::string{Endpoint::base_url};  // an endpoint on its own host (media upload)
    } else {
      return c.base_url;
    }
  }

  static Result<void> authorize(HttpRequest& request, const Credentials& c) {
    request.headers.push_back({"token", c.token, /*sensitive=*/true});
    query::append(c.common, request.query);
    return {};
  }

  /// The envelope is `{"status":"ok"|"failed","msg":…,"result":…}`, HTTP 200 either way.
  static Result<Json> unwrap(const HttpResponse& response) {
    auto body = parse_json_body(response);
    if (!body) {
      // A non-2xx answer may still carry the envelope's msg: keep it for the caller.
      Error e = body.error();
      if (auto env = json::parse(response.body); env && env->is_object()) {
        if (auto msg = env->find("msg"); msg != env->end() && msg->is_string()) e.platform_message = *msg;
      }
      return e;
    }
    const Json& j = *body;
    if (!j.is_object()) return Error::make(ErrorKind::schema, "expected the envelope object", {}, response.status);
    const auto status = j.find("status");
    if (status == j.end() || !status->is_string())
      return Error::make(ErrorKind::schema, R"(expected "status" to be "ok" or "failed")", "status", response.status);
    std::string msg;
    if (auto m = j.find("msg"); m != j.end() && m->is_string()) msg = *m;
    if (*status == "ok") {
      const auto result = j.find(result_key);
      return success(result == j.end() ? Json{} : *result);
    }
    if (*status == "failed") {
      Error e = Error::make(ErrorKind::platform, msg.empty() ? std::string{"the platform reported a failure"} : msg, {},
                            response.status);
      e.platform_message = std::move(msg);
      return e;
    }
    return Error::make(ErrorKind::schema, "unknown envelope status \"" + status->get<std::string>() + "\"", "status",
                       response.status);
  }
};

}  // namespace chatbind::heychat
