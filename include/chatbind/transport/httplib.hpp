// chatbind — a blocking Transport over cpp-httplib (<httplib.h>).
//
//   <platform>::Client client{chatbind::transport::HttplibTransport{}, credentials};  // any platform's client
//
// Link the `chatbind::transport_httplib` CMake target: it brings cpp-httplib with the compile
// definitions its build expects (Debian's libcpp-httplib is a compiled library built with
// CPPHTTPLIB_OPENSSL_SUPPORT, so https:// works there; with the single-header cpp-httplib, define
// CPPHTTPLIB_OPENSSL_SUPPORT and link OpenSSL for https://).
//
// One httplib::Client is kept per base URL, so consecutive calls to the same host reuse the
// connection (HTTP keep-alive). A transport object is meant for one thread at a time; it is movable,
// not copyable (copies would silently share or duplicate connections).
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"

#include <httplib.h>

#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace chatbind::transport {

struct HttplibOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds read_timeout{30'000};   ///< waiting for each part of the response
  std::chrono::milliseconds write_timeout{30'000};  ///< sending each part of the request
  bool verify_tls = true;                           ///< verify the server's certificate (https://)
  std::size_t max_response_bytes = default_max_response_bytes;  ///< a larger body is a transport error
};

class HttplibTransport {
 public:
  /// HttpRequest::body_stream is sent piece by piece (chunked transfer coding).
  static constexpr bool streams_request_bodies = true;

  explicit HttplibTransport(HttplibOptions options = {}) : options_(options) {}

  /// Sends the request and returns the server's reply, whatever its status. Transport failures are
  /// ErrorKind::transport errors naming what failed (never a header value). Never throws.
  Result<HttpResponse> operator()(const HttpRequest& request) {
    try {
      return send(request);
    } catch (const std::exception& e) {
      return Error::make(ErrorKind::transport, "request to " + request.base_url + " failed: " + e.what());
    }
  }

 private:
  Result<HttpResponse> send(const HttpRequest& request) {
    if (auto valid = check_headers(request); !valid) return valid.error();
    httplib::Client& client = client_for(request.base_url);
    if (!client.is_valid()) {
      return Error::make(ErrorKind::transport, "cannot connect to \"" + request.base_url +
                                                   "\": not an http:// URL (or https:// without TLS support)");
    }

    httplib::Request req;
    req.method = std::string{to_string(request.method)};
    req.path = request.target();
    for (const Header& h : request.headers) req.headers.emplace(h.name, h.value);
    req.body = request.body;
    // A streamed body: httplib's chunked content provider (the fields its own Post(…, provider, …)
    // fills), so that the response keeps its size-limited receiver below.
    std::optional<Error> stream_failed;
    if (request.body_stream) {
      req.set_header("Transfer-Encoding", "chunked");
      req.is_chunked_content_provider_ = true;
      req.content_provider_ = [&](std::size_t, std::size_t, httplib::DataSink& sink) {
        auto piece = request.body_stream();
        if (!piece) {
          stream_failed = piece.error();
          return false;  // cancels the request
        }
        if (!*piece) {
          sink.done();
          return true;
        }
        return (*piece)->empty() || sink.write((*piece)->data(), (*piece)->size());
      };
    }

    // The body arrives through a receiver that stops at the limit, before it is held in memory.
    std::string body;
    bool too_large = false;
    req.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
      if (n > options_.max_response_bytes - body.size()) {
        too_large = true;
        return false;
      }
      body.append(data, n);
      return true;
    };
    const auto start = std::chrono::steady_clock::now();
    httplib::Result result = client.send(req);
    if (stream_failed) return *stream_failed;
    if (too_large)
      return Error::make(ErrorKind::transport, response_too_large_message(request.base_url, options_.max_response_bytes));
    if (!result) return failure(request.base_url, result.error(), std::chrono::steady_clock::now() - start);

    HttpResponse response;
    response.status = result->status;
    for (const auto& [name, value] : result->headers) response.headers.push_back({name, value});
    response.body = std::move(body);
    return response;
  }

  httplib::Client& client_for(const std::string& base_url) {
    auto it = clients_.find(base_url);
    if (it == clients_.end()) {
      auto client = std::make_unique<httplib::Client>(base_url);
      client->set_connection_timeout(options_.connect_timeout);
      client->set_read_timeout(options_.read_timeout);
      client->set_write_timeout(options_.write_timeout);
      client->set_keep_alive(true);
      client->set_tcp_nodelay(true);  // headers and body are written apart: no Nagle wait for the second write
      client->set_url_encode(false);  // request.target() is already percent-encoded
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
      client->enable_server_certificate_verification(options_.verify_tls);
#endif
      it = clients_.emplace(base_url, std::move(client)).first;
    }
    return *it->second;
  }

  /// httplib reports a timeout and a connection closed mid-response alike (Error::Read): the elapsed
  /// time tells them apart.
  Error failure(const std::string& base_url, httplib::Error error, std::chrono::steady_clock::duration elapsed) const {
    using enum httplib::Error;
    auto ms = [](std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; };
    const bool timed_out = elapsed >= options_.read_timeout;
    std::string message;
    switch (error) {
      case Connection:
        message = "connect to " + base_url + " failed: host not found, connection refused or unreachable";
        break;
      case ConnectionTimeout:
        message = "connect to " + base_url + " timed out after " + ms(options_.connect_timeout);
        break;
      case Read:
        message = timed_out ? "timed out after " + ms(options_.read_timeout) + " reading the response from " + base_url
                            : "reading the response from " + base_url + " failed: connection closed or reset";
        break;
      case Write:
        message = "sending the request to " + base_url + " failed: connection closed, reset or timed out";
        break;
      case SSLConnection:
        message = "TLS handshake with " + base_url + " failed";
        break;
      case SSLServerVerification:
        message = "TLS certificate verification of " + base_url + " failed";
        break;
      case SSLLoadingCerts:
        message = "loading the trusted CA certificates failed";
        break;
      default:
        message = "request to " + base_url + " failed: " + httplib::to_string(error);
        break;
    }
    return Error::make(ErrorKind::transport, std::move(message));
  }

  HttplibOptions options_;
  std::map<std::string, std::unique_ptr<httplib::Client>> clients_;
};

}  // namespace chatbind::transport
