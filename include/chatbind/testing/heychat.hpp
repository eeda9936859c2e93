// chatbind::testing::FakeHeychat — an offline Heychat (黑盒语音) bot API.
//
// Checks the `token` header (its name in any case, as HTTP header names are), decodes every request
// as its endpoint's type, answers the spec's examples, and records the channel messages a bot sends
// (each with a fresh msg_id). Forgives what the real server forgives: the common query parameters
// may be any subset of the seven (the official demo sends three), duplicated or joined by keys of
// its own. Success is `{"msg":"","result":…,"status":"ok"}`, with `"result":{}` when the call has
// no payload (clients read `result` on every call); failures come the way Heychat sends them:
// HTTP 200 with `{"status":"failed","msg":…}`.
//
// Events: the fake makes the platform's side — a user's bot command (type "50"), or any frame a test
// gives it — as websocket frames, handed to every subscriber (`subscribe`): a test feeds them to an
// EventSession in-process; chatbind-fake sends them to the bots connected to its
// `/chatroom/ws/connect` (token in the header or the query, any subset of the common query), which
// also answers a text PING with PONG.
#pragma once

#include "chatbind/core/signing.hpp"
#include "chatbind/heychat/events.hpp"
#include "chatbind/heychat/generated/spec_examples.hpp"
#include "chatbind/heychat/oauth.hpp"
#include "chatbind/heychat/platform.hpp"
#include "chatbind/testing/basic_fake.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind::testing {

namespace heychat_fake {

/// A channel message the fake accepted, with the id it gave it.
struct SentMessage {
  std::string msg_id;
  heychat::ChannelMessageSend request;
};

/// The body of the control route POST /_chatbind/heychat/command, JSON: a user invoking one of the
/// bot's commands in a channel (what a test or a script asks the fake's platform side to do).
struct CommandInjection {
  Id room_id;
  Id channel_id;
  Id user_id;
  std::string name;                       ///< the command as the user typed it, e.g. "/roll"
  std::optional<std::string> nickname;    ///< "user <user_id>" when absent
  std::optional<Id> command_id;           ///< the command's id in the bot's settings ("1" when absent)
  std::optional<std::vector<heychat::EventCommandOption>> options;  ///< the options the user filled in
};
BOOST_DESCRIBE_STRUCT(CommandInjection, (), (room_id, channel_id, user_id, name, nickname, command_id, options))

/// A code of the authorization page, not yet exchanged.
struct PendingCode {
  std::string redirect_uri;
  std::string scope;
};

/// What the fake's OAuth server has granted: access tokens and refresh tokens, each to a scope (the
/// newest max_kept of each kind).
struct OAuthState {
  heychat::OAuthApp app{.client_id = "fake-client", .client_secret = "fake-secret", .redirect_uri = {}};
  heychat::OAuthAccountInfo user{.username = "fake-user", .avatar = "https://fake.heychat/avatar.png"};
  std::uint64_t next = 1;
  std::map<std::string, PendingCode, std::less<>> codes{};
  std::map<std::string, std::string, std::less<>> access{};   ///< access token -> scope
  std::map<std::string, std::string, std::less<>> refresh{};  ///< refresh token -> its access token
};

/// How many sent messages the fake keeps (the oldest go first): a long-running chatbind-fake must
/// not grow without bound.
inline constexpr std::size_t max_kept = 10000;

struct Policy {
  using endpoints = heychat::all_endpoints;

  std::string token = "fake-token";  ///< the bot token the fake accepts
  std::uint64_t next_msg_id = 1870221897717407745ULL;
  std::deque<SentMessage> sent{};  ///< the newest max_kept
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
      if (sent.size() > max_kept) sent.pop_front();
    } else if constexpr (is_oauth<E>) {
      return answer_oauth<E>(request, std::move(response));
    }
    return response;
  }

 private:
  /// A new code or token: "fake-<kind>-<n>", n zero-padded so that the maps hold them oldest first.
  std::string fresh(std::string_view kind) {
    std::string n = std::to_string(oauth.next++);
    return "fake-" + std::string{kind} + "-" + std::string(n.size() < 8 ? 8 - n.size() : 0, '0') + n;
  }

  /// Makes room for one more entry: the oldest goes when the map holds max_kept.
  template <class Map>
  static void make_room(Map& m) {
    if (m.size() >= max_kept) m.erase(m.begin());
  }

  heychat::OAuthToken grant(std::string scope) {
    heychat::OAuthToken t{.access_token = fresh("access"), .expires_in = 7200, .refresh_token = fresh("refresh"),
                          .scope = scope, .token_type = "Bearer"};
    make_room(oauth.access);
    make_room(oauth.refresh);
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
      make_room(oauth.codes);
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
  using CommandInjection = heychat_fake::CommandInjection;
  /// Receives every event frame the fake emits (JSON text, as the websocket carries it).
  using Subscriber = std::function<void(const std::string& frame)>;

  explicit FakeHeychat(std::string token = "fake-token")
      : BasicFake(make_policy(std::move(token))), events_(std::make_shared<Events>()) {}

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

  /// Every channel message sent so far (the newest heychat_fake::max_kept), in order.
  [[nodiscard]] std::vector<SentMessage> sent_messages() const {
    return with_policy([](const heychat_fake::Policy& p) { return std::vector<SentMessage>(p.sent.begin(), p.sent.end()); });
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

  // --- events: the platform's side, as websocket frames ---------------------------------------------

  /// Calls `s` with every frame the fake emits from now on (chatbind-fake: its websocket). Subscribers
  /// run on the emitting thread, outside the fake's lock.
  void subscribe(Subscriber s) {
    std::lock_guard lock(events_->mutex);
    events_->subscribers.push_back(std::move(s));
  }

  /// Emits one event frame to every subscriber, as it is; it must decode as a Heychat event (a
  /// schema or syntax error names what does not). Returns the frame.
  Result<std::string> emit(std::string frame) const {
    if (auto decoded = heychat::decode_event(frame); !decoded) return decoded.error();
    return deliver(std::move(frame));
  }

  /// A user invokes one of the bot's commands (type "50", as the platform pushes it): a fresh msg_id
  /// (the one a reply names in reply_id) and the next sequence number. Returns the frame emitted.
  Result<std::string> command(CommandInjection c) const {
    const std::int64_t now = signing::unix_time_ms();
    heychat::BotCommandEvent e;
    e.bot_id = Id{"72053518"};
    e.channel_base_info.channel_id = std::move(c.channel_id);
    e.room_base_info.room_id = std::move(c.room_id);
    e.command_info.id = c.command_id.value_or(Id{"1"});
    e.command_info.name = std::move(c.name);
    e.command_info.type = 0;
    if (c.options) e.command_info.options = Nullable<std::vector<heychat::EventCommandOption>>{std::move(*c.options)};
    e.sender_info.nickname = c.nickname.value_or("user " + c.user_id.str());
    e.sender_info.user_id = std::move(c.user_id);
    e.send_time = now;
    e.msg_id = Id{with_policy([](heychat_fake::Policy& p) { return std::to_string(p.next_msg_id++); })};
    heychat::Event event{.sequence = next_sequence(), .type = Id{"50"}, .notify_type = "", .timestamp = now,
                         .payload = std::move(e)};
    return deliver(heychat::encode_event(event));  // encoded from a typed event: no need to check it
  }

  /// Whether a websocket upgrade request may connect: the event path, with this fake's token in the
  /// `token` header (any case) or the `token` query parameter. The common query is not checked.
  [[nodiscard]] bool admits_subscription(const HttpRequest& upgrade) const {
    if (upgrade.path != heychat::Websocket::path) return false;
    const std::string token = with_policy([](const heychat_fake::Policy& p) { return p.token; });
    if (!upgrade.header("token").empty()) return upgrade.header("token") == token;
    for (const auto& [name, value] : upgrade.query)
      if (name == "token") return value == token;
    return false;
  }

  /// The answer to a text frame a bot sends on the websocket: PONG to its heartbeat PING (any case).
  [[nodiscard]] static std::optional<std::string> answer_frame(std::string_view text) {
    if (iequals(trim(text), heychat::Websocket::heartbeat_send)) return std::string{heychat::Websocket::heartbeat_receive};
    return std::nullopt;
  }

  /// The control routes, for tests and scripts that play the platform's users over HTTP:
  ///   POST /_chatbind/heychat/command  {"room_id","channel_id","user_id","name","nickname"?,
  ///                                     "command_id"?,"options"?:[{"name","type","value"}]}
  ///   POST /_chatbind/heychat/emit     a whole frame ({sequence,type,notify_type,timestamp,data}), as it is
  /// Each answers 200 with the frame emitted, or 400 {"error": …} naming what was wrong. nullopt for
  /// any other path.
  [[nodiscard]] std::optional<HttpResponse> control(const HttpRequest& request) const {
    return detail::control_route(request, "/_chatbind/heychat/", {"command", "emit"},
                                 [&](std::string_view action) -> Result<std::string> {
                                   if (action == "emit") return emit(request.body);
                                   auto c = json::parse_as<heychat_fake::CommandInjection>(request.body);
                                   if (!c) return c.error();
                                   return command(std::move(*c));
                                 });
  }

 private:
  struct Events {
    std::mutex mutex;
    std::vector<Subscriber> subscribers;
    std::int64_t sequence = 0;
  };

  /// Hands `frame` to every subscriber, outside the fake's lock; returns it.
  std::string deliver(std::string frame) const {
    std::vector<Subscriber> subscribers;
    {
      std::lock_guard lock(events_->mutex);
      subscribers = events_->subscribers;
    }
    for (auto& s : subscribers) s(frame);
    return frame;
  }

  [[nodiscard]] std::int64_t next_sequence() const {
    std::lock_guard lock(events_->mutex);
    return ++events_->sequence;
  }

  static heychat_fake::Policy make_policy(std::string token) {
    heychat_fake::Policy p;
    p.token = std::move(token);
    return p;
  }

  std::shared_ptr<Events> events_;
};

}  // namespace chatbind::testing
