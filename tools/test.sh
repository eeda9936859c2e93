#!/usr/bin/env bash
# Every check: spec lint, generator tests, committed headers == fresh generation, then the whole
# test suite built with g++ and with clang++ (warnings are errors; clang++ under ASan+UBSan), with
# the libFuzzer target run for 30 s from the real payloads.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh

echo "== spec lint (Redocly)"
node_modules/.bin/redocly lint --format=stylish spec/*.yaml

echo "== generator: committed headers are current"
tools/regenerate.sh --check

jobs=$(nproc)
run_suite() {  # name, extra cmake args...
  local name=$1; shift
  local dir=build/test-$name
  echo "== build + ctest: $name"
  cmake -S . -B "$dir" -G Ninja -DCHATBIND_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}
run_suite gcc -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug -DCHATBIND_BUILD_BENCH=ON  # the benchmarks are built, not run
# clang++ once, with -Werror and under ASan+UBSan: a plain clang++ build would only repeat its warnings.
run_suite sanitize -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCHATBIND_SANITIZE=ON -DCHATBIND_BUILD_FUZZ=ON
echo "== compile-time smoke (g++ -O0, one run; never fails on a target)"; /usr/bin/python3 bench/compile_time.py --smoke
