#!/usr/bin/env bash
# The main job: install what is missing, regenerate the headers from spec/, build, start the offline
# fake platform (chatbind-fake) on loopback, run the three examples against it over HTTP, and stop
# the server. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/regenerate.sh
build=${BUILD_DIR:-build/main}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHATBIND_BUILD_TESTS=OFF >/dev/null
cmake --build "$build"

# The credentials the examples use; the fake accepts exactly these (and rejects others as the
# platforms do).
run=$(mktemp -d)
"$build"/tools/fake/chatbind-fake --port 0 --port-file "$run/port" \
  --token demo-heychat-token --yunhu-token demo-yunhu-token --wildfire-secret demo-wildfire-secret \
  >"$run/fake.log" 2>&1 &
fake=$!
trap 'kill "$fake" 2>/dev/null; wait "$fake" 2>/dev/null; rm -rf "$run"' EXIT
for _ in $(seq 100); do
  [ -s "$run/port" ] && break
  kill -0 "$fake" 2>/dev/null || { cat "$run/fake.log"; echo "chatbind-fake did not start" >&2; exit 1; }
  sleep 0.1
done
[ -s "$run/port" ] || { echo "chatbind-fake did not report its port in 10 s" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$run/port")"
echo "== chatbind-fake listening on $url"

for example in heychat yunhu wildfire; do
  echo
  echo "== example_$example $url"
  "$build/examples/example_$example" "$url"
done
