// chatbind::testing::EventWebSocketServer — the server side of an event websocket, for the fakes: a
// Boost.Beast server on loopback that admits a subscription when the fake says so (path, token) and
// sends every frame it is given to the open subscriptions (all, or those of one path), in order.
// chatbind-fake serves the Yunhu bot's `/subscribe?token=…` and Heychat's `/chatroom/ws/connect` with
// it; tests use it to drop connections as a network would.
//
// Websocket pings are answered (Beast does it while reading); a text frame from the client is handed
// to Options::reply, whose answer (Heychat's PONG to a PING) goes back on that connection, and is
// dropped otherwise. One thread runs the io_context; broadcast(), subscribers(), drop_connections()
// and stop() may be called from any thread.
#pragma once

#include "chatbind/core/http.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace chatbind::testing {

class EventWebSocketServer {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;                ///< 0 picks a free port
    std::size_t max_queued_frames = 4096;   ///< per subscription; a reader that falls further behind is dropped
    /// The answer to a text frame a client sent on a subscription of `path`; nullopt answers nothing.
    std::function<std::optional<std::string>(std::string_view path, std::string_view text)> reply{};
  };
  /// Whether an upgrade request may subscribe (its path, decoded query and headers); refused ones get
  /// HTTP 401 and no websocket.
  using Admit = std::function<bool(const HttpRequest&)>;

  explicit EventWebSocketServer(Admit admit) : EventWebSocketServer(std::move(admit), Options{}) {}
  EventWebSocketServer(Admit admit, Options options)
      : admit_(std::move(admit)),
        options_(std::move(options)),
        acceptor_(io_, {boost::asio::ip::make_address(options_.host), options_.port}) {
    port_ = acceptor_.local_endpoint().port();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  EventWebSocketServer(const EventWebSocketServer&) = delete;
  EventWebSocketServer& operator=(const EventWebSocketServer&) = delete;
  ~EventWebSocketServer() { stop(); }

  [[nodiscard]] unsigned short port() const noexcept { return port_; }
  /// ws://host:port — the base URL a client subscribes to (it adds the path).
  [[nodiscard]] std::string url() const { return "ws://" + options_.host + ":" + std::to_string(port_); }
  /// How many subscriptions are open.
  [[nodiscard]] std::size_t subscribers() const noexcept { return open_.load(); }
  /// How many subscriptions of `path` (e.g. "/chatroom/ws/connect") are open.
  [[nodiscard]] std::size_t subscribers(std::string_view path) const {
    std::lock_guard lock{paths_mutex_};
    const auto it = open_paths_.find(path);
    return it == open_paths_.end() ? 0 : it->second;
  }

  /// Sends `frame` (a text frame) to every open subscription.
  void broadcast(std::string frame) { broadcast_to(std::nullopt, std::move(frame)); }
  /// Sends `frame` (a text frame) to the open subscriptions of `path` only.
  void broadcast(std::string frame, std::string_view path) { broadcast_to(std::string{path}, std::move(frame)); }

  /// Drops every subscription's TCP connection without a websocket close, as a network failure would.
  void drop_connections() {
    boost::asio::post(io_, [this] {
      for (const auto& s : sessions_) s->drop();
      forget_all();
    });
  }

  /// Stops accepting, drops every connection and joins the thread. Safe to call more than once.
  void stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      for (const auto& s : sessions_) s->drop();
      forget_all();
      io_.stop();
    });
    thread_.join();
  }

 private:
  using tcp = boost::asio::ip::tcp;
  struct Session : std::enable_shared_from_this<Session> {
    Session(EventWebSocketServer& server, tcp::socket socket) : server(server), ws(std::move(socket)) {}

    void start() {
      boost::beast::get_lowest_layer(ws).expires_after(std::chrono::seconds{10});  // the upgrade request
      boost::beast::http::async_read(ws.next_layer(), buffer, request,
                                     [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                                       if (!ec) self->upgrade();
                                     });
    }

    void upgrade() {
      const HttpRequest upgrade_request = chatbind_request();
      if (!boost::beast::websocket::is_upgrade(request) || !server.admit_(upgrade_request)) {
        auto refusal = std::make_shared<boost::beast::http::response<boost::beast::http::string_body>>(
            boost::beast::http::status::unauthorized, request.version());
        refusal->set(boost::beast::http::field::content_type, "text/plain");
        refusal->body() = boost::beast::websocket::is_upgrade(request) ? "unauthorized" : "a websocket upgrade is expected";
        refusal->keep_alive(false);
        refusal->prepare_payload();
        boost::beast::http::async_write(ws.next_layer(), *refusal,
                                        [self = shared_from_this(), refusal](boost::system::error_code, std::size_t) {
                                          self->drop();
                                        });
        return;
      }
      boost::beast::get_lowest_layer(ws).expires_never();
      ws.set_option(boost::beast::websocket::stream_base::timeout::suggested(boost::beast::role_type::server));
      path = upgrade_request.path;
      ws.async_accept(request, [self = shared_from_this()](boost::system::error_code ec) {
        if (ec) return;
        self->server.remember(self);
        self->read();
      });
    }

    /// Reads what the client sends, answering a text frame when Options::reply says so; answering
    /// its pings happens here too.
    void read() {
      ws.async_read(buffer, [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
        if (ec) return self->forget();
        if (self->ws.got_text() && self->server.options_.reply) {
          const auto data = self->buffer.cdata();
          auto answer = self->server.options_.reply(self->path, {static_cast<const char*>(data.data()), data.size()});
          if (answer) self->send(std::make_shared<const std::string>(std::move(*answer)));
        }
        self->buffer.consume(self->buffer.size());
        self->read();
      });
    }

    void send(const std::shared_ptr<const std::string>& frame) {
      if (queue.size() >= server.options_.max_queued_frames) return drop_and_forget();
      queue.push_back(frame);
      if (queue.size() == 1) write();
    }

    void write() {
      ws.text(true);
      ws.async_write(boost::asio::buffer(*queue.front()), [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
        if (ec) return self->forget();
        self->queue.pop_front();
        if (!self->queue.empty()) self->write();
      });
    }

    void drop() {
      boost::system::error_code ignored;
      auto& socket = boost::beast::get_lowest_layer(ws).socket();
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
    }
    void forget() { server.forget(shared_from_this()); }
    void drop_and_forget() {
      drop();
      forget();
    }

    /// The upgrade request as a chatbind request: path, percent-decoded query, headers.
    HttpRequest chatbind_request() const {
      HttpRequest r;
      r.method = Method::get;
      const std::string_view target{request.target().data(), request.target().size()};
      const auto question = target.find('?');
      r.path = std::string{target.substr(0, question)};
      if (question != std::string_view::npos) {
        std::string_view rest = target.substr(question + 1);
        while (!rest.empty()) {
          const auto amp = rest.find('&');
          const std::string_view pair = rest.substr(0, amp);
          const auto eq = pair.find('=');
          r.query.emplace_back(decode(pair.substr(0, eq)), eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1)));
          rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        }
      }
      for (const auto& field : request)
        r.headers.push_back({std::string{field.name_string()}, std::string{field.value()}});
      return r;
    }

    static std::string decode(std::string_view s) {
      const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      std::string out;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
          out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
          out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
          i += 2;
        } else {
          out += s[i];
        }
      }
      return out;
    }

    EventWebSocketServer& server;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws;
    boost::beast::flat_buffer buffer;
    boost::beast::http::request<boost::beast::http::string_body> request;
    std::deque<std::shared_ptr<const std::string>> queue;
    std::string path;  ///< the subscription's path, without the query
  };

  void broadcast_to(std::optional<std::string> path, std::string frame) {
    boost::asio::post(io_, [this, path = std::move(path), frame = std::make_shared<const std::string>(std::move(frame))] {
      // A copy: a send that drops a slow reader forgets it, which changes the set.
      const auto sessions = sessions_;
      for (const auto& s : sessions)
        if (!path || s->path == *path) s->send(frame);
    });
  }

  // The open sessions and their counts, on the io thread.
  void remember(const std::shared_ptr<Session>& s) {
    if (!sessions_.insert(s).second) return;
    open_ = sessions_.size();
    std::lock_guard lock{paths_mutex_};
    ++open_paths_[s->path];
  }
  void forget(const std::shared_ptr<Session>& s) {
    if (sessions_.erase(s) == 0) return;
    open_ = sessions_.size();
    std::lock_guard lock{paths_mutex_};
    if (const auto it = open_paths_.find(s->path); it != open_paths_.end() && --it->second == 0) open_paths_.erase(it);
  }
  void forget_all() {
    sessions_.clear();
    open_ = 0;
    std::lock_guard lock{paths_mutex_};
    open_paths_.clear();
  }

  void accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed by stop()
      std::make_shared<Session>(*this, std::move(socket))->start();
      accept();
    });
  }

  Admit admit_;
  Options options_;
  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::set<std::shared_ptr<Session>> sessions_;  ///< open subscriptions (touched on the io thread only)
  std::atomic<std::size_t> open_{0};
  mutable std::mutex paths_mutex_;
  std::map<std::string, std::size_t, std::less<>> open_paths_;  ///< open subscriptions per path
  std::thread thread_;
};

}  // namespace chatbind::testing
