#!/usr/bin/env bash
# The main job: install what is missing, regenerate the headers from spec/, build, start the offline
# fake platform (chatbind-fake) on loopback, run the examples against it over HTTP, and stop the
# server. Nothing leaves 127.0.0.1. The Yunhu bot example gets its events on its webhook: this script
# plays the platform's users with curl, through the fake's control routes.
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
  --token demo-heychat-token --yunhu-token demo-yunhu-token --yunhu-bot-token demo-yunhu-bot-token \
  --wildfire-secret demo-wildfire-secret \
  >"$run/fake.log" 2>&1 &
fake=$!
bot=
trap 'kill $bot "$fake" 2>/dev/null; wait $bot "$fake" 2>/dev/null; rm -rf "$run"' EXIT
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

# The Wildfire app server: the admin API, a robot on the robot API, callbacks to its own receiver.
echo
echo "== example_wildfire_app $url $url --fake"
"$build/examples/example_wildfire_app" "$url" "$url" --fake

# The bot listens on its webhook; the fake is told where it is, then a user sends /menu and presses
# the report button of the bot's answer (retried until that answer exists).
echo
echo "== example_yunhu_bot $url"
"$build/examples/example_yunhu_bot" "$url" "$run/bot-port" &
bot=$!
for _ in $(seq 100); do [ -s "$run/bot-port" ] && break; sleep 0.1; done
[ -s "$run/bot-port" ] || { echo "example_yunhu_bot did not start its webhook" >&2; exit 1; }
control() { curl -sS --fail-with-body -X POST -H 'Content-Type: application/json' "$url/_chatbind/yunhu_bot/$1" -d "$2" >/dev/null; }
control webhook "{\"url\":\"http://127.0.0.1:$(cat "$run/bot-port")/yunhu/webhook\"}"
control command '{"userId":"7756242","commandName":"menu","commandId":1508,"groupId":"307149245"}'
for _ in $(seq 50); do control click '{"userId":"7756242","value":"hello"}' 2>/dev/null && break; sleep 0.1; done
wait "$bot"
bot=
