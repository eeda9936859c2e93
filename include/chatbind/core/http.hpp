// chatbind — HTTP request/response values and the Transport concept. chatbind never owns a socket:
// a Transport is any callable that turns an HttpRequest into a Result<HttpResponse>.
#pragma once

#include "chatbind/core/error.hpp"

#include <algorithm>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind {

/// The largest response body the shipped transports read by default (each has an option to change
/// it); a larger one is a transport error, before it is held in memory.
inline constexpr std::size_t default_max_response_bytes = std::size_t{64} << 20;

/// The transport error for a response body past the transport's limit.
[[nodiscard]] inline std::string response_too_large_message(const std::string& base_url, std::size_t limit) {
  return "the response from " + base_url + " exceeds the limit of " + std::to_string(limit) +
         " bytes (max_response_bytes)";
}

enum class Method { get, post, put, patch, delete_ };

constexpr std::string_view to_string(Method m) noexcept {
  switch (m) {
    case Method::get: return "GET";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::patch: return "PATCH";
    case Method::delete_: return "DELETE";
  }
  return "GET";
}

/// How an endpoint's request struct travels.
enum class Body {
  none,      ///< no body: the request's members go into the query string
  json,      ///< `application/json` body
  protobuf,  ///< `application/x-protobuf` body
  multipart, ///< `multipart/form-data` body (file uploads; see core/multipart.hpp)
  text,      ///< `text/plain` body (the request's `body` string), its parameters in the query
  form,      ///< `application/x-www-form-urlencoded` body: the request's members, encoded as a query string is
};

struct Header {
  std::string name;
  std::string value;
  bool sensitive = false;  ///< a credential: redacted whenever the request is printed

  friend bool operator==(const Header&, const Header&) = default;
};

inline bool iequals(std::string_view a, std::string_view b) noexcept {
  return std::ranges::equal(a, b, [](char x, char y) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

/// `s` without the spaces, tabs, CRs and LFs around it.
constexpr std::string_view trim(std::string_view s) noexcept {
  constexpr std::string_view space = " \t\r\n";
  const auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

/// Whether a text heartbeat's frame is the answer `pong`: it starts with it, in any case, after any
/// leading whitespace ("PONG", "pong", " Pong 1725531286"), as the official demos read it.
inline bool is_pong_frame(std::string_view frame, std::string_view pong) noexcept {
  const std::string_view text = trim(frame);
  return !pong.empty() && text.size() >= pong.size() && iequals(text.substr(0, pong.size()), pong);
}

/// A header value that is one number (surrounding whitespace ignored), e.g. Retry-After's seconds
/// form; nothing for an empty or malformed value (a date, "12abc"). Header values are untrusted:
/// callers clamp what they get.
template <class T>
[[nodiscard]] std::optional<T> header_number(std::string_view value) noexcept {
  const std::string_view text = trim(value);
  if (text.empty()) return std::nullopt;
  T number{};
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return number;
}

/// Finds a header by case-insensitive name; nullptr when absent.
template <class Headers>
auto find_header(Headers& headers, std::string_view name) -> decltype(&*headers.begin()) {
  for (auto& h : headers)
    if (iequals(h.name, name)) return &h;
  return nullptr;
}

/// A request body that arrives in pieces (the Yunhu bot's streamed message): each call gives the next
/// piece, an empty optional when the body is complete, or an Error that abandons the request (the
/// transport returns it). See send_streamed().
using BodyStream = std::function<Result<std::optional<std::string>>()>;

struct HttpRequest {
  Method method = Method::get;
  std::string base_url;  ///< scheme://host[:port], no trailing slash
  std::string path;      ///< e.g. "/chatroom/v2/room/view"
  std::vector<std::pair<std::string, std::string>> query;  ///< decoded name/value pairs, in order
  std::vector<Header> headers;
  std::string body;
  /// The names of query parameters that carry a credential (Yunhu's `?token=`): redacted whenever the
  /// request is printed, like a sensitive header.
  std::vector<std::string> secret_query{};
  /// The names of form fields (Body::form) that carry a credential (an OAuth client_secret, a refresh
  /// token): their values are redacted whenever the request is printed.
  std::vector<std::string> secret_form{};
  /// When set, the body's pieces (`body` is then empty): a transport that streams request bodies
  /// (streams_request_bodies<T>) sends them as they come, with chunked transfer coding; send_streamed()
  /// gathers them into `body` for any other transport.
  BodyStream body_stream{};

  /// The header's value, or an empty view when absent.
  [[nodiscard]] std::string_view header(std::string_view name) const {
    const Header* h = find_header(headers, name);
    return h ? std::string_view{h->value} : std::string_view{};
  }
  /// path + "?" + percent-encoded query (what goes on the request line).
  [[nodiscard]] std::string target() const;
  /// base_url + target().
  [[nodiscard]] std::string url() const { return base_url + target(); }
};

struct HttpResponse {
  int status = 200;
  std::vector<Header> headers;
  std::string body;

  [[nodiscard]] std::string_view header(std::string_view name) const {
    const Header* h = find_header(headers, name);
    return h ? std::string_view{h->value} : std::string_view{};
  }
};

/// Percent-encodes a query component (RFC 3986 unreserved characters stay as they are).
inline std::string percent_encode(std::string_view in) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (unsigned char c : in) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

/// `name=value&…`, each percent-encoded: a query string without its `?`, and the body of an
/// `application/x-www-form-urlencoded` request.
[[nodiscard]] inline std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += percent_encode(name);
    out += '=';
    out += percent_encode(value);
  }
  return out;
}

inline std::string HttpRequest::target() const {
  return query.empty() ? path : path + '?' + form_encode(query);
}

/// Transports refuse to send a header whose name is empty or not an HTTP token, or whose value holds
/// a CR, LF or NUL (which would let a value inject headers): an invalid_request error naming it.
inline Result<void> check_headers(const HttpRequest& r) {
  for (const auto& h : r.headers) {
    const bool token = !h.name.empty() && std::ranges::all_of(h.name, [](unsigned char c) {
      return c > 0x20 && c < 0x7F && std::string_view{"\"(),/:;<=>?@[\\]{}"}.find(static_cast<char>(c)) ==
                                         std::string_view::npos;
    });
    if (!token) return Error::make(ErrorKind::invalid_request, "a request header name is not a valid HTTP token");
    if (h.value.find_first_of(std::string_view{"\r\n\0", 3}) != std::string::npos)
      return Error::make(ErrorKind::invalid_request, "the value of request header " + h.name +
                                                         " contains a line break or NUL");
  }
  return {};
}

inline constexpr std::string_view form_content_type = "application/x-www-form-urlencoded";

/// The name/value pairs of an `application/x-www-form-urlencoded` body (or a query string without its
/// `?`), in order: `%XX` decoded, `+` read as a space, a field without `=` has an empty value. A
/// malformed escape is an error naming the field, never a guess.
[[nodiscard]] inline Result<std::vector<std::pair<std::string, std::string>>> form_decode(std::string_view body) {
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  const auto decode = [&](std::string_view in, std::string& out) {
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '+') {
        out += ' ';
      } else if (in[i] != '%') {
        out += in[i];
      } else {
        if (in.size() - i < 3) return false;  // '%' and two hex digits
        const int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
      }
    }
    return true;
  };
  std::vector<std::pair<std::string, std::string>> fields;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view field = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (field.empty()) continue;
    const std::size_t eq = field.find('=');
    std::string name, value;
    if (!decode(field.substr(0, eq), name))
      return Error::make(ErrorKind::syntax, "a form field name has a malformed %-escape");
    if (eq != std::string_view::npos && !decode(field.substr(eq + 1), value))
      return Error::make(ErrorKind::syntax, "a malformed %-escape", name);
    fields.emplace_back(std::move(name), std::move(value));
  }
  return fields;
}

namespace detail {

/// A form body as printed: the values of the fields named in `secret` replaced by "<redacted>"
/// (matched on the encoded name: field names are plain ASCII words).
[[nodiscard]] inline std::string redacted_form(std::string_view body, const std::vector<std::string>& secret) {
  std::string out;
  while (true) {
    const std::size_t amp = body.find('&');
    const std::string_view field = body.substr(0, amp);
    const std::size_t eq = field.find('=');
    const std::string_view name = field.substr(0, eq);
    out += name;
    if (eq != std::string_view::npos) {
      out += '=';
      if (std::ranges::find(secret, name) != secret.end())
        out += "<redacted>";
      else
        out += field.substr(eq + 1);
    }
    if (amp == std::string_view::npos) break;
    out += '&';
    body.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace detail

/// A printable form of a request for logs: credentials are replaced by "<redacted>" (a sensitive
/// header, a query parameter of the same name, as Heychat's websocket repeats its token there, the
/// query parameters named in secret_query, and the form fields named in secret_form).
inline std::string to_string(const HttpRequest& r) {
  std::string out{to_string(r.method)};
  out += ' ';
  HttpRequest shown{r.method, r.base_url, r.path, r.query, {}, {}, {}};
  for (auto& [name, value] : shown.query) {
    const Header* h = find_header(r.headers, name);
    if ((h && h->sensitive) || std::ranges::find(r.secret_query, name) != r.secret_query.end()) value = "<redacted>";
  }
  out += shown.url();
  out += '\n';
  for (const auto& h : r.headers) {
    out += h.name;
    out += ": ";
    out += h.sensitive ? std::string_view{"<redacted>"} : std::string_view{h.value};
    out += '\n';
  }
  if (r.body_stream) out += "\n(a streamed body)\n";
  if (!r.body.empty()) {
    // Text bodies as they are (the first 4 KiB); a binary one (protobuf, a file in a form) as its size.
    constexpr std::size_t shown_bytes = 4096;
    const bool binary = std::any_of(r.body.begin(), r.body.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
    });
    out += '\n';
    const Header* content_type = find_header(r.headers, "Content-Type");
    if (!binary && content_type && content_type->value.starts_with(form_content_type)) {
      out += detail::redacted_form(std::string_view{r.body}.substr(0, shown_bytes), r.secret_form);
      if (r.body.size() > shown_bytes) out += "… (" + std::to_string(r.body.size()) + " bytes in all)";
    } else if (binary) {
      out += "<" + std::to_string(r.body.size()) + " bytes of " +
             (content_type ? content_type->value : std::string{"binary data"}) + ">";
    } else {
      out.append(r.body, 0, shown_bytes);
      if (r.body.size() > shown_bytes) out += "… (" + std::to_string(r.body.size()) + " bytes in all)";
    }
  }
  return out;
}

inline std::ostream& operator<<(std::ostream& os, Method m) { return os << to_string(m); }

inline std::ostream& operator<<(std::ostream& os, const HttpRequest& r) { return os << to_string(r); }

inline std::ostream& operator<<(std::ostream& os, const HttpResponse& r) {
  return os << "HTTP " << r.status << " (" << r.body.size() << " bytes)";
}

/// A transport is any callable taking the request and returning an HttpResponse or a
/// Result<HttpResponse> (so that it can report connection failures as typed errors).
template <class T>
concept Transport = std::invocable<T&, const HttpRequest&> &&
                    std::convertible_to<std::invoke_result_t<T&, const HttpRequest&>, Result<HttpResponse>>;

/// Whether a transport sends HttpRequest::body_stream itself, piece by piece (it says so with a
/// `static constexpr bool streams_request_bodies = true;`): the cpp-httplib and libcurl adapters do.
template <class T>
inline constexpr bool streams_request_bodies = [] {
  if constexpr (requires { T::streams_request_bodies; })
    return bool{T::streams_request_bodies};
  else
    return false;
}();

/// Sends a request whose body may be streamed: as it is through a transport that streams request
/// bodies; through any other, with the pieces gathered into `body` first (an Error from the stream
/// is returned unsent).
template <Transport T>
[[nodiscard]] Result<HttpResponse> send_streamed(T& transport, HttpRequest request) {
  if (request.body_stream && !streams_request_bodies<std::remove_cvref_t<T>>) {
    for (;;) {
      auto piece = request.body_stream();
      if (!piece) return piece.error();
      if (!*piece) break;
      request.body += **piece;
    }
    request.body_stream = nullptr;
  }
  return transport(std::as_const(request));
}

}  // namespace chatbind
