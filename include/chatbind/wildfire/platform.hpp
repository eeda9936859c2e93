// chatbind — Wildfire IM (野火IM) server admin API policy: signed headers and the {code,msg,result}
// envelope, as the open-source server (wildfirechat im-server) behaves.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/signing.hpp"
#include "chatbind/wildfire/generated/types.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace chatbind::wildfire {

inline constexpr std::string_view default_base_url = "http://localhost:18080";

/// What an admin client holds. The secret is used only to compute `sign`; it is never sent, printed
/// or put into an error.
struct Credentials {
  std::string secret{};                        ///< the admin secret configured in the server (http.admin.secret_key)
  std::string base_url{default_base_url};      ///< http://host:18080
  /// Unix time in milliseconds; the server rejects timestamps older than Signing::max_age (code 243).
  /// Defaults to the system clock; inject one for deterministic tests.
  std::function<std::int64_t()> clock_ms{};
  /// A fresh nonce per request. Defaults to a random UUID (32 hex digits) from the OS CSPRNG.
  std::function<std::string()> nonce{};
};

/// sign = hex(sha1(nonce + "|" + secret + "|" + timestamp)).
inline std::string sign(std::string_view nonce, std::string_view secret, std::int64_t timestamp_ms) {
  std::string text;
  text.reserve(nonce.size() + secret.size() + 24);
  text += nonce;
  text += '|';
  text += secret;
  text += '|';
  text += std::to_string(timestamp_ms);
  return signing::sha1_hex(text);
}

/// The named error code of a code on the wire. The server names every code through ErrorCode.fromCode,
/// which reads the low byte (internal replies carry it in one byte), so a real server answers 0–255.
/// An open enum: a code the enum does not name is kept as it came (fromCode would say server_error).
constexpr ErrorCode error_code(std::int64_t wire_code) { return static_cast<ErrorCode>(wire_code); }

/// The named error code of a platform error (Error::platform_code keeps the number as sent).
inline ErrorCode error_code(const Error& e) { return error_code(e.platform_code.value_or(0)); }

/// Adds nonce, timestamp and sign, computed with `secret`: what every admin, robot and channel call carries.
template <class AnyCredentials>
Result<void> add_signature(HttpRequest& request, const AnyCredentials& c) {
  std::string nonce;
  if (c.nonce) {
    nonce = c.nonce();
  } else {
    auto random = signing::random_uuid_hex();
    if (!random) return random.error();
    nonce = std::move(*random);
  }
  const std::int64_t timestamp = signing::unix_time_ms(c.clock_ms);
  request.headers.push_back({std::string{Signing::nonce_header}, nonce});
  request.headers.push_back({std::string{Signing::timestamp_header}, std::to_string(timestamp)});
  request.headers.push_back({std::string{Signing::sign_header}, sign(nonce, c.secret, timestamp), /*sensitive=*/true});
  return {};
}

struct Platform {
  using credentials = Credentials;
  static constexpr std::string_view result_key = "result";

  static Result<void> authorize(HttpRequest& request, const Credentials& c) { return add_signature(request, c); }

  /// Success and failure are both HTTP 200: `{"code":0,"msg":"success","result":…}` or
  /// `{"code":251,"msg":"Invalid parameter"}`. `code` is checked before `result` is looked at,
  /// because a signing failure repeats the envelope inside `result`. An unknown path or a wrong
  /// method is HTTP 500 with an empty body.
  template <class Payload>
  static Result<Payload> unwrap(const HttpResponse& response, const DecodeLimits& limits = {}) {
    if (auto ok = check_http_status(response); !ok) return ok.error();
    auto env = read_envelope<Payload>(response.body, result_key, std::array<std::string_view, 2>{"code", "msg"}, limits);
    if (!env) return with_http_status(env.error(), response.status);
    auto code = envelope_code(env->fields[0], "code", response.status);
    if (!code) return code.error();
    if (*code != 0) {
      return platform_error(*code, env->fields[1].string(), response.status, enum_name(error_code(*code)));
    }
    return std::move(*env).take_payload(response.status);
  }
};
static_assert(PlatformPolicy<Platform>);

/// The robot and channel APIs are served on the IM server's client port (wildfirechat.conf `http_port`,
/// 80 by default), not on the admin port: that one answers only /admin paths, and this one refuses them.
inline constexpr std::string_view default_im_base_url = "http://localhost";

/// What a robot (机器人) holds for the robot API (/robot/*): its id, sent as the `rid` header, and its own
/// secret (set when the robot is created: /admin/robot/create), used only to compute `sign`.
struct RobotCredentials {
  std::string robot_id{};                      ///< the robot's user id
  std::string secret{};                        ///< the robot's secret, never sent, printed or put into an error
  std::string base_url{default_im_base_url};   ///< http://host (the `http_port`)
  std::function<std::int64_t()> clock_ms{};    ///< as Credentials::clock_ms
  std::function<std::string()> nonce{};        ///< as Credentials::nonce
};

/// The robot API's policy: signed like the admin API with the robot's secret, plus `rid`; the same
/// envelope. The server answers 239 without `rid`, 253 for an unknown robot, 244 for a wrong sign.
struct RobotPlatform {
  using credentials = RobotCredentials;
  static constexpr std::string_view result_key = Platform::result_key;
  static constexpr std::string_view id_header = "rid";

  static Result<void> authorize(HttpRequest& request, const RobotCredentials& c) {
    request.headers.push_back({std::string{id_header}, c.robot_id});
    return add_signature(request, c);
  }

  template <class Payload>
  static Result<Payload> unwrap(const HttpResponse& response, const DecodeLimits& limits = {}) {
    return Platform::unwrap<Payload>(response, limits);
  }
};
static_assert(PlatformPolicy<RobotPlatform>);

/// What a channel (频道, an official account) holds for the channel API (/channel/*): its id, sent as the
/// `cid` header, and the channel's own secret (returned when the channel is created: /admin/channel/create).
struct ChannelCredentials {
  std::string channel_id{};                    ///< the channel's id
  std::string secret{};                        ///< the channel's secret, never sent, printed or put into an error
  std::string base_url{default_im_base_url};   ///< http://host (the `http_port`)
  std::function<std::int64_t()> clock_ms{};    ///< as Credentials::clock_ms
  std::function<std::string()> nonce{};        ///< as Credentials::nonce
};

/// The channel API's policy: signed with the channel's secret, plus `cid`; the same envelope.
struct ChannelPlatform {
  using credentials = ChannelCredentials;
  static constexpr std::string_view result_key = Platform::result_key;
  static constexpr std::string_view id_header = "cid";

  static Result<void> authorize(HttpRequest& request, const ChannelCredentials& c) {
    request.headers.push_back({std::string{id_header}, c.channel_id});
    return add_signature(request, c);
  }

  template <class Payload>
  static Result<Payload> unwrap(const HttpResponse& response, const DecodeLimits& limits = {}) {
    return Platform::unwrap<Payload>(response, limits);
  }
};
static_assert(PlatformPolicy<ChannelPlatform>);

}  // namespace chatbind::wildfire
