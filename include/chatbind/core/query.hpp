// chatbind — a described request struct as query-string parameters (for endpoints without a body).
#pragma once

#include "chatbind/core/reflect.hpp"
#include "chatbind/core/types.hpp"


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

}  // namespace detail

/// Appends one name=value pair per member of `request`, in declaration order; empty optionals are
/// left out.
template <class T>
void append(const T& request, std::vector<std::pair<std::string, std::string>>& out) {
    reflect::for_each_member<T>([&](auto d) {
    const auto& member = request.*d.pointer;
    using M = std::remove_cvref_t<decltype(member)>;
    const std::string name{reflect::wire_name(d.name)};
    if constexpr (reflect::is_maybe<M>) {
      if (member) out.emplace_back(name, detail::scalar_text(*member));
    } else {
      out.emplace_back(name, detail::scalar_text(member));
    }
  });
}

}  // namespace chatbind::query
