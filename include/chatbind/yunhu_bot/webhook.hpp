// chatbind — the Yunhu bot's webhook delivery without the socket: the platform POSTs each event
// (`{version, header, event}`, the same JSON as a websocket frame) to the URL set in the bot console;
// WebhookHandler turns one such request into the answer the platform expects and feeds the event to
// an EventSession (decoded, de-duplicated by eventId, dispatched).
//
// The platform documents no reply: the official Python SDK's demo answers 200 "success", the Go SDK
// and the adapters an empty 200 (spec/notes/yunhu_bot.md). WebhookHandler answers 200 "success" to
// every event it took, a repeat included (a retry must not be retried again), 400 to a body that is
// not an event, 405 to anything but POST. Any HTTP server can call it; chatbind/yunhu_bot/webhook_server.hpp
// is a small cpp-httplib one.
#pragma once

#include "chatbind/core/receiver.hpp"
#include "chatbind/yunhu_bot/events.hpp"

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace chatbind::yunhu_bot {

/// What to answer the platform (the reply type every chatbind receiver shares).
using WebhookReply = receiver::Reply;

/// One webhook request in, its reply out; the event goes to the session's dispatcher on the calling
/// thread (keep handlers short or hand the work on: the platform waits for the reply). Safe to call
/// from several server threads at once: deliveries are handled one at a time, in arrival order.
class WebhookHandler {
 public:
  /// The largest event body accepted before decoding (a real event is a few kB).
  static constexpr std::size_t default_max_body = std::size_t{1} << 20;

  explicit WebhookHandler(Dispatcher dispatcher = {}, std::function<void(const Error&)> on_error = {},
                          std::size_t dedupe_capacity = 1024)
      : session_(std::move(dispatcher), dedupe_capacity), on_error_(std::move(on_error)) {
    limits_.max_input_bytes = default_max_body;
  }

  /// Answers one request: `method` as the server read it ("POST"), `body` the raw request body.
  WebhookReply handle(std::string_view method, std::string_view body) {
    if (method != "POST") return {405, "text/plain; charset=utf-8", "method not allowed: POST only"};
    Result<bool> fed = false;
    {
      std::lock_guard lock{mutex_};
      fed = session_.feed(body, limits_);
    }
    if (!fed) {
      if (on_error_) on_error_(fed.error());
      // The field path tells the sender what was wrong; the body itself is not echoed.
      return {400, "text/plain; charset=utf-8", "not a Yunhu event: " + fed.error().describe()};
    }
    return {200, "text/plain; charset=utf-8", "success"};
  }

  /// Decode limits for the bodies (max_input_bytes starts at default_max_body).
  [[nodiscard]] DecodeLimits& limits() noexcept { return limits_; }
  /// The session behind the handler (its dispatcher and de-duplicator); not for use while requests
  /// are being handled on other threads.
  [[nodiscard]] EventSession& session() noexcept { return session_; }

 private:
  std::mutex mutex_;
  EventSession session_;
  std::function<void(const Error&)> on_error_;
  DecodeLimits limits_{};
};

}  // namespace chatbind::yunhu_bot
