// chatbind — a small webhook receiver for Yunhu bot events on cpp-httplib: it listens on one path,
// hands each POST to a WebhookHandler (decode, drop repeats, dispatch) and answers the platform as it
// expects (chatbind/yunhu_bot/webhook.hpp). Link the chatbind::yunhu_bot_webhook CMake target.
//
//   yunhu_bot::Dispatcher d;
//   d.on<yunhu_bot::MessageReceiveInstructionEvent>([](const auto& command) { … });
//   yunhu_bot::WebhookServer server{std::move(d), {.host = "0.0.0.0", .port = 8080, .path = "/yunhu"}};
//   if (auto port = server.bind(); !port) return report(port.error());
//   server.listen();  // blocks until stop(); or start() to listen on a thread of its own
//
// Put it behind a TLS-terminating proxy: the platform calls a public https:// URL.
#pragma once

#include "chatbind/transport/httplib_receiver.hpp"
#include "chatbind/yunhu_bot/webhook.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>

namespace chatbind::yunhu_bot {

struct WebhookServerOptions {
  std::string host = "127.0.0.1";      ///< the address to listen on ("0.0.0.0" for every interface)
  int port = 0;                        ///< 0 picks a free port (bind() returns it)
  std::string path = "/yunhu/webhook";  ///< the path set in the bot console; other paths get 404
  std::size_t max_body = WebhookHandler::default_max_body;  ///< a larger body gets 413 unread
  std::chrono::milliseconds read_timeout{5'000};  ///< a client that stops sending is dropped after this
  std::size_t dedupe_capacity = 1024;             ///< how many eventIds are remembered for de-duplication
};

class WebhookServer {
 public:
  explicit WebhookServer(Dispatcher dispatcher, WebhookServerOptions options = {},
                         std::function<void(const Error&)> on_error = {})
      : options_(std::move(options)),
        handler_(std::move(dispatcher), std::move(on_error), options_.dedupe_capacity),
        receiver_({.host = options_.host, .port = options_.port, .max_body = options_.max_body,
                   .read_timeout = options_.read_timeout}) {
    handler_.limits().max_input_bytes = options_.max_body;
    receiver_.route(options_.path, [this](std::string_view method, std::string_view body) {
      return handler_.handle(method, body);
    });
  }

  /// Binds the listening socket; returns the port (the chosen one when options.port is 0).
  Result<int> bind() { return receiver_.bind(); }
  /// Serves requests on the calling thread until stop() (bind() first). False when it could not run.
  bool listen() { return receiver_.listen(); }
  /// bind() if needed, then serves on a thread of its own; returns the port.
  Result<int> start() { return receiver_.start(); }
  /// Stops listening and waits for the thread start() made. Safe to call more than once.
  void stop() { receiver_.stop(); }

  /// The URL the platform should call (with this server's host and port).
  [[nodiscard]] std::string url() const { return receiver_.url(options_.path); }
  [[nodiscard]] int port() const noexcept { return receiver_.port(); }
  [[nodiscard]] WebhookHandler& handler() noexcept { return handler_; }

 private:
  WebhookServerOptions options_;
  WebhookHandler handler_;
  receiver::HttplibReceiver receiver_;  // last: stopped (its destructor) before the handler goes
};

}  // namespace chatbind::yunhu_bot
