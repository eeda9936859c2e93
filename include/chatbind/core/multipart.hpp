// chatbind — multipart/form-data bodies (RFC 7578) for endpoints that upload files.
//
// A described request struct becomes one part per member: a `multipart::File` member is a file
// part (filename, Content-Type, bytes), any scalar member a text field; empty optionals are left
// out. The boundary is derived from the content and checked not to occur in it.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/reflect.hpp"
#include "chatbind/core/query.hpp"


#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
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
    std::string name{reflect::wire_name(d.name)};
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

}  // namespace chatbind::multipart
