#!/usr/bin/env bash
# chatbind-fake conformance, seen by curl: the fake must accept what the real servers accept and
# refuse what they refuse. Every request here is made by curl and every answer read by bash, so
# nothing of chatbind's own encoders or decoders stands between the check and the wire: a fake that
# only agrees with chatbind's clients would pass chatbind's tests and still mislead a bot written
# with another library.
#
# Checks (one function per case, case_<platform>_<what>):
#   heychat    a send with the `token` header in odd case (`TOKEN:`), only three of the seven common
#              query parameters, chat_version twice and an unknown key: status ok with `result`;
#              a multipart upload (`curl -F file=@x.png`, the media host's /upload) answers a URL;
#              OAuth: the authorization page's 302 carries code=, the form-urlencoded token exchange
#              returns an access token, a reused code is refused, the Bearer resource call works
#              with the token and fails without it.
#   yunhu      an unknown /v1/ path is Go's `404 page not found` (text/plain); a send-message with a
#              hand-made protobuf body answers Status{code 1}; a wrong token is the JSON -101.
#   yunhu_bot  a JSON text send answers code 1 with a msgId; a wrong ?token= is code 1002; the control
#              route POST /_chatbind/yunhu_bot/message answers the event it made.
#   wildfire   a user created and read back with headers signed by sha1sum (sha1(nonce|secret|timestamp)).
#
#   tests/conformance/curl_conformance.sh <chatbind-fake>
# Exit status 0 when every case holds; 1 with "FAILED <case>: <why>" for each one that does not.
set -uo pipefail

fake_exe=${1:?usage: curl_conformance.sh <chatbind-fake>}
HEYCHAT_TOKEN=curl-heychat-token
YUNHU_TOKEN=curl-yunhu-token
YUNHU_BOT_TOKEN=curl-yunhu-bot-token
WILDFIRE_SECRET=curl-wildfire-secret

work=$(mktemp -d)
fake_pid=
cleanup() {
  if [ -n "$fake_pid" ]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- the fake -------------------------------------------------------------------------------------
"$fake_exe" --port 0 --port-file "$work/port" --ws-port 0 --quiet --token "$HEYCHAT_TOKEN" \
  --yunhu-token "$YUNHU_TOKEN" --yunhu-bot-token "$YUNHU_BOT_TOKEN" --wildfire-secret "$WILDFIRE_SECRET" \
  >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
for _ in $(seq 200); do
  [ -s "$work/port" ] && break
  if ! kill -0 "$fake_pid" 2>/dev/null; then
    echo "FAILED: chatbind-fake exited before listening: $(cat "$work/fake.err")"
    exit 1
  fi
  sleep 0.05
done
[ -s "$work/port" ] || { echo "FAILED: chatbind-fake wrote no port file within 10 s"; exit 1; }
base=http://127.0.0.1:$(cat "$work/port")

# --- helpers --------------------------------------------------------------------------------------
# req <path+query> [curl options…]: one exchange; sets status, body (text), headers (CR stripped)
# and keeps the raw body in $work/body (for binary answers).
status= body= headers=
req() {
  local path=$1
  shift
  status=$(curl -sS --max-time 10 -o "$work/body" -D "$work/headers" -w '%{http_code}' "$@" "$base$path") || status=000
  body=$(cat "$work/body" 2>/dev/null)
  headers=$(tr -d '\r' <"$work/headers" 2>/dev/null)
}
# header <name>: the value of a response header of the last req (name in any case).
header() { grep -i "^$1:" <<<"$headers" | head -1 | sed 's/^[^:]*: *//'; }
# json_string <key>: the first "key":"value" string of the last body (the fake answers compact JSON).
json_string() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$body" | head -1; }

failures=0
current=
fail() {  # fail <why>: the current case does not hold
  echo "FAILED $current: $*"
  echo "  last answer: HTTP $status $(head -c 400 <<<"$body")"
  return 1
}
expect_status() { [ "$status" = "$1" ] || fail "HTTP $status, expected $1"; }
expect_body_has() { [[ $body == *"$1"* ]] || fail "the body lacks $1"; }
expect_body_lacks() { [[ $body != *"$1"* ]] || fail "the body has $1"; }
# run <case function>: runs one case in a subshell, where its first failed expectation ends it
# (not under `if`, which would switch set -e off inside).
run() {
  current=$1
  (set -e; "$1")
  if [ $? -eq 0 ]; then echo "ok: $1"; else failures=$((failures + 1)); fi
}

# wildfire_req <path> <json> [secret] [timestamp]: a signed admin call as the Java SDK's AdminHttpUtils makes it.
wildfire_req() {
  local path=$1 json=$2 secret=${3:-$WILDFIRE_SECRET} timestamp=${4:-$(date +%s%3N)} nonce=$RANDOM$RANDOM
  local sign
  sign=$(printf '%s|%s|%s' "$nonce" "$secret" "$timestamp" | sha1sum | cut -d' ' -f1)
  req "$path" -X POST -H 'Content-Type: application/json; charset=utf-8' -H "nonce: $nonce" \
    -H "timestamp: $timestamp" -H "sign: $sign" --data-binary "$json"
}

# --- Heychat ----------------------------------------------------------------------------------------
# The official demo sends three of the seven common query parameters; clients repeat keys and add
# their own; HTTP header names are case-insensitive, so `TOKEN:` is the `token` header.
case_heychat_send_lenient_query() {
  req "/chatroom/v2/channel_msg/send?chat_os_type=bot&client_type=heybox_chat&chat_version=1.30.0&chat_version=1.30.0&my_own_key=1" \
    -X POST -H "TOKEN: $HEYCHAT_TOKEN" -H 'Content-Type: application/json' \
    --data-binary '{"msg":"hi from curl","msg_type":10,"room_id":"3581310465924767744","channel_id":"3595756374695264256","channel_type":1}'
  expect_status 200
  expect_body_has '"status":"ok"'
  expect_body_has '"result":{'
  [ -n "$(json_string msg_id)" ] || fail "result.msg_id is missing"
}

case_heychat_wrong_token() {
  req "/chatroom/v2/channel_msg/send?chat_os_type=bot" -X POST -H 'token: not-the-token' -H 'Content-Type: application/json' \
    --data-binary '{"msg":"hi","msg_type":10,"room_id":"1","channel_id":"2","channel_type":1}'
  expect_status 200  # Heychat refuses with HTTP 200 and status failed
  expect_body_has '"status":"failed"'
  expect_body_lacks '"result"'
}

# The media host (spec/heychat.yaml: https://chat-upload.xiaoheihe.cn/upload) on the fake's port:
# multipart/form-data with one part named file.
case_heychat_upload_multipart() {
  printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$work/x.png"
  req "/upload?chat_os_type=bot&client_type=heybox_chat&chat_version=1.30.0" -H "token: $HEYCHAT_TOKEN" -F "file=@$work/x.png"
  expect_status 200
  expect_body_has '"status":"ok"'
  [[ $(json_string url) == http* ]] || fail "result.url is not a URL"
}

# The authorization-code grant as a browser and an app's backend do it.
case_heychat_oauth_code_flow() {
  local redirect='https://example.com/callback?state=s1' code token
  req "/account/bot_oauth" -G --data-urlencode client_id=fake-client --data-urlencode "redirect_uri=$redirect" \
    --data-urlencode response_type=code --data-urlencode 'scope=user_info_read user_chat_duration_read'
  expect_status 302
  local location
  location=$(header Location)
  [[ $location == "$redirect&code="* ]] || fail "Location is '$location', expected $redirect&code=…"
  code=${location##*code=}
  code=${code%%&*}
  [ -n "$code" ] || fail "no code in Location"

  # form-urlencoded; the code is already URL-encoded as the redirect carried it
  local form=(-X POST --data-urlencode grant_type=authorization_code --data-urlencode client_id=fake-client
              --data-urlencode client_secret=fake-secret -d "code=$code" --data-urlencode "redirect_uri=$redirect")
  req /chatroom/api/token "${form[@]}"
  expect_status 200
  token=$(json_string access_token)
  [ -n "$token" ] || fail "no access_token"
  expect_body_has '"token_type":"Bearer"'

  req /chatroom/api/token "${form[@]}"  # the same code again: single use
  expect_body_has '"status":"failed"'
  expect_body_lacks access_token

  req /chatroom/api/account/info -H "Authorization: Bearer $token"
  expect_status 200
  expect_body_has '"status":"ok"'
  [ -n "$(json_string username)" ] || fail "result.username is missing"

  req /chatroom/api/account/info
  expect_body_has '"status":"failed"'
  expect_body_lacks username
}

# --- Yunhu (client API, protobuf) -------------------------------------------------------------------
# The platform runs on Go: an unknown path gets net/http's default answer.
case_yunhu_unknown_path() {
  req /v1/msg/no-such-endpoint -X POST -H "token: $YUNHU_TOKEN" -H 'Content-Type: application/x-protobuf' --data-binary x
  expect_status 404
  [[ $(header Content-Type) == text/plain* ]] || fail "Content-Type is '$(header Content-Type)', expected text/plain"
  [ "$body" = "404 page not found" ] || fail "body is '$body', expected '404 page not found'"
}

# SendMessageRequest{msg_id=2:"m1", chat_id=3:"g1", chat_type=4:GROUP(2), data=5:{text=1:"hi"},
# content_type=6:TEXT(1)} written byte by byte (proto/yunhu/msg.proto); the answer must be
# StatusResponse{status=1:{code=2:1, msg=3:"success"}} (number 0 is not sent).
case_yunhu_send_protobuf() {
  printf '\x12\x02m1\x1a\x02g1\x20\x02\x2a\x04\x0a\x02hi\x30\x01' >"$work/send.pb"
  req /v1/msg/send-message -X POST -H "token: $YUNHU_TOKEN" -H 'Content-Type: application/x-protobuf' --data-binary "@$work/send.pb"
  expect_status 200
  local hex
  hex=$(od -An -tx1 -v "$work/body" | tr -d ' \n')
  # 0a 0b | 10 01 | 1a 07 "success"
  [ "$hex" = "0a0b10011a0773756363657373" ] || fail "the answer is $hex, expected StatusResponse{status{code:1 msg:\"success\"}}"

  req /v1/msg/send-message -X POST -H 'token: wrong' -H 'Content-Type: application/x-protobuf' --data-binary "@$work/send.pb"
  expect_status 200
  expect_body_has '"code":-101'  # JSON, even on a protobuf route
}

# --- Yunhu bot (open API, ?token=) ------------------------------------------------------------------
case_yunhu_bot_send_text() {
  local send='{"recvId":"u1","recvType":"user","contentType":"text","content":{"text":"hi from curl"}}'
  req "/open-apis/v1/bot/send?token=$YUNHU_BOT_TOKEN" -X POST -H 'Content-Type: application/json; charset=utf-8' --data-binary "$send"
  expect_status 200
  expect_body_has '"code":1,'
  [ -n "$(json_string msgId)" ] || fail "data.messageInfo.msgId is missing"

  req "/open-apis/v1/bot/send?token=wrong" -X POST -H 'Content-Type: application/json' --data-binary "$send"
  expect_body_has '"code":1002'
}

case_yunhu_bot_control_message() {
  req /_chatbind/yunhu_bot/message -X POST -H 'Content-Type: application/json' --data-binary '{"userId":"u7","text":"hello bot"}'
  expect_status 200
  expect_body_has '"eventType":"message.receive.normal"'
  expect_body_has '"senderId":"u7"'
  expect_body_has '"text":"hello bot"'
}

# --- Wildfire (admin API, signed headers) -----------------------------------------------------------
case_wildfire_create_and_get_user() {
  wildfire_req /admin/user/create '{"userId":"curl-user","name":"curl-user","displayName":"Curl"}'
  expect_status 200
  expect_body_has '"code":0'
  expect_body_has '"userId":"curl-user"'
  wildfire_req /admin/user/get_info '{"userId":"curl-user"}'
  expect_body_has '"code":0'
  expect_body_has '"displayName":"Curl"'
  wildfire_req /admin/user/get_info '{"userId":"curl-user"}' not-the-secret
  expect_body_has '"code":244'
}

for c in case_heychat_send_lenient_query case_heychat_wrong_token case_heychat_upload_multipart case_heychat_oauth_code_flow \
         case_yunhu_unknown_path case_yunhu_send_protobuf case_yunhu_bot_send_text case_yunhu_bot_control_message \
         case_wildfire_create_and_get_user; do
  run "$c"
done

# chatbind-fake stops cleanly on SIGTERM (exit status 0).
kill "$fake_pid"
wait "$fake_pid"
rc=$?
fake_pid=
if [ "$rc" -ne 0 ]; then
  echo "FAILED stop: chatbind-fake exited with $rc on SIGTERM"
  failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "curl conformance: $failures case(s) FAILED"
  exit 1
fi
echo "curl conformance: all cases hold"
