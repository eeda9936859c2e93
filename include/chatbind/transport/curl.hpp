// chatbind — a blocking Transport over libcurl.
//
//   <platform>::Client client{chatbind::transport::CurlTransport{}, credentials};  // any platform's client
//
// Link the `chatbind::transport_curl` CMake target (CURL::libcurl). A CurlTransport owns one curl
// easy handle, reused for every call so that libcurl keeps connections alive between calls to the
// same host. It is movable, not copyable (a handle must not be shared); use one object per thread.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace chatbind::transport {

struct CurlOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{30'000};  ///< the whole exchange, connecting included
  bool verify_tls = true;                     ///< verify the server's certificate and host name (https://)
  std::size_t max_response_bytes = default_max_response_bytes;  ///< a larger body is a transport error
};

class CurlTransport {
 public:
  /// HttpRequest::body_stream is sent piece by piece (chunked transfer coding).
  static constexpr bool streams_request_bodies = true;

  explicit CurlTransport(CurlOptions options = {}) : options_(options) {
    static const CURLcode global_init = curl_global_init(CURL_GLOBAL_DEFAULT);  // once, thread-safe
    (void)global_init;
  }

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
  struct EasyCleanup {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
  };
  struct SlistFree {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
  };
  using Slist = std::unique_ptr<curl_slist, SlistFree>;

  /// Where the callbacks write; they must not throw into libcurl, so they record an allocation
  /// failure here and abort the transfer.
  struct Reply {
    HttpResponse response;
    std::size_t limit = default_max_response_bytes;
    bool out_of_memory = false;
    bool too_large = false;
  };

  /// A streamed request body as libcurl reads it: the current piece and where the stream stopped.
  struct Upload {
    const BodyStream* stream = nullptr;
    std::string piece;
    std::size_t sent = 0;
    std::optional<Error> failed;
    bool out_of_memory = false;
  };

  Result<HttpResponse> send(const HttpRequest& request) {
    if (auto valid = check_headers(request); !valid) return valid.error();
    if (!easy_) easy_.reset(curl_easy_init());  // first call, or after being moved from
    if (!easy_) return Error::make(ErrorKind::transport, "curl_easy_init failed");
    CURL* h = easy_.get();
    curl_easy_reset(h);  // options only: the connection cache survives

    Slist headers;
    auto add_header = [&headers](const std::string& line) {
      curl_slist* appended = curl_slist_append(headers.get(), line.c_str());
      if (!appended) throw std::bad_alloc{};
      (void)headers.release();
      headers.reset(appended);
    };
    for (const Header& hd : request.headers)  // "Name;" is libcurl's spelling of an empty value
      add_header(hd.value.empty() ? hd.name + ";" : hd.name + ": " + hd.value);
    add_header("Expect:");  // no 100-continue round trip for large bodies
    if (request.header("Content-Type").empty()) add_header("Content-Type:");  // no form default
    if (request.body_stream) add_header("Transfer-Encoding: chunked");

    std::array<char, CURL_ERROR_SIZE> detail{};
    Reply reply;
    reply.limit = options_.max_response_bytes;
    const std::string url = request.url();
    bool ok = set(h, CURLOPT_URL, url.c_str()) && set(h, CURLOPT_ERRORBUFFER, detail.data()) && allow_http_only(h) &&
              set(h, CURLOPT_NOSIGNAL, 1L) && set(h, CURLOPT_HTTPHEADER, headers.get()) &&
              set(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count())) &&
              set(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count())) &&
              set(h, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L) &&
              set(h, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L) &&
              set(h, CURLOPT_WRITEFUNCTION, static_cast<curl_write_callback>(&on_body)) &&
              set(h, CURLOPT_WRITEDATA, &reply) &&
              set(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes)) &&
              set(h, CURLOPT_HEADERFUNCTION, static_cast<curl_write_callback>(&on_header)) &&
              set(h, CURLOPT_HEADERDATA, &reply);
    Upload upload;
    upload.stream = &request.body_stream;
    if (request.body_stream) {
      ok = ok && set(h, CURLOPT_POST, 1L) && set(h, CURLOPT_READFUNCTION, static_cast<curl_read_callback>(&on_upload)) &&
           set(h, CURLOPT_READDATA, &upload);
      if (request.method != Method::post)
        ok = ok && set(h, CURLOPT_CUSTOMREQUEST, std::string{to_string(request.method)}.c_str());
    } else if (request.method == Method::get && request.body.empty()) {
      ok = ok && set(h, CURLOPT_HTTPGET, 1L);
    } else {  // a body (possibly empty) makes it a POST; other methods rename it
      ok = ok && set(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())) &&
           set(h, CURLOPT_POSTFIELDS, request.body.data());
      if (request.method != Method::post) {
        ok = ok && set(h, CURLOPT_CUSTOMREQUEST, std::string{to_string(request.method)}.c_str());
      }
    }
    if (!ok) return Error::make(ErrorKind::transport, "configuring libcurl failed");

    const CURLcode code = curl_easy_perform(h);
    if (reply.out_of_memory || upload.out_of_memory) throw std::bad_alloc{};
    if (upload.failed) return *upload.failed;  // the body's stream gave up: its error, not libcurl's
    if (reply.too_large || code == CURLE_FILESIZE_EXCEEDED)
      return Error::make(ErrorKind::transport, response_too_large_message(request.base_url, options_.max_response_bytes));
    if (code != CURLE_OK) return failure(request.base_url, code, detail.data());
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    reply.response.status = static_cast<int>(status);
    return std::move(reply.response);
  }

  /// A base URL is never file://, ftp:// or any other scheme libcurl knows.
  static bool allow_http_only(CURL* h) {
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85: CURLOPT_PROTOCOLS is deprecated
    return set(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    return set(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  }

  template <class Value>
  static bool set(CURL* h, CURLoption option, Value value) {
    return curl_easy_setopt(h, option, value) == CURLE_OK;
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
    auto& reply = *static_cast<Reply*>(user);
    if (size * count > reply.limit - reply.response.body.size()) {  // the body never passes the limit
      reply.too_large = true;
      return 0;
    }
    try {
      reply.response.body.append(data, size * count);
      return size * count;
    } catch (...) {
      reply.out_of_memory = true;
      return 0;
    }
  }

  /// One header line per call, CRLF included. A status line starts a new response (after a
  /// 100 Continue, say), so it drops the headers collected so far.
  /// Fills libcurl's buffer from the stream's pieces; 0 ends the body, an abort carries the stream's error.
  static std::size_t on_upload(char* buffer, std::size_t size, std::size_t count, void* user) noexcept {
    auto& upload = *static_cast<Upload*>(user);
    try {
      while (upload.sent == upload.piece.size()) {
        auto next = (*upload.stream)();
        if (!next) {
          upload.failed = next.error();
          return CURL_READFUNC_ABORT;
        }
        if (!*next) return 0;  // complete
        upload.piece = std::move(**next);
        upload.sent = 0;
      }
      const std::size_t n = std::min(size * count, upload.piece.size() - upload.sent);
      std::memcpy(buffer, upload.piece.data() + upload.sent, n);
      upload.sent += n;
      return n;
    } catch (const std::bad_alloc&) {
      upload.out_of_memory = true;
    } catch (...) {
      upload.failed = Error::make(ErrorKind::transport, "the request body's stream threw");
    }
    return CURL_READFUNC_ABORT;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
    auto& reply = *static_cast<Reply*>(user);
    std::string_view line{data, size * count};
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    try {
      if (line.starts_with("HTTP/")) {
        reply.response.headers.clear();
      } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        reply.response.headers.push_back({std::string{line.substr(0, colon)}, std::string{value}});
      }
      return size * count;
    } catch (...) {
      reply.out_of_memory = true;
      return 0;
    }
  }

  Error failure(const std::string& base_url, CURLcode code, const char* detail) const {
    const std::string why = *detail ? std::string{detail} : std::string{curl_easy_strerror(code)};
    auto ms = [](std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; };
    std::string message;
    switch (code) {
      case CURLE_COULDNT_RESOLVE_HOST:
        message = "resolving the host of " + base_url + " failed: " + why;
        break;
      case CURLE_COULDNT_CONNECT: {
        long os_error = 0;  // "Connection refused" says more than libcurl's "Couldn't connect to server"
        curl_easy_getinfo(easy_.get(), CURLINFO_OS_ERRNO, &os_error);
        message = "connect to " + base_url +
                  " failed: " + (os_error != 0 ? std::system_category().message(static_cast<int>(os_error)) : why);
        break;
      }
      case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t connect_time = 0;
        curl_easy_getinfo(easy_.get(), CURLINFO_CONNECT_TIME_T, &connect_time);
        message = connect_time == 0
                      ? "timed out after " + ms(options_.connect_timeout) + " connecting to " + base_url
                      : "timed out after " + ms(options_.timeout) + " waiting for the response from " + base_url;
        break;
      }
      case CURLE_PARTIAL_FILE:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
        message = "reading the response from " + base_url + " failed: connection closed or reset (" + why + ")";
        break;
      case CURLE_SEND_ERROR:
        message = "sending the request to " + base_url + " failed: " + why;
        break;
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_CERTPROBLEM:
        message = "TLS with " + base_url + " failed: " + why;
        break;
      default:
        message = "request to " + base_url + " failed: " + why;
        break;
    }
    return Error::make(ErrorKind::transport, std::move(message));
  }

  CurlOptions options_;
  std::unique_ptr<CURL, EasyCleanup> easy_;
};

}  // namespace chatbind::transport
