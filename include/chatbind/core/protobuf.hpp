// chatbind — a header-only protobuf (proto3) wire codec for generated structs.
//
// The generator emits, for each message struct, a field table in field-number order: a plain
// array of how each field travels, and the members it fills as a list of member pointers (so that
// a message costs the compiler nothing until it is encoded or decoded):
//   template <> struct chatbind::protobuf::Message<Status> {
//     using T = Status;
//     static constexpr std::array<FieldInfo, 2> fields{{{1, Kind::uint64, false, "number"}, ...}};
//     using members = Members<&T::number, ...>;
//   };
// encode() writes exactly the bytes libprotobuf's SerializeToString writes for the same message
// (known fields in number order, proto3 default values omitted, packed repeated scalars);
// decode() reads what libprotobuf reads: either packing for repeated scalars, the last value of a
// repeated singular field, merged repeated sub-messages, unknown fields of every wire type skipped.
// Where libprotobuf would silently truncate or ignore (an int32 field holding a value past 32 bits,
// a known field with the wrong wire type, invalid UTF-8 in a string), decode() reports a typed
// error naming the field path instead.
//
// Everything is constexpr: with a standard library whose std::string is usable in constant
// expressions (g++ 12), messages can be encoded and decoded in a static_assert.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/limits.hpp"
#include "chatbind/core/reflect.hpp"

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind::protobuf {

/// A field's protobuf type, which decides its wire encoding.
enum class Kind : std::uint8_t {
  int32, int64, uint32, uint64, sint32, sint64, bool_, enum_,  // varint
  fixed32, sfixed32, float_,                                   // 4 bytes, little-endian
  fixed64, sfixed64, double_,                                  // 8 bytes, little-endian
  string, bytes, message,                                      // length-delimited
};

enum class WireType : std::uint8_t { varint = 0, i64 = 1, len = 2, start_group = 3, end_group = 4, i32 = 5 };

[[nodiscard]] constexpr WireType wire_type(Kind kind) noexcept {
  switch (kind) {
    case Kind::fixed32: case Kind::sfixed32: case Kind::float_: return WireType::i32;
    case Kind::fixed64: case Kind::sfixed64: case Kind::double_: return WireType::i64;
    case Kind::string: case Kind::bytes: case Kind::message: return WireType::len;
    default: return WireType::varint;
  }
}

/// How one field of a message travels.
struct FieldInfo {
  std::uint32_t number;
  Kind kind;
  bool packed;            ///< a repeated scalar written as one length-delimited record
  std::string_view name;  ///< the .proto field name, for error paths
};

/// The members a message's fields fill, in the order of its `fields`.
template <auto... Member>
struct Members {};

/// One row of a message's field table: the member it fills and how it travels.
template <auto Member>
struct Field : FieldInfo {
  static constexpr auto member = Member;
};

/// The field table of a message struct: `fields` (a std::array of FieldInfo in field-number order)
/// and `members` (a Members list of the same length); the generator specialises it.
template <class T>
struct Message;

template <class T>
concept ProtoMessage = requires { Message<T>::fields; typename Message<T>::members; };

/// Nesting deeper than this (sub-messages or unknown groups) is rejected, as libprotobuf does.
inline constexpr int max_depth = 100;

/// The state of one decode beside the bytes: the bounds it runs within (DecodeLimits: the memory it
/// may build, the nesting depth) and, when it fails, why: a message and the path of the field, e.g.
/// "msg[1].sender.tag[0].color".
struct DecodeFailure {
  std::string message{};
  std::string path{};
  bool limit = false;  ///< the failure is a DecodeLimits bound, not malformed bytes
  MemoryBudget budget{std::numeric_limits<std::size_t>::max()};
  int max_depth = protobuf::max_depth;
};

namespace detail {

using reflect::is_optional;
using reflect::is_vector;

template <class T>
inline constexpr std::size_t field_count = Message<T>::fields.size();

template <class L, std::size_t I>
struct member_at;
template <auto... Member, std::size_t I>
struct member_at<Members<Member...>, I> {
  static constexpr auto value =
      boost::mp11::mp_at_c<boost::mp11::mp_list<std::integral_constant<decltype(Member), Member>...>, I>::value;
};

/// Row I of T's field table.
template <class T, std::size_t I>
inline constexpr Field<member_at<typename Message<T>::members, I>::value> field_at{Message<T>::fields[I]};

// --- writing -----------------------------------------------------------------------------------

[[nodiscard]] constexpr std::size_t varint_size(std::uint64_t v) noexcept {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

[[nodiscard]] constexpr std::uint32_t tag(std::uint32_t number, WireType w) noexcept {
  return (number << 3) | static_cast<std::uint32_t>(w);
}

/// The raw bits of a scalar as its wire encoding carries them (before the varint/fixed framing).
template <Kind K, class V>
[[nodiscard]] constexpr std::uint64_t scalar_bits(const V& v) noexcept {
  if constexpr (K == Kind::int32 || K == Kind::int64 || K == Kind::enum_) {
    // Negative int32 and enum values are sign-extended to 64 bits: ten bytes on the wire.
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
  } else if constexpr (K == Kind::uint32 || K == Kind::uint64 || K == Kind::fixed32 || K == Kind::fixed64) {
    return static_cast<std::uint64_t>(v);
  } else if constexpr (K == Kind::sint32) {
    const auto n = static_cast<std::int32_t>(v);
    return (static_cast<std::uint32_t>(n) << 1) ^ static_cast<std::uint32_t>(n >> 31);
  } else if constexpr (K == Kind::sint64) {
    const auto n = static_cast<std::int64_t>(v);
    return (static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63);
  } else if constexpr (K == Kind::sfixed32) {
    return static_cast<std::uint32_t>(v);
  } else if constexpr (K == Kind::sfixed64) {
    return static_cast<std::uint64_t>(v);
  } else if constexpr (K == Kind::bool_) {
    return v ? 1u : 0u;
  } else if constexpr (K == Kind::float_) {
    return std::bit_cast<std::uint32_t>(v);
  } else {
    static_assert(K == Kind::double_);
    return std::bit_cast<std::uint64_t>(v);
  }
}

template <Kind K>
[[nodiscard]] constexpr std::size_t scalar_size(std::uint64_t bits) noexcept {
  if constexpr (wire_type(K) == WireType::i32) return 4;
  else if constexpr (wire_type(K) == WireType::i64) return 8;
  else return varint_size(bits);
}

/// proto3 implicit presence: a field equal to its default value is not written. Floating point
/// compares bit patterns, as libprotobuf does, so -0.0 is written.
template <Kind K, class V>
[[nodiscard]] constexpr bool is_default(const V& v) noexcept {
  if constexpr (K == Kind::string || K == Kind::bytes) return v.empty();
  else return scalar_bits<K>(v) == 0;
}

}  // namespace detail

template <ProtoMessage T>
[[nodiscard]] constexpr std::size_t encoded_size(const T& message);

namespace detail {

/// The encoder's two passes share one list of sub-message sizes, in the order the writer meets the
/// sub-messages (pre-order): the size pass computes each once (libprotobuf caches them in the
/// message; chatbind's structs stay plain), the write pass reads them back instead of recomputing
/// them at every level of nesting.
using SizeCache = std::vector<std::size_t>;

template <ProtoMessage T>
[[nodiscard]] constexpr std::size_t measure(const T& message, SizeCache* cache);

/// Size of one value of kind K (without its tag).
template <Kind K, class V>
[[nodiscard]] constexpr std::size_t value_size(const V& v, SizeCache* cache) {
  if constexpr (K == Kind::string || K == Kind::bytes) {
    return varint_size(v.size()) + v.size();
  } else if constexpr (K == Kind::message) {
    std::size_t slot = 0;
    if (cache) {
      slot = cache->size();
      cache->push_back(0);
    }
    const std::size_t n = measure(v, cache);
    if (cache) (*cache)[slot] = n;
    return varint_size(n) + n;
  } else {
    return scalar_size<K>(scalar_bits<K>(v));
  }
}

template <class T, std::size_t I, class M>
[[nodiscard]] constexpr std::size_t field_size(const M& member, SizeCache* cache) {
  constexpr auto F = field_at<T, I>;
  constexpr Kind K = F.kind;
  const std::size_t tag_size = varint_size(tag(F.number, WireType::varint));  // the wire type never changes the size
  if constexpr (is_vector<M>::value) {
    if (member.empty()) return 0;
    if constexpr (F.packed) {
      std::size_t payload = 0;
      for (const auto& v : member) payload += value_size<K>(v, nullptr);
      return tag_size + varint_size(payload) + payload;
    } else {
      std::size_t n = 0;
      for (const auto& v : member) n += tag_size + value_size<K>(v, cache);
      return n;
    }
  } else if constexpr (is_optional<M>::value) {
    return member ? tag_size + value_size<K>(*member, cache) : 0;
  } else {
    return is_default<K>(member) ? 0 : tag_size + value_size<K>(member, cache);
  }
}

template <ProtoMessage T>
[[nodiscard]] constexpr std::size_t measure(const T& message, SizeCache* cache) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (std::size_t{0} + ... + field_size<T, I>(message.*(field_at<T, I>.member), cache));
  }(std::make_index_sequence<field_count<T>>{});
}

/// Writes into a buffer sized by the size pass: no capacity checks, no reallocation.
class Writer {
 public:
  constexpr Writer(char* out, const SizeCache& sizes) : out_(out), sizes_(sizes) {}

  constexpr void varint(std::uint64_t v) {
    while (v >= 0x80) {
      *out_++ = static_cast<char>(static_cast<std::uint8_t>(v) | 0x80);
      v >>= 7;
    }
    *out_++ = static_cast<char>(v);
  }
  template <std::size_t N>
  constexpr void fixed(std::uint64_t v) {
    for (std::size_t i = 0; i < N; ++i) *out_++ = static_cast<char>(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  constexpr void bytes(std::string_view b) {
    std::char_traits<char>::copy(out_, b.data(), b.size());
    out_ += b.size();
  }
  /// The size of the next sub-message, as the size pass recorded it.
  [[nodiscard]] constexpr std::size_t next_size() { return sizes_[next_++]; }
  [[nodiscard]] constexpr const char* position() const noexcept { return out_; }

 private:
  char* out_;
  const SizeCache& sizes_;
  std::size_t next_ = 0;
};

template <ProtoMessage T>
constexpr void write_message(Writer& out, const T& message);

template <Kind K>
constexpr void write_scalar(Writer& out, std::uint64_t bits) {
  if constexpr (wire_type(K) == WireType::i32) out.fixed<4>(bits);
  else if constexpr (wire_type(K) == WireType::i64) out.fixed<8>(bits);
  else out.varint(bits);
}

template <Kind K, class V>
constexpr void write_value(Writer& out, const V& v) {
  if constexpr (K == Kind::string || K == Kind::bytes) {
    out.varint(v.size());
    out.bytes(v);
  } else if constexpr (K == Kind::message) {
    out.varint(out.next_size());
    write_message(out, v);
  } else {
    write_scalar<K>(out, scalar_bits<K>(v));
  }
}

template <class T, std::size_t I, class M>
constexpr void write_field(Writer& out, const M& member) {
  constexpr auto F = field_at<T, I>;
  constexpr Kind K = F.kind;
  if constexpr (is_vector<M>::value) {
    if (member.empty()) return;
    if constexpr (F.packed) {
      std::size_t payload = 0;
      for (const auto& v : member) payload += value_size<K>(v, nullptr);
      out.varint(tag(F.number, WireType::len));
      out.varint(payload);
      for (const auto& v : member) write_scalar<K>(out, scalar_bits<K>(v));
    } else {
      for (const auto& v : member) {
        out.varint(tag(F.number, wire_type(K)));
        write_value<K>(out, v);
      }
    }
  } else if constexpr (is_optional<M>::value) {
    if (!member) return;
    out.varint(tag(F.number, wire_type(K)));
    write_value<K>(out, *member);
  } else {
    if (is_default<K>(member)) return;
    out.varint(tag(F.number, wire_type(K)));
    write_value<K>(out, member);
  }
}

template <ProtoMessage T>
constexpr void write_message(Writer& out, const T& message) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (write_field<T, I>(out, message.*(field_at<T, I>.member)), ...);
  }(std::make_index_sequence<field_count<T>>{});
}

}  // namespace detail

/// The number of bytes encode() writes for `message`.
template <ProtoMessage T>
[[nodiscard]] constexpr std::size_t encoded_size(const T& message) {
  return detail::measure(message, nullptr);
}

/// Appends the encoding of `message` to `out`.
template <ProtoMessage T>
constexpr void encode_to(std::string& out, const T& message) {
  detail::SizeCache sizes;
  const std::size_t n = detail::measure(message, &sizes);
  const std::size_t start = out.size();
  out.resize(start + n);
  detail::Writer writer{out.data() + start, sizes};
  detail::write_message(writer, message);
}

/// The protobuf encoding of `message`, byte for byte what libprotobuf serialises. (Unconstrained, so
/// that core/endpoint.hpp can declare it without this header.)
template <class T>
[[nodiscard]] constexpr std::string encode(const T& message) {
  static_assert(ProtoMessage<T>, "chatbind::protobuf::encode: T has no generated field table");
  std::string out;
  encode_to(out, message);
  return out;
}

namespace detail {

/// A bounded cursor over the bytes of one message.
class Reader {
 public:
  constexpr explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  [[nodiscard]] constexpr bool done() const noexcept { return pos_ >= bytes_.size(); }
  [[nodiscard]] constexpr std::size_t remaining() const noexcept { return bytes_.size() - pos_; }

  /// A varint of at most ten bytes whose value fits in 64 bits. One byte (most keys, lengths and
  /// small values) is read inline; longer ones by varint_long.
  [[nodiscard]] constexpr bool varint(std::uint64_t& out, DecodeFailure& failure) {
    if (pos_ < bytes_.size()) {
      const auto byte = static_cast<std::uint8_t>(bytes_[pos_]);
      if (byte < 0x80) {
        ++pos_;
        out = byte;
        return true;
      }
    }
    return varint_long(out, failure);
  }

  [[nodiscard]] constexpr bool varint_long(std::uint64_t& out, DecodeFailure& failure) {
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (done()) return fail(failure, "truncated varint");
      const auto byte = static_cast<std::uint8_t>(bytes_[pos_++]);
      if (shift == 63 && byte > 1) return fail(failure, "varint exceeds 64 bits");
      out |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if (byte < 0x80) return true;
    }
    return fail(failure, "varint longer than ten bytes");
  }

  template <std::size_t N>
  [[nodiscard]] constexpr bool fixed(std::uint64_t& out, DecodeFailure& failure) {
    if (remaining() < N) return fail(failure, N == 4 ? "truncated fixed32" : "truncated fixed64");
    out = 0;
    for (std::size_t i = 0; i < N; ++i) out |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(bytes_[pos_++])) << (8 * i);
    return true;
  }

  /// A length prefix and the bytes it announces.
  [[nodiscard]] constexpr bool length_delimited(std::string_view& out, DecodeFailure& failure) {
    std::uint64_t n = 0;
    if (!varint(n, failure)) return false;
    if (n > remaining()) [[unlikely]]
      return past_the_end(failure, n);
    out = bytes_.substr(pos_, static_cast<std::size_t>(n));
    pos_ += static_cast<std::size_t>(n);
    return true;
  }

  [[nodiscard]] constexpr bool skip(std::size_t n, DecodeFailure& failure) {
    if (n > remaining()) return fail(failure, "truncated field");
    pos_ += n;
    return true;
  }

  static constexpr bool fail(DecodeFailure& failure, std::string message) {
    failure.message = std::move(message);
    return false;
  }
  [[gnu::cold, gnu::noinline]] static bool past_the_end(DecodeFailure& failure, std::uint64_t n) {
    return fail(failure, "length " + std::to_string(n) + " runs past the end of the message");
  }
  /// The same for a fixed text: kept out of line, so that the hot paths that may fail stay small.
  [[gnu::cold, gnu::noinline]] static constexpr bool fail(DecodeFailure& failure, const char* message) {
    failure.message = message;
    return false;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

/// Why a key is not one (kept out of line: the hot path below stays small enough to inline).
[[gnu::cold, gnu::noinline]] constexpr bool bad_key(DecodeFailure& failure, std::uint64_t key) {
  if (key > std::numeric_limits<std::uint32_t>::max()) return Reader::fail(failure, "field key exceeds 32 bits");
  if ((key >> 3) == 0) return Reader::fail(failure, "field number 0");
  return Reader::fail(failure, "invalid wire type " + std::to_string(key & 7));
}

/// Reads a field key: its number (1 .. 2^29-1) and wire type.
[[nodiscard, gnu::always_inline]] constexpr bool read_key(Reader& in, std::uint32_t& number, WireType& wire,
                                                          DecodeFailure& failure) {
  std::uint64_t key = 0;
  if (!in.varint(key, failure)) return false;
  if (key > std::numeric_limits<std::uint32_t>::max() || (key >> 3) == 0 || (key & 7) > 5) [[unlikely]]
    return bad_key(failure, key);
  number = static_cast<std::uint32_t>(key >> 3);
  wire = static_cast<WireType>(key & 7);
  return true;
}

/// Skips an unknown field of any wire type, groups included (nested ones too, up to max_depth).
[[nodiscard]] constexpr bool skip_field(Reader& in, std::uint32_t number, WireType wire, DecodeFailure& failure) {
  std::uint64_t ignored = 0;
  std::string_view ignored_bytes;
  switch (wire) {
    case WireType::varint: return in.varint(ignored, failure);
    case WireType::i64: return in.skip(8, failure);
    case WireType::i32: return in.skip(4, failure);
    case WireType::len: return in.length_delimited(ignored_bytes, failure);
    case WireType::end_group: return Reader::fail(failure, "end-group without a start-group");
    case WireType::start_group: break;
  }
  std::vector<std::uint32_t> open{number};  // the numbers of the groups not yet closed
  while (!open.empty()) {
    if (open.size() > static_cast<std::size_t>(max_depth)) return Reader::fail(failure, "groups nested too deeply");
    if (in.done()) return Reader::fail(failure, "unterminated group");
    std::uint32_t n = 0;
    WireType w{};
    if (!read_key(in, n, w, failure)) return false;
    if (w == WireType::start_group) {
      open.push_back(n);
    } else if (w == WireType::end_group) {
      if (n != open.back()) return Reader::fail(failure, "end-group does not match its start-group");
      open.pop_back();
    } else if (!skip_field(in, n, w, failure)) {
      return false;
    }
  }
  return true;
}

/// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF),
/// which proto3 requires of `string` fields.
[[nodiscard]] constexpr bool valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!std::is_constant_evaluated()) {  // eight ASCII bytes at a time
      while (i + 8 <= text.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        if (word & 0x8080808080808080ull) break;
        i += 8;
      }
      if (i >= text.size()) break;
    }
    const auto c = static_cast<std::uint8_t>(text[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (text.size() - i <= n) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<std::uint8_t>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    constexpr std::uint32_t min_for_length[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_for_length[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

template <Kind K>
[[nodiscard]] constexpr bool read_scalar_bits(Reader& in, std::uint64_t& bits, DecodeFailure& failure) {
  if constexpr (wire_type(K) == WireType::i32) return in.fixed<4>(bits, failure);
  else if constexpr (wire_type(K) == WireType::i64) return in.fixed<8>(bits, failure);
  else return in.varint(bits, failure);
}

/// Converts wire bits into a value of kind K, rejecting what the field's C++ type cannot hold.
template <Kind K, class V>
[[nodiscard]] constexpr bool scalar_from_bits(std::uint64_t bits, V& out, DecodeFailure& failure) {
  if constexpr (K == Kind::int32 || K == Kind::enum_) {
    const auto n = static_cast<std::int64_t>(bits);
    if (n < std::numeric_limits<std::int32_t>::min() || n > std::numeric_limits<std::int32_t>::max())
      return Reader::fail(failure, "value " + std::to_string(n) + " is out of range for a 32-bit field");
    out = static_cast<V>(static_cast<std::int32_t>(n));
  } else if constexpr (K == Kind::uint32 || K == Kind::sint32) {
    if (bits > std::numeric_limits<std::uint32_t>::max())
      return Reader::fail(failure, "value " + std::to_string(bits) + " is out of range for a 32-bit field");
    if constexpr (K == Kind::uint32) {
      out = static_cast<V>(bits);
    } else {
      const auto u = static_cast<std::uint32_t>(bits);
      out = static_cast<V>(static_cast<std::int32_t>((u >> 1) ^ (~(u & 1) + 1)));
    }
  } else if constexpr (K == Kind::sint64) {
    out = static_cast<V>((bits >> 1) ^ (~(bits & 1) + 1));
  } else if constexpr (K == Kind::int64 || K == Kind::uint64 || K == Kind::fixed64 || K == Kind::sfixed64) {
    out = static_cast<V>(bits);
  } else if constexpr (K == Kind::fixed32) {
    out = static_cast<V>(static_cast<std::uint32_t>(bits));
  } else if constexpr (K == Kind::sfixed32) {
    out = static_cast<V>(static_cast<std::int32_t>(static_cast<std::uint32_t>(bits)));
  } else if constexpr (K == Kind::bool_) {
    out = bits != 0;
  } else if constexpr (K == Kind::float_) {
    out = std::bit_cast<float>(static_cast<std::uint32_t>(bits));
  } else {
    static_assert(K == Kind::double_);
    out = std::bit_cast<double>(bits);
  }
  return true;
}

template <ProtoMessage T>
[[nodiscard]] constexpr bool decode_message(std::string_view bytes, T& out, DecodeFailure& failure, int depth);

/// Prefixes the failure path with a field name (and index): "tag[0]" + "color" -> "tag[0].color".
constexpr void prefix_path(DecodeFailure& failure, std::string_view name, std::optional<std::size_t> index) {
  std::string head{name};
  if (index) head += "[" + std::to_string(*index) + "]";
  if (!failure.path.empty()) head += "." + failure.path;
  failure.path = std::move(head);
}

/// Reads one value of kind K (a length-delimited one when K is string, bytes or message).
template <Kind K, class V>
[[nodiscard]] constexpr bool read_value(Reader& in, V& out, DecodeFailure& failure, int depth) {
  if constexpr (K == Kind::string || K == Kind::bytes) {
    std::string_view bytes;
    if (!in.length_delimited(bytes, failure)) return false;
    if constexpr (K == Kind::string) {
      if (!valid_utf8(bytes)) return Reader::fail(failure, "string is not valid UTF-8");
    }
    out.assign(bytes.data(), bytes.size());
    return true;
  } else if constexpr (K == Kind::message) {
    std::string_view bytes;
    if (!in.length_delimited(bytes, failure)) return false;
    return decode_message(bytes, out, failure, depth + 1);  // merges into `out`, as libprotobuf does
  } else {
    std::uint64_t bits = 0;
    return read_scalar_bits<K>(in, bits, failure) && scalar_from_bits<K>(bits, out, failure);
  }
}

[[nodiscard]] constexpr std::string_view wire_type_name(WireType w) noexcept {
  switch (w) {
    case WireType::varint: return "varint";
    case WireType::i64: return "fixed64";
    case WireType::len: return "length-delimited";
    case WireType::start_group: return "start-group";
    case WireType::end_group: return "end-group";
    case WireType::i32: return "fixed32";
  }
  return "unknown";
}

/// How many more records of field `number` follow in the message after `in`'s position (stops at
/// the first malformed field: the decode itself reports it).
[[nodiscard]] constexpr std::size_t count_records(Reader in, std::uint32_t number) {
  DecodeFailure ignored;
  std::size_t count = 0;
  std::string_view value;
  if (!in.length_delimited(value, ignored)) return 0;  // the current record
  while (!in.done()) {
    std::uint32_t n = 0;
    WireType wire{};
    if (!read_key(in, n, wire, ignored)) break;
    if (n == number && wire == WireType::len) {
      if (!in.length_delimited(value, ignored)) break;
      ++count;
    } else if (!skip_field(in, n, wire, ignored)) {
      break;
    }
  }
  return count;
}

/// Charges one repeated element (its struct storage) to the decode's memory budget: libprotobuf keeps
/// sub-messages behind pointers, chatbind inline, so `12 00` (an empty message, two bytes) costs a
/// whole struct; the budget keeps that amplification bounded by the input.
template <class V>
[[nodiscard]] constexpr bool take_element(DecodeFailure& failure) {
  if (failure.budget.take(sizeof(V))) return true;
  failure.limit = true;
  return Reader::fail(failure, "decoding would build more memory than DecodeLimits allow for this body");
}

/// Decodes one occurrence of field I of T into its member.
template <class T, std::size_t I, class M>
[[nodiscard]] constexpr bool read_field(Reader& in, WireType wire, M& member, DecodeFailure& failure, int depth) {
  constexpr auto F = field_at<T, I>;
  constexpr Kind K = F.kind;
  constexpr WireType expected = wire_type(K);
  if constexpr (is_vector<M>::value) {
    using V = typename M::value_type;
    constexpr bool packable = expected != WireType::len;
    if (packable && wire == WireType::len) {  // packed, whatever the .proto says, as libprotobuf accepts
      std::string_view bytes;
      if (!in.length_delimited(bytes, failure)) return false;
      Reader packed{bytes};
      while (!packed.done()) {
        if (!take_element<V>(failure)) {
          prefix_path(failure, F.name, member.size());
          return false;
        }
        V v{};
        if (!read_value<K>(packed, v, failure, depth)) {
          prefix_path(failure, F.name, member.size());
          return false;
        }
        member.push_back(std::move(v));
      }
      return true;
    }
    if (wire != expected) {
      failure.message = "wrong wire type " + std::string{wire_type_name(wire)} + ", expected " + std::string{wire_type_name(expected)};
      prefix_path(failure, F.name, std::nullopt);
      return false;
    }
    if (!take_element<V>(failure)) {
      prefix_path(failure, F.name, member.size());
      return false;
    }
    if constexpr (K == Kind::message) {
      // Reserve once for every record of this field still ahead in the message (counted, so a
      // count is never taken on trust; and only as far as the memory budget reaches).
      if (member.empty()) {
        const std::size_t records = 1 + count_records(in, F.number);
        if (records > 1 && records - 1 <= failure.budget.left() / sizeof(V)) member.reserve(records);
      }
    }
    if constexpr (std::is_same_v<V, bool>) {  // std::vector<bool> has no element to decode into
      bool v = false;
      if (!read_value<K>(in, v, failure, depth)) {
        prefix_path(failure, F.name, member.size());
        return false;
      }
      member.push_back(v);
    } else {
      V& v = member.emplace_back();  // decoded in place: a large message is never moved
      if (!read_value<K>(in, v, failure, depth)) {
        prefix_path(failure, F.name, member.size() - 1);
        return false;
      }
    }
    return true;
  } else {
    if (wire != expected) {
      failure.message = "wrong wire type " + std::string{wire_type_name(wire)} + ", expected " + std::string{wire_type_name(expected)};
      prefix_path(failure, F.name, std::nullopt);
      return false;
    }
    bool ok = false;
    if constexpr (is_optional<M>::value) {
      if (!member) member.emplace();
      ok = read_value<K>(in, *member, failure, depth);
    } else {
      ok = read_value<K>(in, member, failure, depth);
    }
    if (!ok) prefix_path(failure, F.name, std::nullopt);
    return ok;
  }
}

template <ProtoMessage T>
[[nodiscard]] constexpr bool decode_message(std::string_view bytes, T& out, DecodeFailure& failure, int depth) {
  if (depth > failure.max_depth) return Reader::fail(failure, "messages nested too deeply");
  Reader in{bytes};
  while (!in.done()) {
    std::uint32_t number = 0;
    WireType wire{};
    if (!read_key(in, number, wire, failure)) return false;
    bool known = false;
    bool ok = true;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (void)((number == field_at<T, I>.number
                  ? (known = true, ok = read_field<T, I>(in, wire, out.*(field_at<T, I>.member), failure, depth), true)
                  : false) ||
             ...);
    }(std::make_index_sequence<field_count<T>>{});
    if (!known) ok = skip_field(in, number, wire, failure);
    if (!ok) return false;
  }
  return true;
}

}  // namespace detail

/// Decodes `bytes` into `out` without a Result, for constant expressions; merges into what `out`
/// already holds, as libprotobuf's MergeFromString does. On failure, `failure` says what and where.
template <ProtoMessage T>
[[nodiscard]] constexpr bool decode_into(std::string_view bytes, T& out, DecodeFailure& failure) {
  return detail::decode_message(bytes, out, failure, 0);
}

/// Decodes a message within `limits`. A malformed or mistyped encoding is a `syntax` error whose
/// path names the field, e.g. "msg[2].sender.name" (prefixed with `path_prefix` when one is given);
/// a bound of `limits` hit is a `limit` error. Never throws (an allocation failure included).
template <ProtoMessage T>
[[nodiscard]] Result<T> decode(std::string_view bytes, std::string_view path_prefix = {}, const DecodeLimits& limits = {}) {
  if (std::string refused = limits.input_too_large(bytes.size()); !refused.empty())
    return Error::make(ErrorKind::limit, std::move(refused), std::string{path_prefix});
  return chatbind::detail::guard_allocation([&]() -> Result<T> {
    T out{};
    DecodeFailure failure;
    failure.budget = MemoryBudget{limits.memory_budget(bytes.size())};
    failure.max_depth = static_cast<int>(std::min<std::size_t>(limits.max_depth, static_cast<std::size_t>(max_depth)));
    if (!decode_into(bytes, out, failure)) {
      std::string path{path_prefix};
      if (!path.empty() && !failure.path.empty()) path += '.';
      path += failure.path;
      if (failure.limit) return Error::make(ErrorKind::limit, failure.message, std::move(path));
      return Error::make(ErrorKind::syntax, "malformed protobuf: " + failure.message, std::move(path));
    }
    return out;
  }, path_prefix);
}

}  // namespace chatbind::protobuf
