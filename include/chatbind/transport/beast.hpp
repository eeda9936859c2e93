// chatbind — an asynchronous transport over Boost.Beast / Boost.Asio.
//
// BeastTransport::async_send takes any Asio completion token (a callback, asio::use_awaitable,
// asio::use_future, ...) and completes with Result<HttpResponse>; chatbind::async_call<Endpoint>
// wraps encode_request -> async_send -> decode_response, so a bot can run many calls concurrently
// on one thread:
//
//   template <class Endpoint>  // any platform's endpoint descriptor
//   asio::awaitable<void> call(BeastTransport& transport, chatbind::credentials_t<Endpoint> credentials) {
//     typename Endpoint::request request{};  // named: g++ 12 destroys a braced temporary inside a
//     auto result = co_await chatbind::async_call<Endpoint>(  //  co_await twice
//         transport, request, credentials, asio::use_awaitable);
//   }
//   asio::io_context io;
//   chatbind::transport::BeastTransport transport{io.get_executor()};
//   asio::co_spawn(io, call<SomeEndpoint>(transport, credentials), asio::detached);  // as many as needed
//   io.run();
//
// Link the `chatbind::transport_beast` CMake target. https:// needs OpenSSL: the target defines
// CHATBIND_BEAST_TLS=1 and links OpenSSL when it finds it; certificates are then verified against
// the system's trusted CAs, with the host name checked, unless BeastOptions::verify_tls is false.
//
// Idle connections are kept per origin and reused (HTTP keep-alive); a call that fails on a reused
// connection before any byte of the response arrived is retried once on a fresh connection.
// The transport must outlive its pending operations and be destroyed before its io_context (idle
// connections live in it). Name resolution runs under the system resolver's own timeout.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/url.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#ifndef CHATBIND_BEAST_TLS
#define CHATBIND_BEAST_TLS 0
#endif
#if CHATBIND_BEAST_TLS
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#endif

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace chatbind::transport {

namespace asio = boost::asio;

struct BeastOptions {
  std::chrono::milliseconds connect_timeout{10'000};  ///< TCP connect and, for https://, the TLS handshake
  std::chrono::milliseconds request_timeout{30'000};  ///< sending the request and reading the whole response
  bool verify_tls = true;                             ///< verify the server's certificate and host name (https://)
  std::size_t max_response_bytes = default_max_response_bytes;  ///< a larger body is a transport error
};

namespace detail {

#if CHATBIND_BEAST_TLS
using Connection = std::variant<boost::beast::tcp_stream, boost::beast::ssl_stream<boost::beast::tcp_stream>>;
#else
using Connection = std::variant<boost::beast::tcp_stream>;
#endif

inline boost::beast::tcp_stream& tcp_layer(Connection& connection) {
  return std::visit([](auto& s) -> boost::beast::tcp_stream& { return boost::beast::get_lowest_layer(s); }, connection);
}

/// What a transport shares with its pending operations: idle keep-alive connections by origin,
/// and the TLS context.
class SharedState {
 public:
  explicit SharedState([[maybe_unused]] bool verify_tls) {
#if CHATBIND_BEAST_TLS
    boost::system::error_code ignored;  // no default CA paths: every verification then fails, safely
    if (verify_tls) {
      tls_.set_default_verify_paths(ignored);
      tls_.set_verify_mode(asio::ssl::verify_peer);
    } else {
      tls_.set_verify_mode(asio::ssl::verify_none);
    }
#endif
  }

  std::optional<Connection> take(const std::string& origin) {
    std::lock_guard lock{mutex_};
    auto it = idle_.find(origin);
    if (it == idle_.end()) return std::nullopt;
    std::optional<Connection> connection{std::move(it->second)};
    idle_.erase(it);
    return connection;
  }
  void put(const std::string& origin, Connection connection) {
    std::lock_guard lock{mutex_};
    idle_.emplace(origin, std::move(connection));
  }

#if CHATBIND_BEAST_TLS
  asio::ssl::context& tls() noexcept { return tls_; }
#endif

 private:
#if CHATBIND_BEAST_TLS
  asio::ssl::context tls_{asio::ssl::context::tls_client};
#endif
  std::mutex mutex_;
  std::multimap<std::string, Connection> idle_;
};

}  // namespace detail

class BeastTransport {
 public:
  using executor_type = asio::any_io_executor;

  explicit BeastTransport(executor_type executor, BeastOptions options = {})
      : executor_(std::move(executor)),
        options_(options),
        shared_(std::make_shared<detail::SharedState>(options.verify_tls)) {}

  [[nodiscard]] executor_type get_executor() const noexcept { return executor_; }

  /// Sends the request (copied: the caller's may go away) and completes with the server's reply,
  /// whatever its status, or an ErrorKind::transport error naming what failed (never a header value).
  /// Completion signature: void(Result<HttpResponse>).
  template <BOOST_ASIO_COMPLETION_TOKEN_FOR(void(Result<HttpResponse>)) CompletionToken>
  auto async_send(const HttpRequest& request, CompletionToken&& token) {
    return asio::async_compose<CompletionToken, void(Result<HttpResponse>)>(
        SendOp{std::make_unique<Exchange>(*this, request)}, token, executor_);
  }

 private:
  using tcp = asio::ip::tcp;
  using error_code = boost::beast::error_code;

  /// One call's state, kept at a stable address while its operations are pending.
  struct Exchange {
    Exchange(const BeastTransport& transport, const HttpRequest& request)
        : options(transport.options_),
          shared(transport.shared_),
          base_url(request.base_url),
          executor(transport.executor_),
          resolver(transport.executor_) {
      if (auto valid = check_headers(request); !valid) {
        error = valid.error();
        return;
      }
      auto parsed = parse_origin(request.base_url);
      if (!parsed) {
        error = parsed.error();
        return;
      }
#if !CHATBIND_BEAST_TLS
      if (parsed->tls) {
        error = Error::make(ErrorKind::transport, "base URL \"" + request.base_url +
                                                      "\": https:// needs BeastTransport built with CHATBIND_BEAST_TLS (OpenSSL)");
        return;
      }
#endif
      origin = std::move(*parsed);
      namespace http = boost::beast::http;
      message.method_string(to_string(request.method));
      message.target(request.target());
      message.version(11);
      message.set(http::field::host, origin.host_header);
      for (const Header& h : request.headers) message.insert(h.name, h.value);
      message.body() = request.body;
      if (!request.body.empty() || request.method != Method::get) message.prepare_payload();
    }

    [[nodiscard]] std::string key() const {
      return (origin.tls ? "https:" : "http:") + origin.host + ':' + origin.port;
    }

    BeastOptions options;
    std::shared_ptr<detail::SharedState> shared;
    std::string base_url;
    Origin origin;
    std::optional<Error> error;  ///< a failure found before any I/O, reported from a posted step
    executor_type executor;
    tcp::resolver resolver;
    tcp::resolver::results_type endpoints;
    std::optional<detail::Connection> connection;  ///< optional: a tcp_stream is not move-assignable
    bool reused = false;
    boost::beast::http::request<boost::beast::http::string_body> message;
    boost::beast::flat_buffer buffer;
    std::optional<boost::beast::http::response_parser<boost::beast::http::string_body>> parser;
  };

  struct SendOp {
    enum class State { start, resolving, connecting, handshaking, writing, reading };
    std::unique_ptr<Exchange> x;
    State state = State::start;

    // The completions of async_compose's first step, async_resolve, async_connect and the others.
    template <class Self>
    void operator()(Self& self, error_code ec = {}, std::size_t = 0) {
      step(self, ec);
    }
    template <class Self>
    void operator()(Self& self, error_code ec, tcp::resolver::results_type endpoints) {
      x->endpoints = std::move(endpoints);
      step(self, ec);
    }
    template <class Self>
    void operator()(Self& self, error_code ec, const tcp::endpoint&) {
      step(self, ec);
    }

    template <class Self>
    void step(Self& self, error_code ec) {
      namespace http = boost::beast::http;
      Exchange& e = *x;
      switch (state) {
        case State::start:
          if (e.error) {  // complete from a posted step, never inside the initiating call
            state = State::reading;
            return asio::post(e.executor, std::move(self));
          }
          if (auto idle = e.shared->take(e.key())) {
            e.connection.emplace(std::move(*idle));
            e.reused = true;
            return write(self);
          }
          return resolve(self);
        case State::resolving:
          if (ec) return fail(self, "resolving " + e.origin.host + " failed: " + ec.message());
          state = State::connecting;
          new_connection();
          detail::tcp_layer(*e.connection).expires_after(e.options.connect_timeout);
          return detail::tcp_layer(*e.connection).async_connect(e.endpoints, std::move(self));
        case State::connecting:
          if (ec == boost::beast::error::timeout)
            return fail(self, "connect to " + e.base_url + " timed out after " + ms(e.options.connect_timeout));
          if (ec) return fail(self, "connect to " + e.base_url + " failed: " + ec.message());
          if (e.origin.tls) return handshake(self);
          return write(self);
        case State::handshaking:
          if (ec == boost::beast::error::timeout)
            return fail(self, "TLS handshake with " + e.base_url + " timed out after " + ms(e.options.connect_timeout));
          if (ec) return fail(self, "TLS handshake with " + e.base_url + " failed: " + ec.message());
          return write(self);
        case State::writing:
          if (ec) {
            if (retry(self)) return;
            if (ec == boost::beast::error::timeout)
              return fail(self,
                          "timed out after " + ms(e.options.request_timeout) + " sending the request to " + e.base_url);
            return fail(self, "sending the request to " + e.base_url + " failed: " + ec.message());
          }
          state = State::reading;
          e.parser.emplace();
          e.parser->body_limit(e.options.max_response_bytes);
          return std::visit([&](auto& s) { http::async_read(s, e.buffer, *e.parser, std::move(self)); }, *e.connection);
        case State::reading:
          if (e.error) return self.complete(Result<HttpResponse>{std::move(*e.error)});
          if (ec) {
            if (ec == boost::beast::http::error::body_limit)
              return fail(self, response_too_large_message(e.base_url, e.options.max_response_bytes));
            if (!e.parser->got_some() && retry(self)) return;
            if (ec == boost::beast::error::timeout)
              return fail(self, "timed out after " + ms(e.options.request_timeout) + " reading the response from " +
                                    e.base_url);
            if (closed_by_peer(ec))
              return fail(self,
                          "reading the response from " + e.base_url + " failed: the server closed the connection");
            return fail(self, "reading the response from " + e.base_url + " failed: " + ec.message());
          }
          return finish(self);
      }
    }

    static std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

    static bool closed_by_peer(error_code ec) {
#if CHATBIND_BEAST_TLS
      if (ec == asio::ssl::error::stream_truncated) return true;
#endif
      return ec == boost::beast::http::error::partial_message || ec == boost::beast::http::error::end_of_stream;
    }

    void new_connection() {
#if CHATBIND_BEAST_TLS
      if (x->origin.tls) {
        x->connection.emplace(std::in_place_index<1>, x->executor, x->shared->tls());
        return;
      }
#endif
      x->connection.emplace(std::in_place_index<0>, x->executor);
    }

    template <class Self>
    void resolve(Self& self) {
      state = State::resolving;
      x->resolver.async_resolve(x->origin.host, x->origin.port, std::move(self));
    }

    template <class Self>
    void handshake([[maybe_unused]] Self& self) {
#if CHATBIND_BEAST_TLS
      state = State::handshaking;
      auto& stream = std::get<1>(*x->connection);
      error_code not_an_address;
      (void)asio::ip::make_address(x->origin.host, not_an_address);
      if (not_an_address) {  // SNI carries host names only
        SSL_set_tlsext_host_name(stream.native_handle(), x->origin.host.c_str());
      }
      if (x->options.verify_tls) stream.set_verify_callback(asio::ssl::host_name_verification{x->origin.host});
      stream.async_handshake(asio::ssl::stream_base::client, std::move(self));
#endif
    }

    template <class Self>
    void write(Self& self) {
      state = State::writing;
      detail::tcp_layer(*x->connection).expires_after(x->options.request_timeout);
      auto& message = x->message;
      std::visit([&](auto& s) { boost::beast::http::async_write(s, message, std::move(self)); }, *x->connection);
    }

    /// A kept-alive connection the server has meanwhile closed: once, start over on a new one — for
    /// an idempotent method only. The server may have read a POST before it closed, and sending it
    /// again would repeat it (a message sent twice): that failure goes to the caller, whose retry
    /// policy knows whether the call carries a de-duplication key.
    template <class Self>
    bool retry(Self& self) {
      if (!x->reused) return false;
      const auto method = x->message.method();
      using boost::beast::http::verb;
      if (method != verb::get && method != verb::head && method != verb::put && method != verb::delete_ &&
          method != verb::options)
        return false;
      x->reused = false;
      x->connection.reset();
      x->buffer.clear();
      resolve(self);
      return true;
    }

    template <class Self>
    void finish(Self& self) {
      Exchange& e = *x;
      auto message = e.parser->release();
      HttpResponse response;
      response.status = static_cast<int>(message.result_int());
      for (const auto& field : message)
        response.headers.push_back({std::string{field.name_string()}, std::string{field.value()}});
      response.body = std::move(message.body());
      if (message.keep_alive() && e.buffer.size() == 0) {
        detail::tcp_layer(*e.connection).expires_never();
        e.shared->put(e.key(), std::move(*e.connection));
      }
      self.complete(Result<HttpResponse>{std::move(response)});
    }

    template <class Self>
    void fail(Self& self, std::string message) {
      if (x->connection) {
        error_code ignored;
        detail::tcp_layer(*x->connection).socket().close(ignored);
      }
      self.complete(Result<HttpResponse>{Error::make(ErrorKind::transport, std::move(message))});
    }
  };

  executor_type executor_;
  BeastOptions options_;
  std::shared_ptr<detail::SharedState> shared_;
};

}  // namespace chatbind::transport

namespace chatbind {

namespace detail {

template <EndpointDescriptor E, class AsyncTransport>
struct AsyncCallOp {
  AsyncTransport& transport;
  Result<HttpRequest> request;
  bool posted = false;

  template <class Self>
  void operator()(Self& self) {
    if (!request) {  // encoding failed: complete from a posted step, not inside async_call itself
      if (!posted) {
        posted = true;
        return boost::asio::post(transport.get_executor(), std::move(self));
      }
      return self.complete(Result<typename E::response>{request.error()});
    }
    transport.async_send(*request, std::move(self));
  }

  template <class Self>
  void operator()(Self& self, Result<HttpResponse> response) {
    if (!response) return self.complete(Result<typename E::response>{response.error()});
    self.complete(decode_response<E>(*response));
  }
};

}  // namespace detail

/// The asynchronous chatbind::call: encode_request<E> -> transport.async_send -> decode_response<E>.
/// Works with any transport offering get_executor() and async_send(const HttpRequest&, token)
/// (BeastTransport); completes with Result<E::response>. The transport must outlive the operation.
template <EndpointDescriptor E, class AsyncTransport,
          BOOST_ASIO_COMPLETION_TOKEN_FOR(void(Result<typename E::response>)) CompletionToken>
auto async_call(AsyncTransport& transport, const typename E::request& request, const credentials_t<E>& credentials,
                CompletionToken&& token) {
  return boost::asio::async_compose<CompletionToken, void(Result<typename E::response>)>(
      detail::AsyncCallOp<E, AsyncTransport>{transport, encode_request<E>(request, credentials)}, token,
      transport.get_executor());
}

}  // namespace chatbind
