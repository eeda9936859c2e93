// chatbind — the value types generated structs are made of, beyond the standard library's.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <charconv>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace chatbind {

/// A JSON DOM (nlohmann's ordered_json: keys keep their order), for code that builds or inspects
/// JSON by hand. Declared here; include `chatbind/core/json_dom.hpp` to use it (the generated
/// structs never hold one: they hold RawJson, so that a user who never touches a DOM never compiles
/// nlohmann's header).
using Json = nlohmann::ordered_json;

namespace json {
class Decoder;
}

/// One JSON value kept as its text: for members whose shape the platform does not document.
/// Decoding keeps the value verbatim but for the whitespace between tokens (strings, escapes and
/// number forms exactly as they came); encoding writes it back unchanged. A default RawJson is
/// `null`. Build one from text with `json::raw(text)` (checked), read it with
/// `json::parse_as<T>(raw.text())` or, with `json_dom.hpp`, `json::parse(raw.text())`.
class RawJson {
 public:
  RawJson() = default;

  /// The value's JSON text: compact, well-formed, "null" when empty.
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  [[nodiscard]] bool is_null() const noexcept { return text_ == "null"; }

  friend bool operator==(const RawJson&, const RawJson&) = default;

 private:
  friend class json::Decoder;
  std::string text_{"null"};
};

/// The payload of a call that returns none. Decodes from anything, encodes as `{}`.
struct Empty {
  friend bool operator==(const Empty&, const Empty&) = default;
};

/// An identifier that travels as a JSON string or a JSON number (platforms mix both for the same
/// field). Held as its decimal text, so ids above 2^53 never lose digits; remembers which form it
/// arrived in so that re-encoding writes it back the same way. Equality compares the text only.
class Id {
 public:
  Id() = default;
  Id(std::string text) : text_(std::move(text)) {}                // NOLINT(google-explicit-constructor)
  Id(const char* text) : text_(text) {}                           // NOLINT(google-explicit-constructor)
  Id(std::string_view text) : text_(text) {}                      // NOLINT(google-explicit-constructor)
  template <std::integral I>
    requires(!std::same_as<I, bool> && !std::same_as<I, char>)
  Id(I number) : text_(std::to_string(number)), numeric_(true) {}  // NOLINT(google-explicit-constructor)

  /// Builds an id that is written as a JSON number. `text` must be a decimal integer.
  static Id number(std::string text) {
    Id id{std::move(text)};
    id.numeric_ = true;
    return id;
  }

  [[nodiscard]] const std::string& str() const noexcept { return text_; }
  [[nodiscard]] bool empty() const noexcept { return text_.empty(); }
  /// True when the id arrived (or is to be written) as a JSON number.
  [[nodiscard]] bool is_numeric() const noexcept { return numeric_; }

  /// The id as a signed 64-bit integer, when its text is one.
  [[nodiscard]] std::optional<std::int64_t> as_int64() const noexcept { return parse<std::int64_t>(); }
  [[nodiscard]] std::optional<std::uint64_t> as_uint64() const noexcept { return parse<std::uint64_t>(); }

  operator std::string_view() const noexcept { return text_; }  // NOLINT(google-explicit-constructor)

  friend bool operator==(const Id& a, const Id& b) noexcept { return a.text_ == b.text_; }
  friend auto operator<=>(const Id& a, const Id& b) noexcept { return a.text_ <=> b.text_; }

 private:
  template <class I>
  std::optional<I> parse() const noexcept {
    I value{};
    const char* first = text_.data();
    const char* last = first + text_.size();
    auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || ptr != last || text_.empty()) return std::nullopt;
    return value;
  }

  std::string text_;
  bool numeric_ = false;
};

/// A flag that travels as the integer 0 or 1. Reads JSON `true`/`false` too; writes 0/1.
struct IntBool {
  bool value = false;
  constexpr IntBool() = default;
  constexpr IntBool(bool v) : value(v) {}  // NOLINT(google-explicit-constructor)
  constexpr operator bool() const noexcept { return value; }  // NOLINT(google-explicit-constructor)
  friend constexpr bool operator==(IntBool a, IntBool b) noexcept { return a.value == b.value; }
};

/// A member whose key is always present but whose value may be JSON `null`. It is written as
/// `null` when empty — unlike a plain `std::optional` member, which is omitted when empty.
template <class T>
struct Nullable : std::optional<T> {
  using std::optional<T>::optional;
  Nullable() = default;
  Nullable(const std::optional<T>& o) : std::optional<T>(o) {}  // NOLINT(google-explicit-constructor)
  Nullable(std::optional<T>&& o) : std::optional<T>(std::move(o)) {}  // NOLINT(google-explicit-constructor)
  Nullable(const Nullable&) = default;
  Nullable(Nullable&&) = default;
  Nullable& operator=(const Nullable&) = default;
  Nullable& operator=(Nullable&&) = default;
  /// Assigns a value (`n = 50`): one overload, so that it is not ambiguous with the conversions above.
  template <class U = T>
    requires(!std::is_same_v<std::remove_cvref_t<U>, Nullable> && std::is_constructible_v<std::optional<T>, U>)
  Nullable& operator=(U&& value) {
    std::optional<T>::operator=(std::forward<U>(value));
    return *this;
  }
  friend bool operator==(const Nullable& a, const Nullable& b) {
    return static_cast<const std::optional<T>&>(a) == static_cast<const std::optional<T>&>(b);
  }
};

/// One enumerator of a generated integer enumeration and its name in the spec.
template <class E>
struct Enumerator {
  E value;
  std::string_view name;
};

/// A generated integer enumeration: `enumerators(E{})`, found by argument-dependent lookup, lists its
/// enumerators in the spec's order.
template <class E>
concept NamedEnum = std::is_enum_v<E> && requires {
  { enumerators(E{}) } -> std::convertible_to<std::span<const Enumerator<E>>>;
};

/// The name of `value` ("" for a value the spec does not list: the enumerations are open).
template <NamedEnum E>
[[nodiscard]] constexpr std::string_view enum_name(E value) noexcept {
  for (const Enumerator<E>& e : enumerators(E{}))
    if (e.value == value) return e.name;
  return {};
}

/// Marks the string enumerations (StringEnum) for the codecs.
struct StringEnumTag {};

/// An open enumeration that travels as a JSON string. `Values` is the generated
///   struct { enum class Value { a, b }; static constexpr Value a = Value::a, b = Value::b;
///            static constexpr std::array<std::string_view, 2> wire{…}; };
/// so that `E::a` names a known value. A string the spec does not list is kept as it came and
/// written back unchanged: `known()` is then empty and `str()` holds it.
template <class Values>
class StringEnum : public Values, public StringEnumTag {
 public:
  using Value = typename Values::Value;

  StringEnum() = default;  ///< the empty string: no known value
  StringEnum(Value v) : text_(Values::wire[static_cast<std::size_t>(v)]) {}  // NOLINT(google-explicit-constructor)

  /// The value a wire string stands for, known or not.
  [[nodiscard]] static StringEnum from_wire(std::string_view text) {
    StringEnum e;
    e.text_ = std::string{text};
    return e;
  }

  /// The known value, or nothing for a string the spec does not list.
  [[nodiscard]] std::optional<Value> known() const noexcept {
    for (std::size_t i = 0; i < Values::wire.size(); ++i)
      if (Values::wire[i] == text_) return static_cast<Value>(i);
    return std::nullopt;
  }
  /// The wire string.
  [[nodiscard]] const std::string& str() const noexcept { return text_; }

  friend bool operator==(const StringEnum& a, const StringEnum& b) noexcept { return a.text_ == b.text_; }
  friend bool operator==(const StringEnum& a, Value b) noexcept {
    return a.text_ == Values::wire[static_cast<std::size_t>(b)];
  }

 private:
  std::string text_{};
};

template <class T>
inline constexpr bool is_string_enum = std::is_base_of_v<StringEnumTag, T>;

/// The alternative of a tagged union (a generated struct deriving from std::variant, with
/// `discriminator` and one `tags` entry per alternative) whose tag chatbind does not know: the
/// whole JSON object, tag included, kept verbatim and written back unchanged.
struct UnknownAlternative {
  RawJson raw{};
  /// The discriminator's value, when the object has one as a string (defined in core/json.hpp).
  [[nodiscard]] std::string tag(std::string_view discriminator) const;
  friend bool operator==(const UnknownAlternative&, const UnknownAlternative&) = default;
};

/// A generated tagged union (oneOf + discriminator).
template <class T>
concept TaggedUnion = requires {
  { T::discriminator } -> std::convertible_to<std::string_view>;
  T::tags;
};

}  // namespace chatbind
