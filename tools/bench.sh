#!/usr/bin/env bash
# Builds the benchmarks in Release and prints chatbind's figures as ratios to the reference.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
build=${BUILD_DIR:-build/bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHATBIND_BUILD_BENCH=ON -DCHATBIND_BUILD_TESTS=OFF -DCHATBIND_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build"
for b in "$build"/bench/chatbind_bench_*; do
  "$b" --benchmark_format=json --benchmark_min_time=0.2 2>/dev/null | /usr/bin/python3 bench/ratios.py
done
