#!/usr/bin/env bash
# The main job: install what is missing, regenerate the headers from spec/, build, start the offline
# fake platform (chatbind-fake) on loopback, run the examples against it over HTTP, and stop the
# server. Nothing leaves 127.0.0.1. The Heychat example gets its events on the fake's websocket, the
# Yunhu bot example on its webhook: this script plays the platform's users with curl, through the
# fake's control routes.
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
"$build"/tools/fake/chatbind-fake --port 0 --port-file "$run/port" --ws-port 0 --ws-port-file "$run/ws-port" \
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
ws="ws://127.0.0.1:$(cat "$run/ws-port")"
echo "== chatbind-fake listening on $url, events on $ws"
control() { curl -sS --fail-with-body -X POST -H 'Content-Type: application/json' "$url/_chatbind/$1" -d "$2" >/dev/null; }

# The Heychat bot connects to the fake's event websocket; once it is there, a user sends /roll 20.
echo
echo "== example_heychat $url $ws"
"$build/examples/example_heychat" "$url" "$ws" &
bot=$!
for _ in $(seq 100); do
  curl -sS "$url/_chatbind/websockets" | grep -q '"/chatroom/ws/connect":1' && break
  sleep 0.1
done
control heychat/command '{"room_id":"3611849174284943360","channel_id":"3611849174307799042","user_id":43028164,
  "nickname":"酸辣鸡杂面","name":"/roll","options":[{"name":"sides","type":4,"value":"20"}]}'
wait "$bot"
bot=

for example in yunhu wildfire; do
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
control yunhu_bot/webhook "{\"url\":\"http://127.0.0.1:$(cat "$run/bot-port")/yunhu/webhook\"}"
control yunhu_bot/command '{"userId":"7756242","commandName":"menu","commandId":1508,"groupId":"307149245"}'
for _ in $(seq 50); do control yunhu_bot/click '{"userId":"7756242","value":"hello"}' 2>/dev/null && break; sleep 0.1; done
wait "$bot"
bot=
