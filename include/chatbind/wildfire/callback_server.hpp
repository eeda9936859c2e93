// chatbind — a small receiver for Wildfire IM event callbacks on cpp-httplib: every callback's path
// goes to one CallbackHandler (decode, dispatch, answer as the server expects: see
// chatbind/wildfire/callbacks.hpp). Link the chatbind::wildfire_callbacks CMake target.
//
//   wf::CallbackDispatcher d;
//   d.on<wf::MessageWebhook>([](const wf::MessageData& m) { … });
//   wf::CallbackServer server{std::move(d), {.host = "0.0.0.0", .port = 8090}};
//   server.handler().route<wf::MessageWebhook>("/im_event/message");  // optional: the URL's path
//   if (auto port = server.bind(); !port) return report(port.error());
//   server.listen();  // blocks until stop(); or start() to listen on a thread of its own
//   // wildfirechat.conf: message.forward.url http://app-host:8090/im_event/message
#pragma once

#include "chatbind/transport/httplib_receiver.hpp"
#include "chatbind/wildfire/callbacks.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace chatbind::wildfire {

class CallbackServer {
 public:
  explicit CallbackServer(CallbackDispatcher dispatcher, receiver::Options options = {},
                          std::function<void(const Error&)> on_error = {})
      : handler_(std::make_unique<CallbackHandler>(std::move(dispatcher), std::move(on_error))),
        receiver_(std::move(options)) {
    handler_->limits().max_input_bytes = receiver_.options().max_body;
  }

  /// The handler, to route() a callback to another path: before bind().
  [[nodiscard]] CallbackHandler& handler() noexcept { return *handler_; }

  /// Binds the listening socket with a route per callback path; returns the port.
  Result<int> bind() {
    for (const auto& [path, name] : handler_->routes()) {
      receiver_.route(path, [h = handler_.get(), path = path](std::string_view method, std::string_view body) {
        return h->handle(method, path, body);
      });
    }
    return receiver_.bind();
  }
  /// Serves requests on the calling thread until stop() (bind() first). False when it could not run.
  bool listen() { return receiver_.listen(); }
  /// bind() if needed, then serves on a thread of its own; returns the port.
  Result<int> start() {
    if (receiver_.port() <= 0) {
      auto bound = bind();
      if (!bound) return bound;
    }
    return receiver_.start();
  }
  /// Stops listening and waits for the thread start() made. Safe to call more than once.
  void stop() { receiver_.stop(); }

  /// The URL to configure for W (wildfirechat.conf, or a robot's callback), with this server's host and port.
  template <class W>
  [[nodiscard]] std::string url() const {
    for (const auto& [path, name] : handler_->routes())
      if (name == W::name) return receiver_.url(path);
    return {};
  }
  [[nodiscard]] int port() const noexcept { return receiver_.port(); }

 private:
  std::unique_ptr<CallbackHandler> handler_;
  receiver::HttplibReceiver receiver_;  // last: stopped (its destructor) before the handler goes
};

}  // namespace chatbind::wildfire
