// chatbind — JSON for every described struct: decode with a typed error naming the field path,
// encode in declaration order. Built on Boost.Describe (which members) and nlohmann_json (the DOM).
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/reflect.hpp"
#include "chatbind/core/types.hpp"

#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace chatbind::json {

/// Documents nested deeper than this are refused before parsing (a guard against stack exhaustion).
inline constexpr std::size_t max_depth = 256;

namespace detail {

using reflect::wire_name;

inline std::string_view type_name(const Json& j) noexcept {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "object";
    case Json::value_t::array: return "array";
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "integer";
    case Json::value_t::number_float: return "number";
    case Json::value_t::binary: return "binary";
    case Json::value_t::discarded: return "discarded";
  }
  return "unknown";
}

}  // namespace detail

/// Tracks the path of the value being decoded and the first error met.
class DecodeContext {
 public:
  explicit DecodeContext(std::string root = {}) : path_(std::move(root)) {}

  /// Appends ".key" (or "key" at the root) for the lifetime of the returned guard.
  [[nodiscard]] auto key(std::string_view k) {
    const std::size_t mark = path_.size();
    if (!path_.empty()) path_ += '.';
    path_ += k;
    return Guard{this, mark};
  }
  /// Appends "[i]" (or "[\"k\"]" for a map key) for the lifetime of the returned guard.
  [[nodiscard]] auto index(std::size_t i) {
    const std::size_t mark = path_.size();
    path_ += '[';
    path_ += std::to_string(i);
    path_ += ']';
    return Guard{this, mark};
  }
  [[nodiscard]] auto map_key(std::string_view k) {
    const std::size_t mark = path_.size();
    path_ += "[\"";
    path_ += k;
    path_ += "\"]";
    return Guard{this, mark};
  }

  /// Records a schema error at the current path; returns false so callers can `return ctx.fail(...)`.
  bool fail(std::string message) {
    error_ = Error::make(ErrorKind::schema, std::move(message), path_);
    return false;
  }
  bool expected(std::string_view what, const Json& got) {
    std::string m = "expected ";
    m += what;
    m += ", got ";
    m += detail::type_name(got);
    return fail(std::move(m));
  }

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] Error take_error() { return std::move(error_); }

 private:
  struct Guard {
    DecodeContext* ctx;
    std::size_t mark;
    Guard(DecodeContext* c, std::size_t m) : ctx(c), mark(m) {}
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard() { ctx->path_.resize(mark); }
  };

  std::string path_;
  Error error_;
};

template <class T>
bool decode(const Json& j, T& out, DecodeContext& ctx);

namespace detail {

template <class I>
bool decode_integer(const Json& j, I& out, DecodeContext& ctx) {
  if (j.is_number_unsigned()) {
    const auto v = j.get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<I>::max()))
      return ctx.fail("integer " + std::to_string(v) + " out of range");
    out = static_cast<I>(v);
    return true;
  }
  if (j.is_number_integer()) {
    const auto v = j.get<std::int64_t>();
    if constexpr (std::is_unsigned_v<I>) {
      if (v < 0) return ctx.fail("integer " + std::to_string(v) + " out of range");
      if (static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<I>::max()))
        return ctx.fail("integer " + std::to_string(v) + " out of range");
    } else {
      if (v < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
          v > static_cast<std::int64_t>(std::numeric_limits<I>::max()))
        return ctx.fail("integer " + std::to_string(v) + " out of range");
    }
    out = static_cast<I>(v);
    return true;
  }
  if (j.is_number_float()) return ctx.fail("expected integer, got a fractional or out-of-range number");
  return ctx.expected("integer", j);
}

inline bool decode_id(const Json& j, Id& out, DecodeContext& ctx) {
  if (j.is_string()) {
    out = Id{j.get_ref<const std::string&>()};
    return true;
  }
  if (j.is_number_unsigned()) {
    out = Id::number(std::to_string(j.get<std::uint64_t>()));
    return true;
  }
  if (j.is_number_integer()) {
    out = Id::number(std::to_string(j.get<std::int64_t>()));
    return true;
  }
  if (j.is_number_float()) return ctx.fail("id is not an integer that fits in 64 bits");
  return ctx.expected("id (string or integer)", j);
}

template <class T>
bool decode_struct(const Json& j, T& out, DecodeContext& ctx) {
  if (!j.is_object()) return ctx.expected("object", j);
  bool ok = true;
  reflect::for_each_member<T>([&](auto d) {
    if (!ok) return;
    const std::string_view name = wire_name(d.name);
    auto& member = out.*d.pointer;
    using M = std::remove_cvref_t<decltype(member)>;
    const auto it = j.find(name);
    auto guard = ctx.key(name);
    if (it == j.end()) {
      if constexpr (reflect::is_optional<M>::value) {
        member.reset();
      } else {
        ok = ctx.fail("missing required key");
      }
      return;
    }
    ok = decode(*it, member, ctx);
  });
  return ok;
}

/// A tagged union: the discriminator picks the alternative; an unknown tag keeps the whole object.
template <class U>
bool decode_union(const Json& j, U& out, DecodeContext& ctx) {
  if (!j.is_object()) return ctx.expected("object", j);
  const auto tag = j.find(U::discriminator);
  if (tag == j.end() || !tag->is_string()) {
    auto guard = ctx.key(U::discriminator);
    return tag == j.end() ? ctx.fail("missing required key") : ctx.expected("string", *tag);
  }
  using V = reflect::variant_of<U>;
  bool known = false;
  bool ok = true;
  boost::mp11::mp_for_each<boost::mp11::mp_iota_c<U::tags.size()>>([&](auto i) {
    if (known || U::tags[i] != tag->template get_ref<const std::string&>()) return;
    known = true;
    std::variant_alternative_t<i, V> alternative{};
    ok = decode(j, alternative, ctx);
    if (ok) out = std::move(alternative);
  });
  if (!known) out = UnknownAlternative{j};
  return ok;
}

}  // namespace detail

/// Decodes `j` into `out`. On failure returns false with the error (and its path) in `ctx`.
template <class T>
bool decode(const Json& j, T& out, DecodeContext& ctx) {
  if constexpr (std::is_same_v<T, Json>) {
    out = j;
    return true;
  } else if constexpr (std::is_same_v<T, Empty>) {
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) return ctx.expected("string", j);
    out = j.get_ref<const std::string&>();
    return true;
  } else if constexpr (std::is_same_v<T, Id>) {
    return detail::decode_id(j, out, ctx);
  } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, IntBool>) {
    if (j.is_boolean()) {
      out = j.get<bool>();
      return true;
    }
    if (j.is_number_integer() || j.is_number_unsigned()) {
      const auto v = j.get<std::int64_t>();
      if (v == 0 || v == 1) {
        out = (v == 1);
        return true;
      }
      return ctx.fail("expected 0 or 1, got " + std::to_string(v));
    }
    return ctx.expected("boolean", j);
  } else if constexpr (std::is_integral_v<T>) {
    return detail::decode_integer(j, out, ctx);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!j.is_number()) return ctx.expected("number", j);
    out = j.get<T>();
    return true;
  } else if constexpr (std::is_enum_v<T>) {
    std::underlying_type_t<T> raw{};
    if (!detail::decode_integer(j, raw, ctx)) return false;
    out = static_cast<T>(raw);  // open enum: unknown values are kept
    return true;
  } else if constexpr (is_string_enum<T>) {
    if (!j.is_string()) return ctx.expected("string", j);
    out = T::from_wire(j.get_ref<const std::string&>());  // open enum: unknown strings are kept
    return true;
  } else if constexpr (TaggedUnion<T>) {
    return detail::decode_union(j, out, ctx);
  } else if constexpr (reflect::is_maybe<T>) {
    // An optional whose value can hold null itself (Json, Nullable) keeps it: absent and null stay apart.
    using V = typename T::value_type;
    if (j.is_null() && !std::is_same_v<V, Json> && !reflect::is_nullable<V>::value) {
      out.reset();
      return true;
    }
    V value{};
    if (!decode(j, value, ctx)) return false;
    out = std::move(value);
    return true;
  } else if constexpr (reflect::is_vector<T>::value) {
    if (!j.is_array()) return ctx.expected("array", j);
    out.clear();
    out.reserve(j.size());
    std::size_t i = 0;
    for (const auto& item : j) {
      auto guard = ctx.index(i++);
      if (!decode(item, out.emplace_back(), ctx)) return false;
    }
    return true;
  } else if constexpr (reflect::is_string_map<T>::value) {
    if (!j.is_object()) return ctx.expected("object", j);
    out.clear();
    for (const auto& [k, v] : j.items()) {
      auto guard = ctx.map_key(k);
      if (!decode(v, out[k], ctx)) return false;
    }
    return true;
  } else if constexpr (reflect::described_struct<T>) {
    return detail::decode_struct(j, out, ctx);
  } else {
    static_assert(sizeof(T) == 0, "chatbind::json: no JSON mapping for this type");
  }
}

template <class T>
void encode(const T& v, Json& out);

namespace detail {

/// Adds the members of a described struct to the object `out`, bases' first.
template <class T>
void encode_members(const T& v, Json& out) {
  reflect::for_each_member<T>([&](auto d) {
    const auto& member = v.*d.pointer;
    using M = std::remove_cvref_t<decltype(member)>;
    if constexpr (reflect::is_optional<M>::value) {
      if (!member) return;
    }
    encode(member, out[std::string{wire_name(d.name)}]);
  });
}

/// A tagged union: the alternative's members after its tag; an unknown alternative as it came.
template <class U>
void encode_union(const U& v, Json& out) {
  std::visit(
      [&](const auto& alternative) {
        using A = std::remove_cvref_t<decltype(alternative)>;
        if constexpr (std::is_same_v<A, UnknownAlternative>) {
          out = alternative.raw;
        } else {
          out = Json::object();
          out[std::string{U::discriminator}] = U::tags[boost::mp11::mp_find<reflect::variant_of<U>, A>::value];
          encode_members(alternative, out);
        }
      },
      static_cast<const reflect::variant_of<U>&>(v));
}

}  // namespace detail

/// Encodes `v` as JSON. Members are written in declaration order; an empty `std::optional` member
/// is omitted, an empty `Nullable` member is written as null.
template <class T>
void encode(const T& v, Json& out) {
  if constexpr (std::is_same_v<T, Json>) {
    out = v;
  } else if constexpr (std::is_same_v<T, Empty>) {
    out = Json::object();
  } else if constexpr (std::is_same_v<T, std::string>) {
    out = v;
  } else if constexpr (std::is_same_v<T, Id>) {
    if (v.is_numeric()) {
      if (auto i = v.as_int64()) {
        out = *i;
        return;
      }
      if (auto u = v.as_uint64()) {
        out = *u;
        return;
      }
    }
    out = v.str();
  } else if constexpr (std::is_same_v<T, IntBool>) {
    out = v.value ? 1 : 0;
  } else if constexpr (std::is_arithmetic_v<T>) {
    out = v;
  } else if constexpr (std::is_enum_v<T>) {
    out = static_cast<std::underlying_type_t<T>>(v);
  } else if constexpr (is_string_enum<T>) {
    out = v.str();
  } else if constexpr (TaggedUnion<T>) {
    detail::encode_union(v, out);
  } else if constexpr (reflect::is_maybe<T>) {
    if (v)
      encode(*v, out);
    else
      out = nullptr;
  } else if constexpr (reflect::is_vector<T>::value) {
    out = Json::array();
    for (const auto& item : v) encode(item, out.emplace_back());
  } else if constexpr (reflect::is_string_map<T>::value) {
    out = Json::object();
    for (const auto& [k, item] : v) encode(item, out[k]);
  } else if constexpr (reflect::described_struct<T>) {
    out = Json::object();
    detail::encode_members(v, out);
  } else {
    static_assert(sizeof(T) == 0, "chatbind::json: no JSON mapping for this type");
  }
}

template <class T>
[[nodiscard]] Json to_json(const T& v) {
  Json out;
  encode(v, out);
  return out;
}

/// Decodes an already parsed value; `root` prefixes every error path (e.g. "result").
template <class T>
[[nodiscard]] Result<T> from_json(const Json& j, std::string root = {}) {
  DecodeContext ctx{std::move(root)};
  T out{};
  if (!decode(j, out, ctx)) return ctx.take_error();
  return out;
}

/// Parses JSON text without throwing. Refuses nesting deeper than `max_depth`.
[[nodiscard]] inline Result<Json> parse(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth)
        return Error::make(ErrorKind::syntax, "JSON nested deeper than " + std::to_string(max_depth));
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error::make(ErrorKind::syntax, "body is not valid JSON");
  return success(std::move(j));
}

/// Parses JSON text and decodes it as T.
template <class T>
[[nodiscard]] Result<T> parse_as(std::string_view text, std::string root = {}) {
  auto j = parse(text);
  if (!j) return j.error();
  return from_json<T>(*j, std::move(root));
}

/// Serialises JSON without throwing: a string that is not valid UTF-8 is an invalid_request error.
[[nodiscard]] inline Result<std::string> dump(const Json& j) {
  try {
    return j.dump();
  } catch (const Json::type_error&) {
    return Error::make(ErrorKind::invalid_request, "a string in the request is not valid UTF-8");
  }
}

}  // namespace chatbind::json
