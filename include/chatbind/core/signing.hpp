// chatbind — the digest, randomness and clock request signing needs, from kept libraries (Boost.Uuid's
// SHA-1, the standard library's std::random_device); nothing hand-rolled.
#pragma once

#include "chatbind/core/error.hpp"

#include <boost/uuid/detail/sha1.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <exception>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>

namespace chatbind::signing {

/// Lower-case hex of SHA-1(data).
inline std::string sha1_hex(std::string_view data) {
  boost::uuids::detail::sha1 sha;
  sha.process_bytes(data.data(), data.size());
  boost::uuids::detail::sha1::digest_type digest;
  sha.get_digest(digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(40);
  using Word = std::remove_extent_t<boost::uuids::detail::sha1::digest_type>;
  // Boost < 1.86 hands out five 32-bit words, later versions twenty bytes; both mean the same digest.
  constexpr int bytes_per_word = static_cast<int>(sizeof(Word) == 1 ? 1 : 4);
  for (auto word : digest) {
    for (int i = bytes_per_word - 1; i >= 0; --i) {
      const auto byte = static_cast<unsigned>((static_cast<std::uint32_t>(word) >> (8 * i)) & 0xFFu);
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
  }
  return out;
}

/// A fresh random (version 4) UUID as 32 lower-case hex digits, from std::random_device (the
/// operating system's entropy source, or the CPU's, in libstdc++ and libc++): 122 random bits. Used
/// for nonces and client-chosen message ids. (Boost.Uuid's random_generator does the same from the
/// OS but drags Boost.Random into every signing platform's translation units.)
[[nodiscard]] inline Result<std::string> random_uuid_hex() {
  try {
    thread_local std::random_device device;
    std::array<unsigned char, 16> bytes{};
    for (std::size_t i = 0; i < bytes.size(); i += 4) {
      const auto word = static_cast<std::uint32_t>(device());
      for (std::size_t b = 0; b < 4; ++b) bytes[i + b] = static_cast<unsigned char>(word >> (8 * b));
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0Fu) | 0x40u);  // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3Fu) | 0x80u);  // RFC 4122 variant
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(32);
    for (const unsigned char byte : bytes) {
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
    return out;
  } catch (const std::exception&) {
    return Error::make(ErrorKind::invalid_request, "the operating system's random source failed");
  }
}

/// Fills `id` with a fresh random UUID (32 hex digits) when it is empty; leaves a chosen id alone.
[[nodiscard]] inline Result<void> fill_uuid(std::string& id) {
  if (!id.empty()) return {};
  auto fresh = random_uuid_hex();
  if (!fresh) return fresh.error();
  id = std::move(*fresh);
  return {};
}

/// Unix time in milliseconds: the injected clock's when one is set (deterministic tests), else the
/// system clock's.
[[nodiscard]] inline std::int64_t unix_time_ms(const std::function<std::int64_t()>& clock = {}) {
  if (clock) return clock();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace chatbind::signing
