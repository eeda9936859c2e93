// chatbind — multipart/form-data bodies (RFC 7578) for endpoints that upload files.
//
// A described request struct becomes one part per member: a `multipart::File` member is a file
// part (filename, Content-Type, bytes), any scalar member a text field; empty optionals are left
// out. The boundary is derived from the content and checked not to occur in it.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/reflect.hpp"
#include "chatbind/core/query.hpp"


#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind::multipart {

/// A file to upload: its name as the server should see it, its media type and its bytes.
struct File {
  std::string filename{};
  std::string content_type{"application/octet-stream"};
  std::string data{};

  friend bool operator==(const File&, const File&) = default;
};

/// One part of a form: a text field when `file` is empty, a file otherwise.
struct Part {
  std::string name;
  std::string value;             ///< the field's text, or the file's bytes
  std::optional<std::string> filename{};      ///< set for a file part
  std::optional<std::string> content_type{};  ///< set for a file part
};

/// An encoded form: the Content-Type header value (with its boundary) and the body.
struct Encoded {
  std::string content_type;
  std::string body;
};

namespace detail {

/// Quotes a name or filename the way browsers do (WHATWG): `"`, CR and LF are percent-escaped, so
/// that no header can be injected and the quoted string always ends where it should.
inline std::string quoted(std::string_view text) {
  std::string out{"\""};
  for (char c : text) {
    if (c == '"') out += "%22";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  out += '"';
  return out;
}

/// FNV-1a over every part: a stable seed, so that the same form always encodes the same way.
inline std::uint64_t seed(const std::vector<Part>& parts) noexcept {
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  };
  for (const Part& p : parts) {
    mix(p.name);
    mix(p.value);
  }
  return h;
}

inline bool occurs_in(const std::vector<Part>& parts, std::string_view boundary) {
  for (const Part& p : parts) {
    if (p.value.find(boundary) != std::string::npos || p.name.find(boundary) != std::string::npos) return true;
    if (p.filename && p.filename->find(boundary) != std::string::npos) return true;
  }
  return false;
}

}  // namespace detail

/// A boundary (RFC 2046: at most 70 characters) that occurs in none of the parts.
[[nodiscard]] inline std::string boundary_for(const std::vector<Part>& parts) {
  static constexpr char hex[] = "0123456789abcdef";
  for (std::uint64_t n = detail::seed(parts);; ++n) {
    std::string b{"chatbind-"};
    for (int shift = 60; shift >= 0; shift -= 4) b += hex[(n >> shift) & 0xF];
    if (!detail::occurs_in(parts, b)) return b;
  }
}

/// Encodes the parts, in order. A content type with a line break is an invalid_request error.
[[nodiscard]] inline Result<Encoded> encode(const std::vector<Part>& parts) {
  const std::string boundary = boundary_for(parts);
  Encoded out;
  out.content_type = "multipart/form-data; boundary=" + boundary;
  for (const Part& p : parts) {
    out.body += "--" + boundary + "\r\n";
    out.body += "Content-Disposition: form-data; name=" + detail::quoted(p.name);
    if (p.filename) out.body += "; filename=" + detail::quoted(*p.filename);
    out.body += "\r\n";
    if (p.content_type) {
      if (p.content_type->find_first_of("\r\n") != std::string::npos)
        return Error::make(ErrorKind::invalid_request, "a content type contains a line break", p.name);
      out.body += "Content-Type: " + *p.content_type + "\r\n";
    }
    out.body += "\r\n";
    out.body += p.value;
    out.body += "\r\n";
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

/// Encodes a described struct: File members as file parts, scalars as text fields.
template <class T>
[[nodiscard]] Result<Encoded> encode(const T& request) {
  std::vector<Part> parts;
    reflect::for_each_member<T>([&](auto d) {
    const auto& member = request.*d.pointer;
    std::string name{reflect::wire_name<T>(d.name)};
    auto add = [&](const auto& value) {
      using V = std::remove_cvref_t<decltype(value)>;
      if constexpr (std::is_same_v<V, File>) {
        parts.push_back({std::move(name), value.data, value.filename, value.content_type});
      } else {
        parts.push_back({std::move(name), query::detail::scalar_text(value)});
      }
    };
    using M = std::remove_cvref_t<decltype(member)>;
    if constexpr (reflect::is_maybe<M>) {
      if (member) add(*member);
    } else {
      add(member);
    }
  });
  return encode(parts);
}

/// The parts of a multipart/form-data body (RFC 7578) as encode() writes them; a malformed body is a
/// syntax error.
[[nodiscard]] inline Result<std::vector<Part>> parse(std::string_view content_type, std::string_view body) {
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
  std::vector<Part> parts;
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
    Part part;
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

/// A multipart form as a request struct (the inverse of encode()): a File member
/// reads a file part, a scalar member a text field; a missing required part is a schema error.
template <class T>
[[nodiscard]] Result<T> decode(std::string_view content_type, std::string_view body) {
  auto parts = parse(content_type, body);
  if (!parts) return parts.error();
  T out{};
  std::optional<Error> error;
  reflect::for_each_member<T>([&](auto d) {
    using Member = std::remove_cvref_t<decltype(out.*d.pointer)>;
    using M = typename query::detail::unwrap_optional<Member>::type;
    const std::string name{reflect::wire_name<T>(d.name)};
    if (error) return;
    const auto part = std::find_if(parts->begin(), parts->end(), [&](const Part& p) { return p.name == name; });
    if (part == parts->end()) {
      if constexpr (!reflect::is_optional<Member>::value) error = Error::make(ErrorKind::schema, "missing required part", name);
      return;
    }
    if constexpr (std::is_same_v<M, File>) {
      if (!part->filename) {
        error = Error::make(ErrorKind::schema, "expected a file part", name);
        return;
      }
      out.*d.pointer = File{*part->filename, part->content_type.value_or("application/octet-stream"), part->value};
    } else {
      auto value = query::detail::field_as<M>(part->value, name);
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

}  // namespace chatbind::multipart
