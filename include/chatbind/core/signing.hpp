// chatbind — the digest, randomness and clock request signing needs, from kept libraries (Boost.Uuid's
// SHA-1 and its OS-entropy random generator); nothing hand-rolled.
#pragma once

#include "chatbind/core/error.hpp"

#include <boost/uuid/detail/sha1.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <exception>
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

/// A fresh random (version 4) UUID as 32 lower-case hex digits, from the operating system's
/// CSPRNG (getrandom/urandom): 122 random bits. Used for nonces and client-chosen message ids.
[[nodiscard]] inline Result<std::string> random_uuid_hex() {
  try {
    thread_local boost::uuids::random_generator generator;
    const boost::uuids::uuid u = generator();
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(32);
    for (auto byte : u) {
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
