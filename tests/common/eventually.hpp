// What the loopback tests share: waiting for something another thread does, with a bound.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace chatbind::test {

/// Polls `done` every 5 ms for up to `limit`; true once it holds.
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::milliseconds{5000}) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  }
  return true;
}

}  // namespace chatbind::test
