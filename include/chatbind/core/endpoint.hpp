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
// The platform type says how credentials are attached and how the response envelope is unwrapped:
//   struct Platform {
//     using credentials = ...;                      // what a caller holds (token, secret, base URL, ...)
//     static Result<void> authorize(HttpRequest&, const credentials&);   // headers, query, signature
//     static std::string base_url(const credentials&, const Endpoint&);
//     static constexpr std::string_view result_key = "result";     // error paths start here
//     static Result<Json> unwrap(const HttpResponse&);   // JSON envelope -> payload or typed error
//     template <class Message>                           // protobuf platforms only: the body ->
//     static Result<Message> unwrap_protobuf(const HttpResponse&);  // message or typed error
//   };
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/query.hpp"

#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
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

template <class E>
concept EndpointDescriptor = requires {
  typename E::platform;
  typename E::request;
  typename E::response;
  { E::method } -> std::convertible_to<Method>;
  { E::path } -> std::convertible_to<std::string_view>;
  { E::body } -> std::convertible_to<Body>;
};

template <class E>
using credentials_t = typename E::platform::credentials;

inline constexpr std::string_view json_content_type = "application/json;charset=UTF-8";
inline constexpr std::string_view protobuf_content_type = "application/x-protobuf";

/// Serialises JSON without throwing: a string that is not valid UTF-8 is an invalid_request error.
[[nodiscard]] inline Result<std::string> dump_json(const Json& j) {
  try {
    return j.dump();
  } catch (const Json::type_error&) {
    return Error::make(ErrorKind::invalid_request, "a string in the request is not valid UTF-8");
  }
}

/// A non-2xx HTTP status as an http_status error.
[[nodiscard]] inline Result<void> check_http_status(const HttpResponse& response) {
  if (response.status >= 200 && response.status <= 299) return {};
  return Error::make(ErrorKind::http_status, "HTTP status " + std::to_string(response.status), {}, response.status);
}

/// The JSON body of a response, after the HTTP status check shared by every JSON platform:
/// a non-2xx status is an http_status error, a body that is not JSON a syntax error.
[[nodiscard]] inline Result<Json> parse_json_body(const HttpResponse& response) {
  if (auto ok = check_http_status(response); !ok) return ok.error();
  auto j = json::parse(response.body);
  if (!j) {
    Error e = j.error();
    e.http_status = response.status;
    return e;
  }
  return j;
}

/// A failure the platform reported in its own envelope: kind `platform`, the server's code (when it
/// sends one) and message. describe() shows the code beside the message; `detail` (e.g. the code's
/// name) is appended to the message in parentheses.
[[nodiscard]] inline Error platform_error(std::optional<std::int64_t> code, std::string msg, int http_status,
                                         std::string_view detail = {}) {
  std::string message = msg.empty() ? std::string{"the platform reported a failure"} : msg;
  if (!detail.empty()) {
    message += " (";
    message += detail;
    message += ')';
  }
  Error e = Error::make(ErrorKind::platform, std::move(message), {}, http_status);
  e.platform_code = code;
  e.platform_message = std::move(msg);
  return e;
}

/// The integer status code of a JSON envelope (`{"code":…}`): a signed 64-bit integer, or a schema
/// error naming the key — a number out of range is an error, never a wrapped value.
[[nodiscard]] inline Result<std::int64_t> envelope_code(const Json& envelope, std::string_view key, int http_status) {
  const auto code = envelope.find(key);
  if (code == envelope.end() || !code->is_number_integer() ||
      (code->is_number_unsigned() && code->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
    return Error::make(ErrorKind::schema, "expected \"" + std::string{key} + "\" to be a 64-bit integer", std::string{key},
                       http_status);
  return code->get<std::int64_t>();
}

/// The envelope's message string (`msg`), or "" when absent or not a string.
[[nodiscard]] inline std::string envelope_message(const Json& envelope, std::string_view key = "msg") {
  const auto m = envelope.find(key);
  return m != envelope.end() && m->is_string() ? m->get<std::string>() : std::string{};
}

/// The payload of a successful envelope: the value at `key`, or null when the key is absent.
[[nodiscard]] inline Result<Json> envelope_payload(const Json& envelope, std::string_view key) {
  const auto payload = envelope.find(key);
  return success(payload == envelope.end() ? Json{} : *payload);
}

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

/// An endpoint with query parameters beside its body names their struct `query`; its request is
/// then `{query, body}`.
template <class E>
concept HasQueryAndBody = requires { typename E::query; };

template <EndpointDescriptor E>
[[nodiscard]] Result<HttpRequest> encode_filled_request(const typename E::request& whole,
                                                        const credentials_t<E>& credentials) {
  HttpRequest out;
  out.method = E::method;
  out.base_url = E::platform::base_url(credentials, E{});
  out.path = std::string{E::path};
  const auto& request = [&]() -> const auto& {
    if constexpr (HasQueryAndBody<E>) {
      query::append(whole.query, out.query);
      return whole.body;
    } else {
      return whole;
    }
  }();
  if constexpr (E::body == Body::json) {
    auto text = dump_json(json::to_json(request));
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
  } else {
    static_assert(E::body == Body::none);
    query::append(request, out.query);
  }
  if (auto authorized = E::platform::authorize(out, credentials); !authorized) return authorized.error();
  return out;
}

template <EndpointDescriptor E>
[[nodiscard]] Result<typename E::response> decode_json_response(const HttpResponse& response) {
  auto payload = E::platform::unwrap(response);
  if (!payload) return payload.error();
  auto decoded = json::from_json<typename E::response>(*payload, std::string{E::platform::result_key});
  if (!decoded) {
    Error e = decoded.error();
    e.http_status = response.status;
    return e;
  }
  return decoded;
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
/// payload as E::response. Every failure is a typed Error naming the field path.
template <EndpointDescriptor E>
[[nodiscard]] Result<typename E::response> decode_response(const HttpResponse& response) {
  if constexpr (E::body == Body::protobuf) {
    return E::platform::template unwrap_protobuf<typename E::response>(response);
  } else {
    return detail::decode_json_response<E>(response);
  }
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
  template Result<typename E::response> decode_response<E>(const HttpResponse&);
#elif defined(CHATBIND_SEPARATE_COMPILATION)
#define CHATBIND_CODEC_INSTANCES(E)                                                                                \
  extern template Result<HttpRequest> encode_request<E>(const typename E::request&, const credentials_t<E>&); \
  extern template Result<typename E::response> decode_response<E>(const HttpResponse&);
#endif

/// Composes encode → transport → decode for any Transport.
template <EndpointDescriptor E, Transport T>
[[nodiscard]] Result<typename E::response> call(T& transport, const typename E::request& request,
                                                const credentials_t<E>& credentials) {
  auto http_request = encode_request<E>(request, credentials);
  if (!http_request) return http_request.error();
  Result<HttpResponse> http_response = transport(*http_request);
  if (!http_response) return http_response.error();
  return decode_response<E>(*http_response);
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
    return chatbind::call<E>(transport_, request, credentials_);
  }

  [[nodiscard]] T& transport() noexcept { return transport_; }
  [[nodiscard]] const credentials_type& credentials() const noexcept { return credentials_; }
  [[nodiscard]] credentials_type& credentials() noexcept { return credentials_; }

 private:
  T transport_;
  credentials_type credentials_;
};

}  // namespace chatbind
