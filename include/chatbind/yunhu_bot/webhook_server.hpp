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

#include "chatbind/core/error.hpp"
#include "chatbind/yunhu_bot/webhook.hpp"

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <thread>
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
      : options_(std::move(options)), handler_(std::move(dispatcher), std::move(on_error), options_.dedupe_capacity) {
    handler_.limits().max_input_bytes = options_.max_body;
    server_.set_payload_max_length(options_.max_body);
    server_.set_read_timeout(options_.read_timeout);
    server_.set_write_timeout(options_.read_timeout);
    server_.set_keep_alive_timeout(5);
    const auto answer = [this](const httplib::Request& req, httplib::Response& res) {
      const WebhookReply reply = handler_.handle(req.method, req.body);
      res.status = reply.status;
      if (reply.status == 405) res.set_header("Allow", "POST");
      res.set_content(reply.body, reply.content_type);
    };
    const std::string pattern = escape_pattern(options_.path);
    server_.Post(pattern, answer);
    server_.Get(pattern, answer);
    server_.Put(pattern, answer);
    server_.Delete(pattern, answer);
  }
  WebhookServer(const WebhookServer&) = delete;
  WebhookServer& operator=(const WebhookServer&) = delete;
  ~WebhookServer() { stop(); }

  /// Binds the listening socket; returns the port (the chosen one when options.port is 0).
  Result<int> bind() {
    const int port = options_.port == 0 ? server_.bind_to_any_port(options_.host)
                                        : (server_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port <= 0)
      return Error::make(ErrorKind::transport,
                         "cannot listen on " + options_.host + ":" + std::to_string(options_.port));
    port_ = port;
    return port;
  }

  /// Serves requests on the calling thread until stop() (bind() first). False when it could not run.
  bool listen() { return port_ > 0 && server_.listen_after_bind(); }

  /// bind() if needed, then serves on a thread of its own; returns the port.
  Result<int> start() {
    if (port_ <= 0) {
      auto bound = bind();
      if (!bound) return bound;
    }
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() is a no-op until the accept loop runs, so wait for it (connections already queue).
    for (int i = 0; i < 5000 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds{1});
    return port_;
  }

  /// Stops listening and waits for the thread start() made. Safe to call more than once.
  void stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  /// The URL the platform should call (with this server's host and port).
  [[nodiscard]] std::string url() const {
    return "http://" + options_.host + ":" + std::to_string(port_) + options_.path;
  }
  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] WebhookHandler& handler() noexcept { return handler_; }

 private:
  /// cpp-httplib routes by regular expression: the path must match literally.
  static std::string escape_pattern(const std::string& path) {
    std::string out;
    for (char c : path) {
      if (std::string_view{"\\^$.|?*+()[]{}"}.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
    return out;
  }

  WebhookServerOptions options_;
  WebhookHandler handler_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace chatbind::yunhu_bot
