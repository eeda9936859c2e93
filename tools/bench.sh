#!/usr/bin/env bash
# Builds the benchmarks in Release and prints chatbind's figures as ratios to the reference, then
# measures compile time (bench/compile_time.py); both land in marked sections of bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
build=${BUILD_DIR:-build/bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHATBIND_BUILD_BENCH=ON -DCHATBIND_BUILD_TESTS=OFF -DCHATBIND_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build"
runtime=$(mktemp)
trap 'rm -f "$runtime"' EXIT
for b in "$build"/bench/chatbind_bench_*; do
  "$b" --benchmark_format=json --benchmark_min_time=0.2 2>/dev/null | /usr/bin/python3 bench/ratios.py | tee -a "$runtime"
done
{
  echo "Google Benchmark, Release build, $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); $(c++ --version | head -n1)."
  echo "Ratio = chatbind's time / the reference's (same run). Reproduce: \`tools/bench.sh\`"
  echo
  echo '```'
  cat "$runtime"
  echo '```'
} | /usr/bin/python3 bench/readme_section.py bench/README.md runtime
# Compile time: 5 interleaved runs, g++ and clang++, -O0 and -O2 (exits 3 if a target is not met,
# after the README is written).
/usr/bin/python3 bench/compile_time.py --write bench/README.md
