// chatbind — how much untrusted input a decoder accepts, and how much memory it may build from it.
// One set of limits for every decoder (JSON, protobuf, events), in the spirit of libprotobuf's.
#pragma once

#include <cstddef>
#include <limits>
#include <string>

namespace chatbind {

/// Bounds on what one decode may read and build. A limit hit is a typed error naming the path,
/// never a crash or an unbounded allocation. The defaults accept every real payload of the three
/// platforms; raise them for a known large export, lower them for a tight process.
struct DecodeLimits {
  /// The largest body a decoder reads (the transports cap the response size the same way).
  std::size_t max_input_bytes = std::size_t{64} << 20;
  /// The deepest nesting of objects, arrays or sub-messages.
  std::size_t max_depth = 256;
  /// The memory a decode may build (struct storage of repeated elements, strings, map nodes, raw
  /// JSON), as a multiple of the input size...
  std::size_t max_memory_per_input_byte = 32;
  /// ...plus this much, so that a small body may decode into its whole struct.
  std::size_t memory_slack_bytes = std::size_t{1} << 20;

  /// No bound at all: for re-reading text chatbind has already checked under the caller's limits.
  [[nodiscard]] static constexpr DecodeLimits unlimited() noexcept {
    constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
    return {most, most, most, most};
  }

  /// Why an input of `input_bytes` is refused, or "" when it is not too large.
  [[nodiscard]] std::string input_too_large(std::size_t input_bytes) const {
    if (input_bytes <= max_input_bytes) return {};
    return "a body of " + std::to_string(input_bytes) + " bytes exceeds the limit of " +
           std::to_string(max_input_bytes) + " (DecodeLimits::max_input_bytes)";
  }

  /// The decoded-memory budget for an input of `input_bytes`.
  [[nodiscard]] constexpr std::size_t memory_budget(std::size_t input_bytes) const noexcept {
    if (max_memory_per_input_byte != 0 && input_bytes > (std::numeric_limits<std::size_t>::max() - memory_slack_bytes) /
                                                            max_memory_per_input_byte)
      return std::numeric_limits<std::size_t>::max();
    return input_bytes * max_memory_per_input_byte + memory_slack_bytes;
  }
};

/// Counts the memory a decode builds against DecodeLimits::memory_budget.
class MemoryBudget {
 public:
  constexpr explicit MemoryBudget(std::size_t bytes) noexcept : left_(bytes) {}
  /// Takes `bytes` from the budget; false (and nothing taken) when it would be exceeded.
  [[nodiscard]] constexpr bool take(std::size_t bytes) noexcept {
    if (bytes > left_) return false;
    left_ -= bytes;
    return true;
  }
  [[nodiscard]] constexpr std::size_t left() const noexcept { return left_; }

 private:
  std::size_t left_;
};

}  // namespace chatbind
