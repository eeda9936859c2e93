// chatbind::testing::FakeHeychat — an offline Heychat (黑盒语音) bot API.
//
// Checks the `token` header (its name in any case, as HTTP header names are), decodes every request
// as its endpoint's type, answers the spec's examples, and records the channel messages a bot sends
// (each with a fresh msg_id). Forgives what the real server forgives: the common query parameters
// may be any subset of the seven (the official demo sends three), duplicated or joined by keys of
// its own. Success is `{"msg":"","result":…,"status":"ok"}`, with `"result":{}` when the call has
// no payload (clients read `result` on every call); failures come the way Heychat sends them:
// HTTP 200 with `{"status":"failed","msg":…}`.
#pragma once

#include "chatbind/heychat/generated/spec_examples.hpp"
#include "chatbind/heychat/oauth.hpp"
#include "chatbind/heychat/platform.hpp"
#include "chatbind/testing/basic_fake.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace chatbind::testing {

namespace heychat_fake {

/// A channel message the fake accepted, with the id it gave it.
struct SentMessage {
  std::string msg_id;
  heychat::ChannelMessageSend request;
};

/// A code of the authorization page, not yet exchanged.
struct PendingCode {
  std::string redirect_uri;
  std::string scope;
};

/// What the fake's OAuth server has granted: access tokens and refresh tokens, each to a scope.
struct OAuthState {
  heychat::OAuthApp app{.client_id = "fake-client", .client_secret = "fake-secret", .redirect_uri = {}};
  heychat::OAuthAccountInfo user{.username = "fake-user", .avatar = "https://fake.heychat/avatar.png"};
  std::uint64_t next = 1;
  std::map<std::string, PendingCode, std::less<>> codes{};
  std::map<std::string, std::string, std::less<>> access{};   ///< access token -> scope
  std::map<std::string, std::string, std::less<>> refresh{};  ///< refresh token -> its access token
};

struct Policy {
  using endpoints = heychat::all_endpoints;

  std::string token = "fake-token";  ///< the bot token the fake accepts
  std::uint64_t next_msg_id = 1870221897717407745ULL;
  std::vector<SentMessage> sent{};
  OAuthState oauth{};

  template <class E>
  static constexpr bool is_oauth = std::is_same_v<typename E::platform, heychat::OAuthPlatform>;

  static HttpResponse failed(std::string msg) {
    return detail::json_response(Json{{"msg", std::move(msg)}, {"status", "failed"}});
  }

  /// The bot token on the bot API; a Bearer access token this fake granted on the OAuth resource calls.
  template <class E>
  std::optional<HttpResponse> reject(const HttpRequest& request) const {
    if constexpr (is_oauth<E>) {
      const std::string_view authorization = request.header("Authorization");
      if (authorization.empty()) return failed("missing access token");
      if (!authorization.starts_with("Bearer ") || !oauth.access.contains(authorization.substr(7)))
        return failed("invalid access token");
      return std::nullopt;
    } else {
      if (request.header("token").empty()) return failed("missing token");
      if (request.header("token") != token) return failed("invalid token");
      return std::nullopt;  // the common query is not checked: any subset, repeated keys, extra keys
    }
  }

  static HttpResponse unknown_route(const HttpRequest&) {
    HttpResponse out;
    out.status = 404;
    return out;
  }

  template <class E>
  static HttpResponse invalid(const Error& e) {
    return failed("invalid parameter" + (e.path.empty() ? std::string{} : " " + e.path) + ": " + e.message);
  }

  template <class E>
  static HttpResponse failure(const Failure& f) {
    return failed(f.msg);
  }

  template <class E>
  static HttpResponse success(const typename E::response& response) {
    if constexpr (std::is_same_v<E, heychat::RequestOAuthToken>)
      return detail::json_response(json::to_json(response));  // the token comes bare, not in the envelope
    Json body{{"msg", ""}};  // the keys in Heychat's order
    if constexpr (std::is_same_v<typename E::response, Empty>)
      body["result"] = Json::object();  // the live server always sends result; clients read it
    else
      body["result"] = json::to_json(response);
    body["status"] = "ok";
    return detail::json_response(body);
  }

  template <class E>
  Reply<E> answer(const typename E::request& request) {
    auto response = detail::example_response<E>(heychat::response_example<E>);
    if constexpr (std::is_same_v<E, heychat::SendChannelMessage>) {
      SentMessage sent_message{std::to_string(next_msg_id++), request};
      response.msg_id = Id{sent_message.msg_id};
      response.heychat_ack_id = request.heychat_ack_id.value_or("0");
      sent.push_back(std::move(sent_message));
    } else if constexpr (is_oauth<E>) {
      return answer_oauth<E>(request, std::move(response));
    }
    return response;
  }

 private:
  std::string fresh(std::string_view kind) { return "fake-" + std::string{kind} + "-" + std::to_string(oauth.next++); }

  heychat::OAuthToken grant(std::string scope) {
    heychat::OAuthToken t{.access_token = fresh("access"), .expires_in = 7200, .refresh_token = fresh("refresh"),
                          .scope = scope, .token_type = "Bearer"};
    oauth.access[t.access_token] = std::move(scope);
    oauth.refresh[t.refresh_token] = t.access_token;
    return t;
  }

  template <class E>
  Reply<E> answer_oauth(const typename E::request& request, typename E::response response) {
    if constexpr (std::is_same_v<E, heychat::OpenAuthorizationPage>) {
      // The user consents at once: the browser is sent back to redirect_uri with a fresh code.
      if (request.client_id != oauth.app.client_id) return Failure{-1, "unknown client_id"};
      if (request.response_type != "code") return Failure{-1, "unsupported response_type"};
      if (request.scope.empty()) return Failure{-1, "missing scope"};
      const std::string code = fresh("code");
      oauth.codes[code] = PendingCode{request.redirect_uri, request.scope};
      HttpResponse redirect;
      redirect.status = 302;
      redirect.headers.push_back({"Location", request.redirect_uri +
                                                  (request.redirect_uri.find('?') == std::string::npos ? "?" : "&") +
                                                  "code=" + percent_encode(code)});
      return redirect;
    } else if constexpr (std::is_same_v<E, heychat::RequestOAuthToken>) {
      if (request.client_id != oauth.app.client_id || request.client_secret != oauth.app.client_secret)
        return Failure{-1, "invalid client"};
      if (request.grant_type == "authorization_code") {
        const auto code = oauth.codes.find(request.code.value_or(""));
        if (code == oauth.codes.end()) return Failure{-1, "invalid code"};
        if (request.redirect_uri.value_or("") != code->second.redirect_uri) return Failure{-1, "redirect_uri mismatch"};
        std::string scope = code->second.scope;
        oauth.codes.erase(code);  // single-use
        return grant(std::move(scope));
      }
      if (request.grant_type == "refresh_token") {
        const auto old = oauth.refresh.find(request.refresh_token.value_or(""));
        if (old == oauth.refresh.end()) return Failure{-1, "invalid refresh_token"};
        const auto access = oauth.access.find(old->second);
        std::string scope = access != oauth.access.end() ? access->second : std::string{};
        if (access != oauth.access.end()) oauth.access.erase(access);  // the old token stops working
        oauth.refresh.erase(old);
        return grant(std::move(scope));
      }
      return Failure{-1, "unsupported grant_type"};
    } else if constexpr (std::is_same_v<E, heychat::GetOAuthAccountInfo>) {
      return oauth.user;
    } else if constexpr (std::is_same_v<E, heychat::GetChatDurations>) {
      if (request.end_time < request.begin_time ||
          request.end_time - request.begin_time > heychat::OAuthPlatform::max_duration_window_seconds)
        return Failure{-1, "时间跨度不能超过30天"};  // the window may not exceed 30 days
      if (response.durations)
        for (auto& d : *response.durations) d.room_id = Id{request.room_id};
      return response;
    } else {
      return response;
    }
  }

 public:
};

}  // namespace heychat_fake

/// The fake Heychat bot API. Copies share one state.
class FakeHeychat : public BasicFake<heychat_fake::Policy> {
 public:
  using SentMessage = heychat_fake::SentMessage;

  explicit FakeHeychat(std::string token = "fake-token") : BasicFake(make_policy(std::move(token))) {}

  /// The credentials a client needs to talk to this fake in-process (token and common query).
  [[nodiscard]] heychat::Credentials credentials() const {
    heychat::Credentials c;
    c.token = with_policy([](const heychat_fake::Policy& p) { return p.token; });
    c.base_url = "http://fake.heychat";
    return c;
  }

  /// The OAuth app the fake knows (client id "fake-client", secret "fake-secret"); any redirect address.
  [[nodiscard]] heychat::OAuthApp oauth_app() const {
    return with_policy([](const heychat_fake::Policy& p) { return p.oauth.app; });
  }

  /// Where a client reaches the OAuth calls of this fake in-process (no access token yet).
  [[nodiscard]] heychat::OAuthCredentials oauth_credentials() const {
    return {.access_token = {}, .base_url = "http://fake.heychat", .resource_base_url = "http://fake.heychat"};
  }

  /// Every channel message sent so far, in order.
  [[nodiscard]] std::vector<SentMessage> sent_messages() const {
    return with_policy([](const heychat_fake::Policy& p) { return p.sent; });
  }

  /// The messages sent to one channel, in order.
  [[nodiscard]] std::vector<SentMessage> sent_messages(std::string_view channel_id) const {
    return with_policy([&](const heychat_fake::Policy& p) {
      std::vector<SentMessage> out;
      for (const auto& m : p.sent)
        if (m.request.channel_id.str() == channel_id) out.push_back(m);
      return out;
    });
  }

 private:
  static heychat_fake::Policy make_policy(std::string token) {
    heychat_fake::Policy p;
    p.token = std::move(token);
    return p;
  }
};

}  // namespace chatbind::testing
