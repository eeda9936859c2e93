// The benchmarks' shared harness: a counting operator new (include this header in exactly one
// translation unit of each benchmark executable) and measure(), which runs a body per iteration and
// reports heap allocations and allocated bytes per iteration beside the time.
#pragma once

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace chatbind_bench {
inline std::atomic<std::size_t> allocations{0};
inline std::atomic<std::size_t> allocated_bytes{0};
}  // namespace chatbind_bench

void* operator new(std::size_t n) {
  chatbind_bench::allocations.fetch_add(1, std::memory_order_relaxed);
  chatbind_bench::allocated_bytes.fetch_add(n, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc{};
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace chatbind_bench {

/// Runs `body` once per iteration; reports allocations and allocated bytes per iteration, and the
/// throughput over `bytes` per iteration.
template <class F>
void measure(benchmark::State& state, std::size_t bytes, F&& body) {
  const std::size_t a0 = allocations.load();
  const std::size_t b0 = allocated_bytes.load();
  for (auto _ : state) body();
  const auto n = static_cast<double>(state.iterations());
  state.counters["allocs"] = static_cast<double>(allocations.load() - a0) / n;
  state.counters["alloc_bytes"] = static_cast<double>(allocated_bytes.load() - b0) / n;
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

}  // namespace chatbind_bench
