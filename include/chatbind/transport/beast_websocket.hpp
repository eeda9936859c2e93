// chatbind — a websocket client on Boost.Beast / Boost.Asio that stays connected: a text heartbeat,
// dead-connection detection, and reconnection with capped exponential backoff. ws:// and wss://
// (TLS through Asio's OpenSSL wrapper, certificates and host name verified).
//
// It knows no platform: the platform's event client says what the heartbeat texts are (from its
// spec's x-chatbind-websocket). Link the
// `chatbind::transport_websocket` CMake target (cmake/websocket.cmake). Everything runs on the
// executor given to the constructor: use a single-threaded io_context or a strand. start() and
// stop() may be called from any thread. Error messages name the host and port, never the request
// target, its query or its headers (a token may travel in both).
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/url.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace chatbind::transport {

namespace asio = boost::asio;

struct WebSocketOptions {
  std::chrono::milliseconds ping_interval{30'000};      ///< how often the heartbeat is sent
  std::chrono::milliseconds pong_timeout{10'000};       ///< no pong this long after a ping: the connection is dead
  std::chrono::milliseconds backoff_base{1'000};        ///< delay before the first reconnect; doubles per failure
  std::chrono::milliseconds backoff_cap{60'000};        ///< the delay never exceeds this
  std::chrono::milliseconds handshake_timeout{15'000};  ///< resolve, connect, TLS and websocket handshakes; close
  /// The text frame sent as the heartbeat: the platform's (e.g. "PING"). Empty: websocket ping
  /// frames instead (Yunhu's subscription), sent after `ping_interval` without traffic; the
  /// connection is dead when nothing, not even a pong frame, arrives for twice that.
  std::string ping_text{};
  /// The text heartbeat's answer (e.g. "PONG"): a frame that starts with it, in any case, is one
  /// (is_pong_frame). A websocket pong frame counts as an answer too (some peers heartbeat that way).
  std::string pong_text{};
};

/// What the client reports, on its executor.
struct WebSocketHandlers {
  std::function<void(std::string_view)> on_frame{};    ///< every text frame but the pong
  std::function<void()> on_connect{};                  ///< after each successful handshake
  std::function<void(const Error&)> on_disconnect{};   ///< a connection failed or died; a reconnect follows
};

namespace detail {

/// What a connection tells the client that owns it.
class WebSocketOwner {
 public:
  virtual void opened() = 0;
  virtual void frame(std::string_view text) = 0;
  virtual void closed(const Error& error) = 0;

 protected:
  ~WebSocketOwner() = default;
};

class WebSocketConnectionBase {
 public:
  virtual ~WebSocketConnectionBase() = default;
  virtual void run() = 0;
  virtual void close() = 0;  ///< a clean close; the owner is not told
};

/// One connection attempt and, if it succeeds, the connection's life: handshakes, reading, the
/// heartbeat. `Stream` is the layer under the websocket (a tcp_stream, or an ssl_stream over one).
template <class Stream>
class WebSocketConnection final : public WebSocketConnectionBase,
                                  public std::enable_shared_from_this<WebSocketConnection<Stream>> {
 public:
  /// `stream_args` construct the layer under the websocket: (executor) or (executor, ssl context).
  template <class... StreamArgs>
  WebSocketConnection(std::weak_ptr<WebSocketOwner> owner, const asio::any_io_executor& ex, const Origin& origin,
             std::string target, std::vector<Header> headers, const WebSocketOptions& options,
             StreamArgs&&... stream_args)
      : owner_(std::move(owner)),
        origin_(origin),
        target_(std::move(target)),
        headers_(std::move(headers)),
        options_(options),
        resolver_(ex),
        ws_(std::forward<StreamArgs>(stream_args)...),
        ping_timer_(ex),
        pong_timer_(ex) {}

  void run() override {
    auto self = this->shared_from_this();
    lowest().expires_after(options_.handshake_timeout);
    resolver_.async_resolve(origin_.host, origin_.port, [self](error_code ec, tcp::resolver::results_type results) {
      if (ec) return self->fail("cannot resolve", ec);
      self->lowest().async_connect(results, [self](error_code ec2, const tcp::endpoint&) {
        if (ec2) return self->fail("cannot connect to", ec2);
        self->secure();
      });
    });
  }

  void close() override {
    if (done_) return;
    done_ = true;
    owner_.reset();  // a clean stop: nothing more is reported
    cancel_timers();
    resolver_.cancel();
    if (!open_) {
      lowest().close();
      return;
    }
    ws_.async_close(boost::beast::websocket::close_code::normal,
                    [self = this->shared_from_this()](error_code) { self->lowest().close(); });
  }

 private:
  using tcp = asio::ip::tcp;
  using error_code = boost::beast::error_code;
  static constexpr bool secure_v = !std::is_same_v<Stream, boost::beast::tcp_stream>;

  boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(ws_); }

  void secure() {
    if constexpr (secure_v) {
      auto& ssl = ws_.next_layer();
      // SNI, and the certificate must name the host.
      if (!SSL_set_tlsext_host_name(ssl.native_handle(), origin_.host.c_str()))
        return fail("cannot set the TLS server name for", error_code{static_cast<int>(::ERR_get_error()),
                                                                       asio::error::get_ssl_category()});
      ssl.set_verify_mode(asio::ssl::verify_peer);
      ssl.set_verify_callback(asio::ssl::host_name_verification(origin_.host));
      ssl.async_handshake(asio::ssl::stream_base::client, [self = this->shared_from_this()](error_code ec) {
        if (ec) return self->fail("TLS handshake failed with", ec);
        self->upgrade();
      });
    } else {
      upgrade();
    }
  }

  void upgrade() {
    namespace websocket = boost::beast::websocket;
    lowest().expires_never();  // from here the websocket's own timeouts apply
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = options_.handshake_timeout;
    if (frame_pings()) {  // Beast pings after half the idle timeout without traffic, fails after all of it
      timeouts.idle_timeout = 2 * options_.ping_interval;
      timeouts.keep_alive_pings = true;
    } else {
      timeouts.idle_timeout = websocket::stream_base::none();  // liveness is the text heartbeat
      timeouts.keep_alive_pings = false;
    }
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([headers = headers_](websocket::request_type& request) {
      for (const auto& h : headers) request.set(h.name, h.value);
    }));
    // A websocket pong frame answers the heartbeat as its text does (pings are answered by Beast).
    // The callback runs inside ws_'s own reads, while this connection is alive.
    ws_.control_callback([this](websocket::frame_type kind, boost::beast::string_view) {
      if (kind == websocket::frame_type::pong) awaiting_pong_ = false;
    });
    ws_.text(true);
    ws_.async_handshake(origin_.host_header, target_, [self = this->shared_from_this()](error_code ec) {
      if (ec) return self->fail("websocket handshake failed with", ec);
      if (self->done_) return;
      self->open_ = true;
      if (auto owner = self->owner_.lock()) owner->opened();
      self->read();
      if (!self->frame_pings()) self->schedule_ping();
    });
  }

  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->fail("connection lost with", ec);
      const std::string text = boost::beast::buffers_to_string(self->buffer_.data());
      self->buffer_.consume(self->buffer_.size());
      if (!self->options_.pong_text.empty() && is_pong_frame(text, self->options_.pong_text)) {
        self->awaiting_pong_ = false;
      } else if (auto owner = self->owner_.lock(); owner && !self->done_) {
        owner->frame(text);
      }
      if (!self->done_) self->read();
    });
  }

  void schedule_ping() {
    ping_timer_.expires_after(options_.ping_interval);
    ping_timer_.async_wait([self = this->shared_from_this()](error_code ec) {
      if (ec || self->done_) return;
      self->ping();
    });
  }

  void ping() {
    if (writing_) return schedule_ping();  // the previous ping is still being written
    writing_ = true;
    ws_.async_write(asio::buffer(options_.ping_text), [self = this->shared_from_this()](error_code ec, std::size_t) {
      self->writing_ = false;
      if (ec) return self->fail("cannot send the heartbeat to", ec);
      if (self->done_) return;
      if (!self->awaiting_pong_) self->await_pong();  // the clock runs from the first unanswered ping
      self->schedule_ping();
    });
  }

  void await_pong() {
    awaiting_pong_ = true;
    const auto serial = ++pong_serial_;  // a pong and a later ping make an earlier deadline moot
    pong_timer_.expires_after(options_.pong_timeout);
    pong_timer_.async_wait([self = this->shared_from_this(), serial](error_code ec) {
      if (ec || self->done_ || !self->awaiting_pong_ || serial != self->pong_serial_) return;
      self->fail(Error::make(ErrorKind::transport, "websocket: no " + self->options_.pong_text + " from " +
                                                       self->where() + " within " +
                                                       std::to_string(self->options_.pong_timeout.count()) +
                                                       " ms of a heartbeat"));
    });
  }

  [[nodiscard]] std::string where() const { return origin_.host + ":" + origin_.port; }
  [[nodiscard]] bool frame_pings() const noexcept { return options_.ping_text.empty(); }

  void fail(const char* what, error_code ec) {
    if (done_) return;
    fail(Error::make(ErrorKind::transport, std::string{"websocket: "} + what + " " + where() + ": " + ec.message()));
  }

  void fail(const Error& error) {
    if (done_) return;
    done_ = true;
    cancel_timers();
    resolver_.cancel();
    error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close();
    if (auto owner = std::exchange(owner_, {}).lock()) owner->closed(error);
  }

  void cancel_timers() {
    ping_timer_.cancel();
    pong_timer_.cancel();
  }

  std::weak_ptr<WebSocketOwner> owner_;
  Origin origin_;
  std::string target_;
  std::vector<Header> headers_;
  WebSocketOptions options_;
  tcp::resolver resolver_;
  boost::beast::websocket::stream<Stream> ws_;
  asio::steady_timer ping_timer_;
  asio::steady_timer pong_timer_;
  boost::beast::flat_buffer buffer_;
  bool open_ = false;
  bool done_ = false;
  bool writing_ = false;
  bool awaiting_pong_ = false;
  unsigned pong_serial_ = 0;
};

}  // namespace detail

/// A websocket client that keeps one connection to `request` (its base_url, path, query and headers
/// make the upgrade request) alive until stop(): it sends `ping_text` every `ping_interval`, takes
/// `pong_text` as the answer, treats a missing answer as a dead connection, and reconnects after
/// `backoff_base`, doubling the delay after every failed attempt up to `backoff_cap` (a successful
/// handshake resets it). For wss:// without a TLS context of your own, the system's trusted
/// certificates are used.
class BeastWebSocketClient {
 public:
  BeastWebSocketClient(asio::any_io_executor executor, HttpRequest request, WebSocketHandlers handlers,
                       WebSocketOptions options = {}, std::shared_ptr<asio::ssl::context> tls = {})
      : impl_(std::make_shared<Impl>(std::move(executor), std::move(request), std::move(handlers), std::move(options),
                                     std::move(tls))) {}
  BeastWebSocketClient(const BeastWebSocketClient&) = delete;
  BeastWebSocketClient& operator=(const BeastWebSocketClient&) = delete;
  ~BeastWebSocketClient() { stop(); }

  /// Connects (in the background, on the executor). A URL that is not ws:// or wss:// is reported
  /// through on_disconnect, once, with no retry.
  void start() {
    impl_->stopping = false;
    asio::post(impl_->executor, [impl = impl_] { impl->start(); });
  }
  /// Closes the connection cleanly and stops reconnecting; no handler runs afterwards.
  void stop() {
    impl_->stopping = true;
    asio::post(impl_->executor, [impl = impl_] { impl->stop(); });
  }

 private:
  struct Impl final : detail::WebSocketOwner, std::enable_shared_from_this<Impl> {
    Impl(asio::any_io_executor ex, HttpRequest r, WebSocketHandlers h, WebSocketOptions o,
         std::shared_ptr<asio::ssl::context> t)
        : executor(std::move(ex)),
          request(std::move(r)),
          handlers(std::move(h)),
          options(std::move(o)),
          tls(std::move(t)),
          backoff_timer(executor),
          delay(options.backoff_base) {}

    void start() {
      if (running) return;
      auto parsed = parse_origin(request.base_url, "ws", "wss");
      if (!parsed) {
        if (handlers.on_disconnect) handlers.on_disconnect(parsed.error());
        return;
      }
      origin = std::move(*parsed);
      if (origin.tls && !tls) {
        tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
        tls->set_default_verify_paths();
        tls->set_verify_mode(asio::ssl::verify_peer);
      }
      running = true;
      delay = options.backoff_base;
      connect();
    }

    void stop() {
      running = false;
      backoff_timer.cancel();
      if (auto c = std::exchange(connection, nullptr)) c->close();
    }

    /// Whether handlers may still run: false from the moment stop() is called, on any thread.
    [[nodiscard]] bool live() const { return running && !stopping.load(); }

    void connect() {
      auto self = shared_from_this();
      if (origin.tls)
        connection = std::make_shared<detail::WebSocketConnection<boost::beast::ssl_stream<boost::beast::tcp_stream>>>(
            self, executor, origin, request.target(), request.headers, options, executor, *tls);
      else
        connection = std::make_shared<detail::WebSocketConnection<boost::beast::tcp_stream>>(
            self, executor, origin, request.target(), request.headers, options, executor);
      connection->run();
    }

    void opened() override {
      delay = options.backoff_base;
      if (live() && handlers.on_connect) handlers.on_connect();
    }

    void frame(std::string_view text) override {
      if (live() && handlers.on_frame) handlers.on_frame(text);
    }

    void closed(const Error& error) override {
      connection.reset();
      if (!live()) return;
      if (handlers.on_disconnect) handlers.on_disconnect(error);
      if (!live()) return;  // the handler may have stopped us
      backoff_timer.expires_after(delay);
      delay = std::min(delay * 2, options.backoff_cap);
      backoff_timer.async_wait([self = shared_from_this()](boost::beast::error_code ec) {
        if (!ec && self->live() && !self->connection) self->connect();
      });
    }

    asio::any_io_executor executor;
    HttpRequest request;
    WebSocketHandlers handlers;
    WebSocketOptions options;
    std::shared_ptr<asio::ssl::context> tls;
    asio::steady_timer backoff_timer;
    std::chrono::milliseconds delay;
    Origin origin{};
    std::shared_ptr<detail::WebSocketConnectionBase> connection{};
    bool running = false;
    std::atomic<bool> stopping = false;
  };

  std::shared_ptr<Impl> impl_;
};

/// A platform's event stream: a BeastWebSocketClient on `request`, each text frame fed to `Session`
/// (a platform's EventSession: `Result<bool> feed(std::string_view)`, and `connected()`, called after
/// every (re)connect, when it has one). Frames that do not decode and lost connections go to
/// `on_error`. heychat::EventClient and yunhu_bot::EventClient are this with their request and options.
template <class Session>
class EventStreamClient {
 public:
  EventStreamClient(asio::any_io_executor executor, HttpRequest request, Session session,
                    std::function<void(const Error&)> on_error, WebSocketOptions options,
                    std::shared_ptr<asio::ssl::context> tls = {})
      : state_(std::make_shared<State>(std::move(session), std::move(on_error))),
        client_(std::move(executor), std::move(request), handlers(state_), std::move(options), std::move(tls)) {}

  void start() { client_.start(); }
  void stop() { client_.stop(); }

  /// The session the frames go to (its dispatcher and de-duplicator). Use it on the executor only.
  [[nodiscard]] Session& session() noexcept { return state_->session; }

 private:
  struct State {
    State(Session s, std::function<void(const Error&)> e) : session(std::move(s)), on_error(std::move(e)) {}
    Session session;
    std::function<void(const Error&)> on_error;
  };

  static WebSocketHandlers handlers(const std::shared_ptr<State>& state) {
    return {
        .on_frame =
            [state](std::string_view frame) {
              if (auto r = state->session.feed(frame); !r && state->on_error) state->on_error(r.error());
            },
        .on_connect =
            [state] {
              if constexpr (requires { state->session.connected(); }) state->session.connected();
            },
        .on_disconnect =
            [state](const Error& e) {
              if (state->on_error) state->on_error(e);
            },
    };
  }

  std::shared_ptr<State> state_;
  BeastWebSocketClient client_;
};

}  // namespace chatbind::transport
