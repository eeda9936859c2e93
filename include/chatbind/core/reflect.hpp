// chatbind — what the codecs know of a generated type: its members (Boost.Describe, bases
// included) and the traits of the value types they are made of. One place for every codec (JSON,
// query, multipart, protobuf) and for the testing fakes.
#pragma once

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace chatbind {
template <class T>
struct Nullable;  // core/types.hpp
}  // namespace chatbind

namespace chatbind::reflect {

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_nullable : std::false_type {};
template <class T> struct is_nullable<Nullable<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T> struct is_string_map : std::false_type {};
template <class T, class C, class A> struct is_string_map<std::map<std::string, T, C, A>> : std::true_type {};

/// An optional or a Nullable: a value that may be missing.
template <class T>
inline constexpr bool is_maybe = is_optional<T>::value || is_nullable<T>::value;

/// A struct with Boost.Describe members (the generated structs).
template <class T>
concept described_struct = std::is_class_v<T> && boost::describe::has_describe_members<T>::value;

/// The members of T, its bases' first (Boost.Describe descriptors with `name` and `pointer`).
template <class T>
using members = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

/// Calls f(descriptor) for every member of T, in declaration order, its bases' first.
template <class T, class F>
constexpr void for_each_member(F&& f) {
  boost::mp11::mp_for_each<members<T>>(f);
}

/// The wire name of a member: the C++ name, less the trailing '_' added to C++ keywords.
constexpr std::string_view wire_name(std::string_view cpp_name) noexcept {
  if (!cpp_name.empty() && cpp_name.back() == '_') cpp_name.remove_suffix(1);
  return cpp_name;
}

/// The wire name of T's member `cpp_name`. A generated struct with wire names that are not C++
/// identifiers (`chat-id`, member `chat_id`) lists them, its bases' included, in
/// `static constexpr std::array<std::pair<std::string_view, std::string_view>, N> wire_names`.
template <class T>
constexpr std::string_view wire_name(std::string_view cpp_name) noexcept {
  if constexpr (requires { T::wire_names; }) {
    for (const auto& [member, wire] : T::wire_names)
      if (member == cpp_name) return wire;
  }
  return wire_name(cpp_name);
}

namespace detail {
template <class... A>
std::variant<A...>* as_variant(std::variant<A...>*);
}  // namespace detail

/// The std::variant a generated tagged union derives from.
template <class U>
using variant_of = std::remove_pointer_t<decltype(detail::as_variant(static_cast<U*>(nullptr)))>;

}  // namespace chatbind::reflect
