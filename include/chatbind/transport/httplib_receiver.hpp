// chatbind — a small HTTP receiver on cpp-httplib for what platforms push to an app (Yunhu bot
// webhooks, Wildfire event callbacks): each path is handed to a sans-IO handler, which turns the
// method and body into the reply. The platform headers build on it (yunhu_bot/webhook_server.hpp,
// wildfire/callback_server.hpp); any other HTTP server can call those handlers directly.
//
// Put it behind a TLS-terminating proxy when the platform calls a public https:// URL.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/receiver.hpp"

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace chatbind::receiver {

struct Options {
  std::string host = "127.0.0.1";                 ///< the address to listen on ("0.0.0.0" for every interface)
  int port = 0;                                   ///< 0 picks a free port (bind() returns it)
  std::size_t max_body = std::size_t{1} << 20;    ///< a larger body gets 413 unread
  std::chrono::milliseconds read_timeout{5'000};  ///< a client that stops sending is dropped after this
};

/// Binds `server` to host:port, port 0 choosing a free one: the port, or a transport error.
inline Result<int> bind(httplib::Server& server, const std::string& host, int port) {
  const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) return Error::make(ErrorKind::transport, "cannot listen on " + host + ":" + std::to_string(port));
  return bound;
}

/// How a cpp-httplib server the library runs (a receiver, chatbind-fake) holds up against clients
/// that misbehave.
struct ServerLimits {
  std::size_t workers = 64;                       ///< connections served at once (more wait in the queue)
  std::chrono::milliseconds read_timeout{5'000};  ///< a client silent this long while sending is dropped
  std::size_t max_body = std::size_t{64} << 20;   ///< a larger body gets 413 unread
};

/// True when a request's framing is one a careful HTTP/1.1 server refuses (RFC 9112 §6.3): a
/// Content-Length that is not digits, more than one Content-Length, a Transfer-Encoding other than
/// "chunked", or Transfer-Encoding beside Content-Length (the request-smuggling shapes).
[[nodiscard]] inline bool ambiguous_framing(const httplib::Request& req) {
  const auto lengths = req.headers.count("Content-Length");
  const auto encodings = req.headers.count("Transfer-Encoding");
  if (lengths > 1 || encodings > 1 || (lengths == 1 && encodings == 1)) return true;
  if (lengths == 1) {
    const std::string& v = req.headers.find("Content-Length")->second;
    if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos) return true;
  }
  if (encodings == 1) {
    std::string v = req.headers.find("Transfer-Encoding")->second;
    for (char& c : v) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (v != "chunked") return true;
  }
  return false;
}

/// Applies `limits` to `server`: a pool of `workers` threads, read and write timeouts, a body cap,
/// TCP_NODELAY (a small answer is not held back by Nagle's algorithm on a keep-alive connection),
/// and 400 with the connection closed for ambiguous framing (ambiguous_framing()), before any body
/// is read.
inline void harden(httplib::Server& server, const ServerLimits& limits) {
  const std::size_t workers = limits.workers == 0 ? 1 : limits.workers;
  server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  server.set_read_timeout(limits.read_timeout);
  server.set_write_timeout(limits.read_timeout);
  server.set_payload_max_length(limits.max_body);
  server.set_tcp_nodelay(true);
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!ambiguous_framing(req)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 400;
    res.set_header("Connection", "close");
    res.set_content("ambiguous request framing (Content-Length / Transfer-Encoding)", "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  });
}

/// cpp-httplib routes by regular expression: a pattern that matches `path` literally.
inline std::string literal_pattern(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (std::string_view{"\\^$.|?*+()[]{}"}.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

/// Serves the routes given to route(); other paths get 404. A handler runs on one of the server's
/// threads, possibly several at once: the platform handlers lock what they share.
class HttplibReceiver {
 public:
  explicit HttplibReceiver(Options options = {}) : options_(std::move(options)) {
    harden(server_, ServerLimits{.workers = 16, .read_timeout = options_.read_timeout, .max_body = options_.max_body});
    server_.set_keep_alive_timeout(5);
  }
  HttplibReceiver(const HttplibReceiver&) = delete;
  HttplibReceiver& operator=(const HttplibReceiver&) = delete;
  ~HttplibReceiver() { stop(); }

  /// Hands every request for `path` (any method: the handler answers 405 to the ones it refuses) to
  /// `handler`. Before bind().
  HttplibReceiver& route(const std::string& path, Handler handler) {
    const auto answer = [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
      const Reply reply = handler(req.method, req.body);
      res.status = reply.status;
      if (reply.status == 405) res.set_header("Allow", "POST");
      res.set_content(reply.body, reply.content_type);
    };
    const std::string pattern = literal_pattern(path);
    server_.Post(pattern, answer);
    server_.Get(pattern, answer);
    server_.Put(pattern, answer);
    server_.Delete(pattern, answer);
    return *this;
  }

  /// Binds the listening socket; returns the port (the chosen one when options.port is 0).
  Result<int> bind() {
    auto port = receiver::bind(server_, options_.host, options_.port);
    if (port) port_ = *port;
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

  /// The URL of `path` on this server (with its host and port).
  [[nodiscard]] std::string url(std::string_view path) const {
    return "http://" + options_.host + ":" + std::to_string(port_) + std::string{path};
  }
  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] const Options& options() const noexcept { return options_; }

 private:
  Options options_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace chatbind::receiver
