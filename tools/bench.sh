#!/usr/bin/env bash
# Builds the benchmarks in Release and prints chatbind's figures as ratios to the reference, then
# measures compile time (bench/compile_time.py); both land in marked sections of bench/README.md.
# `tools/bench.sh --runtime-only` skips the compile-time part (which takes a quarter of an hour).
set -euo pipefail
runtime_only=false
[ "${1:-}" = "--runtime-only" ] && runtime_only=true
cd "$(dirname "$0")/.."
tools/install-deps.sh
build=${BUILD_DIR:-build/bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHATBIND_BUILD_BENCH=ON -DCHATBIND_BUILD_TESTS=OFF -DCHATBIND_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build"
runtime=$(mktemp)
trap 'rm -f "$runtime"' EXIT
for b in "$build"/bench/chatbind_bench_*; do
  echo "### $(basename "$b")" | tee -a "$runtime"
  echo | tee -a "$runtime"
  "$b" --benchmark_format=json --benchmark_min_time=0.5 --benchmark_repetitions=5 --benchmark_report_aggregates_only=false \
    2>/dev/null | /usr/bin/python3 bench/ratios.py | tee -a "$runtime"
  echo | tee -a "$runtime"
done
{
  echo "Google Benchmark, Release build, $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); $(c++ --version | head -n1)."
  echo "Median of 5 repetitions. × reference = chatbind's time / the reference's (same run); × floor = chatbind's"
  echo "time / simdjson's own DOM parse of the same bytes. Allocations: heap allocations / bytes per operation."
  echo "Reproduce: \`tools/bench.sh --runtime-only\`"
  echo
  cat "$runtime"
} | /usr/bin/python3 bench/readme_section.py bench/README.md runtime
$runtime_only && exit 0
# Compile time: 5 interleaved runs, g++ and clang++, -O0 and -O2 (exits 3 if a target is not met,
# after the README is written).
/usr/bin/python3 bench/compile_time.py --write bench/README.md
