// chatbind::testing — reading a request the way a platform's server does: the inverse of each of
// encode_request's body kinds (JSON, protobuf, query string, multipart form), so that a fake can
// check that a request decodes as its endpoint's request type, with errors naming the field.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/reflect.hpp"
#include "chatbind/core/multipart.hpp"
#include "chatbind/core/protobuf.hpp"


#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind::testing::detail {

template <class T> struct unwrap_optional { using type = T; };
template <class T> struct unwrap_optional<std::optional<T>> { using type = T; };
template <class T> struct unwrap_optional<Nullable<T>> { using type = T; };

/// A query or form field's text as the JSON value a member of type M reads: strings stay strings,
/// anything else is read as JSON ("42", "true") when it parses.
template <class M>
Json field_json(const std::string& text) {
  if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, Id>) {
    return Json(text);
  } else {
    Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    return parsed.is_discarded() ? Json(text) : parsed;
  }
}

/// The parts of a multipart/form-data body (RFC 7578) as chatbind::multipart encodes them.
[[nodiscard]] inline Result<std::vector<multipart::Part>> parse_multipart(std::string_view content_type, std::string_view body) {
  const auto malformed = [](std::string what) { return Error::make(ErrorKind::syntax, "malformed multipart body: " + what); };
  const auto at = content_type.find("boundary=");
  if (at == std::string_view::npos) return malformed("no boundary in the Content-Type");
  std::string_view b = content_type.substr(at + 9);
  b = b.substr(0, b.find(';'));
  if (b.size() >= 2 && b.front() == '"' && b.back() == '"') b = b.substr(1, b.size() - 2);
  const std::string delimiter = "--" + std::string{b};
  const auto unquote = [](std::string_view disposition, std::string_view key) -> std::optional<std::string> {
    const auto start = disposition.find(key);
    if (start == std::string_view::npos) return std::nullopt;
    const auto end = disposition.find('"', start + key.size());
    if (end == std::string_view::npos) return std::nullopt;
    std::string out{disposition.substr(start + key.size(), end - start - key.size())};
    for (const auto& [escaped, c] : {std::pair{"%22", "\""}, std::pair{"%0D", "\r"}, std::pair{"%0A", "\n"}})
      for (auto i = out.find(escaped); i != std::string::npos; i = out.find(escaped, i + 1)) out.replace(i, 3, c);
    return out;
  };
  std::vector<multipart::Part> parts;
  auto pos = body.find(delimiter);
  if (pos == std::string_view::npos) return malformed("no delimiter");
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return malformed("a delimiter not followed by CRLF");
    const auto headers_end = body.find("\r\n\r\n", pos + 2);
    if (headers_end == std::string_view::npos) return malformed("a part without a blank line after its headers");
    const auto next = body.find("\r\n" + delimiter, headers_end + 4);
    if (next == std::string_view::npos) return malformed("a part without a closing delimiter");
    multipart::Part part;
    part.value = std::string{body.substr(headers_end + 4, next - headers_end - 4)};
    for (auto line_start = pos + 2; line_start < headers_end + 2;) {
      const auto line_end = body.find("\r\n", line_start);
      const std::string_view line = body.substr(line_start, line_end - line_start);
      const auto colon = line.find(':');
      const std::string_view name = line.substr(0, colon), value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
      if (iequals(name, "Content-Disposition")) {
        part.name = unquote(value, "; name=\"").value_or("");
        part.filename = unquote(value, "; filename=\"");
      } else if (iequals(name, "Content-Type")) {
        part.content_type = std::string{value.substr(std::min(value.find_first_not_of(' '), value.size()))};
      }
      line_start = line_end + 2;
    }
    if (part.name.empty()) return malformed("a part without a name");
    parts.push_back(std::move(part));
    pos = next + 2;
  }
}

/// A multipart form as a request struct (the inverse of chatbind::multipart::encode): a File member
/// reads a file part, a scalar member a text field; a missing required part is a schema error.
template <class T>
[[nodiscard]] Result<T> from_multipart(std::string_view content_type, std::string_view body) {
  auto parts = parse_multipart(content_type, body);
  if (!parts) return parts.error();
  T out{};
  std::optional<Error> error;
    reflect::for_each_member<T>([&](auto d) {
    using Member = std::remove_cvref_t<decltype(out.*d.pointer)>;
    using M = typename unwrap_optional<Member>::type;
    const std::string name{reflect::wire_name(d.name)};
    if (error) return;
    const auto part = std::find_if(parts->begin(), parts->end(), [&](const multipart::Part& p) { return p.name == name; });
    if (part == parts->end()) {
      if constexpr (!reflect::is_optional<Member>::value) error = Error::make(ErrorKind::schema, "missing required part", name);
      return;
    }
    if constexpr (std::is_same_v<M, multipart::File>) {
      if (!part->filename) {
        error = Error::make(ErrorKind::schema, "expected a file part", name);
        return;
      }
      out.*d.pointer = multipart::File{*part->filename, part->content_type.value_or("application/octet-stream"), part->value};
    } else {
      auto value = json::from_json<M>(field_json<M>(part->value), name);
      if (!value) {
        error = value.error();
        return;
      }
      out.*d.pointer = std::move(*value);
    }
  });
  if (error) return *error;
  return out;
}

/// A query string as a request struct (the inverse of chatbind::query::append): each member's text
/// is read as JSON where the member is not a string ("42", "true"), then the JSON codec checks
/// types and required members, so errors name the parameter. Other parameters are ignored.
template <class T>
[[nodiscard]] Result<T> from_query(const std::vector<std::pair<std::string, std::string>>& query) {
  Json object = Json::object();
    reflect::for_each_member<T>([&](auto d) {
    using M = typename unwrap_optional<std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>>::type;
    const std::string name{reflect::wire_name(d.name)};
    for (const auto& [key, text] : query) {
      if (key != name) continue;
      object[name] = field_json<M>(text);
      break;
    }
  });
  return json::from_json<T>(object);
}

/// The request of endpoint E, decoded from the HTTP request the way the platform reads it.
template <EndpointDescriptor E>
[[nodiscard]] Result<typename E::request> decode_request(const HttpRequest& request) {
  using R = typename E::request;
  if constexpr (chatbind::detail::HasQueryAndBody<E>) {  // {query, body}: each part where it travels
    static_assert(E::body == Body::json, "query parameters beside a JSON body only");
    auto query = from_query<typename E::query>(request.query);
    if (!query) return query.error();
    auto body = json::parse_as<decltype(R::body)>(request.body);
    if (!body) return body.error();
    return R{std::move(*query), std::move(*body)};
  } else if constexpr (E::body == Body::json) {
    return json::parse_as<R>(request.body);
  } else if constexpr (E::body == Body::protobuf) {
    return protobuf::decode<R>(request.body);
  } else if constexpr (E::body == Body::multipart) {
    return from_multipart<R>(request.header("Content-Type"), request.body);
  } else {
    static_assert(E::body == Body::none);
    return from_query<R>(request.query);
  }
}

}  // namespace chatbind::testing::detail
