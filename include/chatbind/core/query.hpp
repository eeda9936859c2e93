// chatbind — a described request struct as query-string parameters (for endpoints without a body),
// and back (decode: what a server, or chatbind's fakes, read from a query string).
#pragma once

#include "chatbind/core/json.hpp"
#include "chatbind/core/reflect.hpp"
#include "chatbind/core/types.hpp"


#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind::query {

namespace detail {

template <class T>
std::string scalar_text(const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return v;
  } else if constexpr (std::is_same_v<T, Id>) {
    return v.str();
  } else if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_same_v<T, IntBool>) {
    return v.value ? "1" : "0";
  } else if constexpr (std::is_enum_v<T>) {
    return std::to_string(static_cast<std::underlying_type_t<T>>(v));
  } else if constexpr (is_string_enum<T>) {
    return v.str();
  } else if constexpr (std::is_arithmetic_v<T>) {
    return std::to_string(v);
  } else {
    static_assert(sizeof(T) == 0, "chatbind::query: only scalar members can travel in a query string");
  }
}

template <class T> struct unwrap_optional { using type = T; };
template <class T> struct unwrap_optional<std::optional<T>> { using type = T; };
template <class T> struct unwrap_optional<Nullable<T>> { using type = T; };

/// Writes a query or form field's text as the JSON value a member of type M reads: strings stay
/// strings, anything else is taken as JSON ("42", "true") when it is JSON, else as a string (which
/// the member's decoder then rejects, naming the field).
template <class M>
void write_field(std::string_view text, json::TextWriter& w) {
  if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, Id> || is_string_enum<M>) {
    w.string(text);
  } else if (auto value = json::raw(text)) {
    w.raw(*value);
  } else {
    w.string(text);
  }
}

/// The text of one field as M, or an error naming `name`.
template <class M>
[[nodiscard]] Result<M> field_as(std::string_view text, const std::string& name) {
  std::string json_text;
  json::TextWriter w{json_text};
  write_field<M>(text, w);
  if (!w.ok()) return Error::make(ErrorKind::schema, "not valid UTF-8", name);
  return json::parse_as<M>(json_text, name);
}

}  // namespace detail

/// Appends one name=value pair per member of `request`, in declaration order; empty optionals are
/// left out.
template <class T>
void append(const T& request, std::vector<std::pair<std::string, std::string>>& out) {
    reflect::for_each_member<T>([&](auto d) {
    const auto& member = request.*d.pointer;
    using M = std::remove_cvref_t<decltype(member)>;
    const std::string name{reflect::wire_name<T>(d.name)};
    if constexpr (reflect::is_maybe<M>) {
      if (member) out.emplace_back(name, detail::scalar_text(*member));
    } else {
      out.emplace_back(name, detail::scalar_text(member));
    }
  });
}

/// A query string as a request struct (the inverse of chatbind::query::append): each member's text
/// is read as JSON where the member is not a string ("42", "true"), then the JSON codec checks
/// types and required members, so errors name the parameter. Other parameters are ignored.
template <class T>
[[nodiscard]] Result<T> decode(const std::vector<std::pair<std::string, std::string>>& query) {
  std::string text;
  json::TextWriter w{text};
  w.begin_object();
  reflect::for_each_member<T>([&](auto d) {
    using M = typename detail::unwrap_optional<std::remove_cvref_t<decltype(std::declval<T&>().*d.pointer)>>::type;
    const std::string name{reflect::wire_name<T>(d.name)};
    for (const auto& [key, value] : query) {
      if (key != name) continue;
      w.key(name);
      detail::write_field<M>(value, w);
      break;
    }
  });
  w.end_object();
  if (!w.ok()) return Error::make(ErrorKind::schema, "a query parameter is not valid UTF-8");
  return json::parse_as<T>(text);
}

}  // namespace chatbind::query
