#!/usr/bin/env bash
# The main job: install what is missing, regenerate the headers from spec/, build, and run the
# examples (each encodes requests and decodes the platform documents' responses offline).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/regenerate.sh
build=${BUILD_DIR:-build/main}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHATBIND_BUILD_TESTS=OFF >/dev/null
cmake --build "$build"
for example in "$build"/examples/example_*; do
  echo "== ${example##*/}"
  "$example"
done
