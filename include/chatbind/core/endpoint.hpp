// chatbind — the sans-IO heart: encode_request<Endpoint> and decode_response<Endpoint>.
//
// An endpoint descriptor is compile-time data:
//   struct ViewRoom {
//     using platform = heychat::Platform;
//     static constexpr Method method = Method::get;
//     static constexpr std::string_view path = "/chatroom/v2/room/view";
//     static constexpr Body body = Body::none;
//     using request = ViewRoomRequest;
//     using response = RoomView;
//   };
// An endpoint with query parameters beside its body also names `using query = KickFromChannelQuery;`;
// its request is then `{query, body}` (the generated <Name>Request), and each part travels where it should.
// A form endpoint (Body::form) may name `static constexpr std::array<std::string_view, N> secret_fields`: the
// form fields that carry a credential, which printing the request redacts (HttpRequest::secret_form).
// The platform type (the PlatformPolicy concept below) says how credentials are attached and how
// the response envelope is unwrapped; the envelope helpers it uses are in core/envelope.hpp.
#pragma once

#include "chatbind/core/envelope.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/limits.hpp"
#include "chatbind/core/query.hpp"
#include "chatbind/core/retry.hpp"

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>

// The protobuf and multipart codecs are declared here and defined in their headers, which the
// generated group headers include only where a body needs them: a JSON-only group never parses them.
namespace chatbind::protobuf {
template <class T>
constexpr std::string encode(const T& message);
}  // namespace chatbind::protobuf
namespace chatbind::multipart {
struct Encoded;
template <class T>
Result<Encoded> encode(const T& request);
}  // namespace chatbind::multipart

namespace chatbind {

/// What a platform's policy (include/chatbind/<platform>/platform.hpp) provides:
///   struct Platform {
///     using credentials = ...;                                       // token, secret, base_url, ...
///     static constexpr std::string_view result_key = "result";       // error paths start here
///     static Result<void> authorize(HttpRequest&, const credentials&);  // headers, query, signature
///     template <class Payload>                                       // the JSON envelope, read in one pass:
///     static Result<Payload> unwrap(const HttpResponse&, const DecodeLimits&);  // the payload or a typed error
///     // optional: template <class E> static Result<void> check(const request-or-body&);
///     //   (a rule the server enforces, checked before the request is built: an invalid_request error)
///     // optional: template <class E> static std::string base_url(const credentials&, const E&);
///     //   (default: the endpoint's own host if it has one, else credentials.base_url)
///     // protobuf platforms: template <class Message>
///     //   static Result<Message> unwrap_protobuf(const HttpResponse&, const DecodeLimits&);
///   };
template <class P>
concept PlatformPolicy = requires(HttpRequest& request, const typename P::credentials& credentials,
                                  const HttpResponse& response, const DecodeLimits& limits) {
  { P::result_key } -> std::convertible_to<std::string_view>;
  { P::authorize(request, credentials) } -> std::same_as<Result<void>>;
  { P::template unwrap<Empty>(response, limits) } -> std::same_as<Result<Empty>>;
};

template <class E>
concept EndpointDescriptor = PlatformPolicy<typename E::platform> && requires {
  typename E::platform;
  typename E::request;
  typename E::response;
  { E::method } -> std::convertible_to<Method>;
  { E::path } -> std::convertible_to<std::string_view>;
  { E::body } -> std::convertible_to<Body>;
};

template <class E>
using credentials_t = typename E::platform::credentials;

/// The scheme://host[:port] a call goes to: the platform's own rule when it has one, else the
/// endpoint's host when it lives elsewhere (E::base_url), else the credentials' base_url.
template <class E>
[[nodiscard]] std::string base_url_of(const credentials_t<E>& credentials) {
  if constexpr (requires { E::platform::base_url(credentials, E{}); }) {
    return E::platform::base_url(credentials, E{});
  } else if constexpr (requires { E::base_url; }) {
    return std::string{E::base_url};
  } else {
    return credentials.base_url;
  }
}

inline constexpr std::string_view json_content_type = "application/json;charset=UTF-8";
inline constexpr std::string_view protobuf_content_type = "application/x-protobuf";
inline constexpr std::string_view text_content_type = "text/plain;charset=UTF-8";

/// A customisation point: a platform may fill a request's client-chosen values before it is encoded
/// (Yunhu's send-message takes a fresh msg_id when the caller leaves it empty). Specialise it with
/// `static Result<void> fill(Request&)`.
template <class Request>
struct RequestDefaults;

template <class Request>
concept HasRequestDefaults = requires(Request& r) {
  { RequestDefaults<Request>::fill(r) } -> std::same_as<Result<void>>;
};

namespace detail {

/// Refuses a header that could end the header block early: CR, LF or NUL in a name or value (a
/// token or a nonce with a line break would inject a header through any transport, not only the
/// shipped ones, which check again). The error names the header, never its value.
[[nodiscard]] inline Result<void> check_header_values(const HttpRequest& request) {
  for (const auto& h : request.headers) {
    const auto bad = [](std::string_view s) { return s.find_first_of(std::string_view{"\r\n\0", 3}) != std::string_view::npos; };
    if (bad(h.name) || bad(h.value))
      return Error::make(ErrorKind::invalid_request, "header \"" + std::string{h.name.substr(0, 64)} +
                                                         "\" contains CR, LF or NUL (a credential or nonce with a line break?)");
  }
  return {};
}

/// An endpoint with query parameters beside its body names their struct `query`; its request is
/// then `{query, body}`.
template <class E>
concept HasQueryAndBody = requires { typename E::query; };

/// An endpoint the spec marks `security: []` (a public lookup) says `anonymous = true`: the
/// platform's authorize() is not called, so no credential travels with it.
template <class E>
inline constexpr bool is_anonymous = requires { requires E::anonymous; };

template <EndpointDescriptor E>
[[nodiscard]] Result<HttpRequest> encode_filled_request(const typename E::request& whole,
                                                        const credentials_t<E>& credentials) {
  HttpRequest out;
  out.method = E::method;
  out.base_url = base_url_of<E>(credentials);
  out.path = std::string{E::path};
  const auto& request = [&]() -> const auto& {
    if constexpr (HasQueryAndBody<E>) {
      query::append(whole.query, out.query);
      return whole.body;
    } else {
      return whole;
    }
  }();
  if constexpr (requires { E::platform::template check<E>(request); }) {  // a rule the platform enforces
    if (auto valid = E::platform::template check<E>(request); !valid) return valid.error();
  }
  if constexpr (E::body == Body::json) {
    auto text = json::to_string(request);
    if (!text) return text.error();
    out.body = std::move(*text);
    out.headers.push_back({"Content-Type", std::string{json_content_type}});
  } else if constexpr (E::body == Body::protobuf) {
    out.body = protobuf::encode(request);
    out.headers.push_back({"Content-Type", std::string{protobuf_content_type}});
  } else if constexpr (E::body == Body::multipart) {
    auto form = multipart::encode(request);
    if (!form) return form.error();
    out.body = std::move(form->body);
    out.headers.push_back({"Content-Type", std::move(form->content_type)});
  } else if constexpr (E::body == Body::form) {
    std::vector<std::pair<std::string, std::string>> fields;
    query::append(request, fields);
    out.body = form_encode(fields);
    out.headers.push_back({"Content-Type", std::string{form_content_type}});
    if constexpr (requires { E::secret_fields; })
      for (std::string_view name : E::secret_fields) out.secret_form.emplace_back(name);
  } else if constexpr (E::body == Body::text) {
    static_assert(HasQueryAndBody<E>, "a text body travels beside query parameters");
    out.body = request;
    out.headers.push_back({"Content-Type", std::string{text_content_type}});
  } else {
    static_assert(E::body == Body::none);
    query::append(request, out.query);
  }
  if constexpr (!is_anonymous<E>) {
    if (auto authorized = E::platform::authorize(out, credentials); !authorized) return authorized.error();
  }
  if (auto safe = check_header_values(out); !safe) return safe.error();
  return out;
}

}  // namespace detail

/// Builds the HTTP request for one call. Pure: no I/O, no clock (unless the platform signs).
template <EndpointDescriptor E>
[[nodiscard]] Result<HttpRequest> encode_request(const typename E::request& request, const credentials_t<E>& credentials) {
  if constexpr (HasRequestDefaults<typename E::request>) {
    typename E::request filled = request;
    if (auto r = RequestDefaults<typename E::request>::fill(filled); !r) return r.error();
    return detail::encode_filled_request<E>(filled, credentials);
  } else {
    return detail::encode_filled_request<E>(request, credentials);
  }
}

/// Interprets the HTTP response of one call: HTTP status, then the platform's envelope, then the
/// payload as E::response, within `limits`. Every failure is a typed Error naming the field path;
/// nothing throws (an allocation failure included).
template <EndpointDescriptor E>
[[nodiscard]] Result<typename E::response> decode_response(const HttpResponse& response, const DecodeLimits& limits = {}) {
  auto decoded = [&] {
    if constexpr (E::body == Body::protobuf) {
      return E::platform::template unwrap_protobuf<typename E::response>(response, limits);
    } else {
      return E::platform::template unwrap<typename E::response>(response, limits);
    }
  }();
  if (!decoded && (response.status < 200 || response.status > 299)) {
    Error e = std::move(decoded.error());
    for (const Header& h : response.headers) e.response_headers.emplace_back(h.name, h.value);
    return e;
  }
  return decoded;
}

// --- separate compilation ---------------------------------------------------------------------------
// Header-only is the default. With CHATBIND_SEPARATE_COMPILATION defined, each generated group header
// declares its endpoints' encode_request / decode_response as explicit instantiations made elsewhere
// (`extern template`), so a translation unit that calls them does not instantiate the codecs; one
// translation unit — src/<platform>.cpp, or a user's file that defines CHATBIND_SEPARATE_COMPILATION_SOURCE
// before including the platform's headers — instantiates them. The CMake targets
// chatbind::<platform>_separate do both.
#if defined(CHATBIND_SEPARATE_COMPILATION) && defined(CHATBIND_SEPARATE_COMPILATION_SOURCE)
#define CHATBIND_CODEC_INSTANCES(E)                                                                         \
  template Result<HttpRequest> encode_request<E>(const typename E::request&, const credentials_t<E>&); \
  template Result<typename E::response> decode_response<E>(const HttpResponse&, const DecodeLimits&);
#elif defined(CHATBIND_SEPARATE_COMPILATION)
#define CHATBIND_CODEC_INSTANCES(E)                                                                                \
  extern template Result<HttpRequest> encode_request<E>(const typename E::request&, const credentials_t<E>&); \
  extern template Result<typename E::response> decode_response<E>(const HttpResponse&, const DecodeLimits&);
#endif

/// Composes encode → transport → decode for any Transport.
template <EndpointDescriptor E, Transport T>
[[nodiscard]] Result<typename E::response> call(T& transport, const typename E::request& request,
                                                const credentials_t<E>& credentials, const DecodeLimits& limits = {}) {
  auto http_request = encode_request<E>(request, credentials);
  if (!http_request) return http_request.error();
  Result<HttpResponse> http_response = transport(*http_request);
  if (!http_response) return http_response.error();
  return decode_response<E>(*http_response, limits);
}

/// `call`, retried as `policy` says: HTTP 429, 5xx and transport failures are tried again after a
/// capped, jittered exponential backoff or the wait the server asked for, within the policy's budget
/// of attempts and waiting — but only for an endpoint that may be sent twice (retry_safe<E>: an
/// idempotent method, or a de-duplication key). The request's client-chosen values (Yunhu's msg_id)
/// are filled once, before the first attempt, so that every attempt carries the same key; a signed
/// platform signs each attempt afresh. `sleep(std::chrono::milliseconds)` waits (inject one in tests).
/// The last attempt's error is returned, with the status and headers of its response.
template <EndpointDescriptor E, Transport T, class Sleep>
[[nodiscard]] Result<typename E::response> call_with_retry(T& transport, const typename E::request& request,
                                                           const credentials_t<E>& credentials, const RetryPolicy& policy,
                                                           Sleep&& sleep, const DecodeLimits& limits = {}) {
  typename E::request filled = request;
  if constexpr (HasRequestDefaults<typename E::request>) {
    if (auto r = RequestDefaults<typename E::request>::fill(filled); !r) return r.error();
  }
  std::chrono::milliseconds waited{0};
  for (std::size_t attempt = 1;; ++attempt) {
    auto http_request = detail::encode_filled_request<E>(filled, credentials);
    if (!http_request) return http_request.error();
    Result<HttpResponse> http_response = transport(*http_request);
    Result<typename E::response> outcome =
        http_response ? decode_response<E>(*http_response, limits) : Result<typename E::response>{http_response.error()};
    if (outcome || !retry_safe<E> || !is_retryable(outcome.error()) || attempt >= policy.max_attempts) return outcome;
    const std::chrono::milliseconds wait = retry_delay(policy, attempt, outcome.error());
    if (waited + wait > policy.max_total_wait) return outcome;
    sleep(wait);
    waited += wait;
  }
}

/// The convenience client's engine: holds a transport and credentials; generated platform clients
/// derive from it and add one named method per endpoint.
template <class Platform, Transport T>
class BasicClient {
 public:
  using credentials_type = typename Platform::credentials;

  BasicClient(T transport, credentials_type credentials)
      : transport_(std::move(transport)), credentials_(std::move(credentials)) {}

  template <EndpointDescriptor E>
    requires std::same_as<typename E::platform, Platform>
  [[nodiscard]] Result<typename E::response> call(const typename E::request& request) {
    if (retry_.max_attempts <= 1) return chatbind::call<E>(transport_, request, credentials_, limits_);
    return chatbind::call_with_retry<E>(transport_, request, credentials_, retry_, sleep_, limits_);
  }

  /// How this client retries (none by default: `client.retry_policy() = chatbind::RetryPolicy{};`).
  [[nodiscard]] const RetryPolicy& retry_policy() const noexcept { return retry_; }
  [[nodiscard]] RetryPolicy& retry_policy() noexcept { return retry_; }
  /// How the client waits between attempts (std::this_thread::sleep_for unless replaced).
  void set_sleep(std::function<void(std::chrono::milliseconds)> sleep) { sleep_ = std::move(sleep); }

  /// The bounds every response of this client is decoded within.
  [[nodiscard]] const DecodeLimits& limits() const noexcept { return limits_; }
  [[nodiscard]] DecodeLimits& limits() noexcept { return limits_; }

  [[nodiscard]] T& transport() noexcept { return transport_; }
  [[nodiscard]] const credentials_type& credentials() const noexcept { return credentials_; }
  [[nodiscard]] credentials_type& credentials() noexcept { return credentials_; }

 private:
  T transport_;
  credentials_type credentials_;
  DecodeLimits limits_{};
  RetryPolicy retry_ = RetryPolicy::none();
  std::function<void(std::chrono::milliseconds)> sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
};

}  // namespace chatbind
