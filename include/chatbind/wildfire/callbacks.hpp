// chatbind — Wildfire IM event callbacks (事件回调) without the socket: the IM server POSTs each
// event as JSON to a URL the app configures (wildfirechat.conf: message.forward.url,
// user.online_status_callback, …; a robot's own callback URL; a channel's callback URL), one URL per
// kind, unsigned. CallbackHandler turns one such request into the answer the server expects and
// hands the typed payload to a CallbackDispatcher.
//
// The server ignores every answer but the censor callback's (sensitive.remote_server_url): there
// 200 with no body lets the message through, 200 with a MessagePayload replaces its content, 403
// drops it (spec/wildfire.yaml, webhooks.messageCensor). CallbackHandler answers 200 "ok" to the
// others, 400 naming the bad field to a body that does not decode (logged by the server, not resent),
// 404 to a path no callback is routed to and 405 to anything but POST. Any HTTP server can call it;
// chatbind/wildfire/callback_server.hpp is a small cpp-httplib one.
//
// The callbacks carry no signature: keep the receiving URL on a private network (the platform's docs
// advise the same LAN) or behind a secret path.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/limits.hpp"
#include "chatbind/core/receiver.hpp"
#include "chatbind/wildfire/generated/callbacks.hpp"

#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace chatbind::wildfire {

/// Every callback the server sends (the generated webhooks of group "callbacks").
using all_callbacks = callbacks_webhooks;

/// The path a callback is received on unless CallbackHandler::route says otherwise:
/// "/wildfire/<name>", e.g. "/wildfire/message" for MessageWebhook (message.forward.url).
template <class W>
std::string default_callback_path() {
  return "/wildfire/" + std::string{W::name};
}

/// The censor's verdict on a message (the answer to MessageCensorWebhook).
struct Censorship {
  enum class Verdict { pass, replace, drop };
  Verdict verdict = Verdict::pass;
  MessagePayload replacement{};  ///< the content sent instead (Verdict::replace; its type must be > 0)

  static Censorship pass() { return {}; }
  static Censorship drop() { return {Verdict::drop, {}}; }
  static Censorship replace(MessagePayload content) { return {Verdict::replace, std::move(content)}; }
};

/// Routes each decoded callback to the handlers registered for its webhook (`on<W>`), which take
/// `const W::payload&`. The censor callback has one decider instead (`censor`), whose verdict is the
/// answer; without one every message passes.
class CallbackDispatcher {
  template <class W>
  using Handlers = std::vector<std::function<void(const typename W::payload&)>>;

 public:
  template <class W, class F>
  CallbackDispatcher& on(F handler) {
    static_assert(boost::mp11::mp_contains<all_callbacks, W>::value, "CallbackDispatcher::on<W>: W is not a Wildfire callback");
    static_assert(std::is_invocable_v<F&, const typename W::payload&>, "the handler must take (const W::payload&)");
    handlers<W>().emplace_back(std::move(handler));
    return *this;
  }

  /// Decides the censor callback's answer (sensitive.remote_server_url).
  CallbackDispatcher& censor(std::function<Censorship(const MessageCensorWebhook::payload&)> decide) {
    censor_ = std::move(decide);
    return *this;
  }

  /// Runs W's handlers; true when any ran.
  template <class W>
  bool dispatch(const typename W::payload& payload) {
    auto& list = handlers<W>();
    for (auto& h : list) h(payload);
    return !list.empty();
  }

  /// The censor's verdict (pass when nobody decides).
  Censorship decide(const MessageCensorWebhook::payload& message) { return censor_ ? censor_(message) : Censorship::pass(); }

 private:
  // By position: several callbacks share a payload type (the message forwards).
  template <class W>
  Handlers<W>& handlers() {
    return std::get<boost::mp11::mp_find<all_callbacks, W>::value>(handlers_);
  }

  boost::mp11::mp_apply<std::tuple, boost::mp11::mp_transform<Handlers, all_callbacks>> handlers_{};
  std::function<Censorship(const MessageCensorWebhook::payload&)> censor_{};
};

/// One callback request in, its reply out. Safe to call from several server threads at once:
/// callbacks are handled one at a time (the server sends them from one thread anyway).
class CallbackHandler {
 public:
  /// The largest body accepted before decoding (a message callback is a few kB).
  static constexpr std::size_t default_max_body = std::size_t{1} << 20;

  explicit CallbackHandler(CallbackDispatcher dispatcher = {}, std::function<void(const Error&)> on_error = {})
      : dispatcher_(std::move(dispatcher)), on_error_(std::move(on_error)) {
    limits_.max_input_bytes = default_max_body;
    boost::mp11::mp_for_each<all_callbacks>([this](auto w) { route<decltype(w)>(default_callback_path<decltype(w)>()); });
  }

  /// Receives W on `path` instead of its default path (the path part of the URL set in
  /// wildfirechat.conf). Before the first request.
  template <class W>
  CallbackHandler& route(std::string path) {
    static_assert(boost::mp11::mp_contains<all_callbacks, W>::value, "CallbackHandler::route<W>: W is not a Wildfire callback");
    std::erase_if(routes_, [](const auto& r) { return r.second.name == W::name; });
    routes_[std::move(path)] = Route{W::name, [this](std::string_view body) { return receive<W>(body); }};
    return *this;
  }

  /// Answers one request: `method` as the server read it ("POST"), `path` without the query.
  receiver::Reply handle(std::string_view method, std::string_view path, std::string_view body) {
    const auto route = routes_.find(path);
    if (route == routes_.end()) return {404, "text/plain; charset=utf-8", "no Wildfire callback is received here"};
    if (method != "POST") return {405, "text/plain; charset=utf-8", "method not allowed: POST only"};
    std::lock_guard lock{mutex_};
    return route->second.receive(body);
  }

  /// The paths callbacks are received on, each with its webhook's name.
  [[nodiscard]] std::vector<std::pair<std::string, std::string_view>> routes() const {
    std::vector<std::pair<std::string, std::string_view>> out;
    for (const auto& [path, r] : routes_) out.emplace_back(path, r.name);
    return out;
  }

  /// Decode limits for the bodies (max_input_bytes starts at default_max_body).
  [[nodiscard]] DecodeLimits& limits() noexcept { return limits_; }
  /// Not for use while requests are being handled on other threads.
  [[nodiscard]] CallbackDispatcher& dispatcher() noexcept { return dispatcher_; }

 private:
  struct Route {
    std::string_view name;
    std::function<receiver::Reply(std::string_view body)> receive;
  };

  template <class W>
  receiver::Reply receive(std::string_view body) {
    auto payload = json::parse_as<typename W::payload>(body, std::string{W::name}, limits_);
    if (!payload) {
      if (on_error_) on_error_(payload.error());
      // The field path tells the sender what was wrong; the body itself is not echoed.
      return {400, "text/plain; charset=utf-8", "not a Wildfire " + std::string{W::name} + " callback: " + payload.error().describe()};
    }
    if constexpr (std::is_same_v<W, MessageCensorWebhook>) {
      dispatcher_.dispatch<W>(*payload);
      return answer(dispatcher_.decide(*payload));
    } else {
      dispatcher_.dispatch<W>(*payload);
      return {200, "text/plain; charset=utf-8", "ok"};
    }
  }

  /// The censor's verdict as the server reads it: no body passes, a payload replaces, 403 drops.
  receiver::Reply answer(const Censorship& c) {
    switch (c.verdict) {
      case Censorship::Verdict::drop:
        return {403, "text/plain; charset=utf-8", ""};
      case Censorship::Verdict::replace:
        if (auto text = json::to_string(c.replacement); text && c.replacement.type > 0)
          return {200, "application/json; charset=utf-8", std::move(*text)};
        // A replacement the server would not take (type 0, or not UTF-8) would pass the original
        // anyway; say so rather than send what it ignores.
        if (on_error_)
          on_error_(Error::make(ErrorKind::invalid_request, "Censorship::replace: the replacement needs a content type > 0 and UTF-8 text"));
        return {200, "text/plain; charset=utf-8", ""};
      case Censorship::Verdict::pass:
        break;
    }
    return {200, "text/plain; charset=utf-8", ""};
  }

  std::mutex mutex_;
  CallbackDispatcher dispatcher_;
  std::function<void(const Error&)> on_error_;
  DecodeLimits limits_{};
  std::map<std::string, Route, std::less<>> routes_;
};

}  // namespace chatbind::wildfire
