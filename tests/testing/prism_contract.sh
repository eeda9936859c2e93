#!/usr/bin/env bash
# The contract check: Prism (@stoplight/prism-cli, from package.json) mocks spec/heychat.yaml and
# spec/wildfire.yaml on loopback ports with --errors, so that a request breaking the spec is refused;
# chatbind_prism_driver sends every JSON endpoint of both, encoded by chatbind. Fails on any refused
# request and on any request violation Prism logs. Exits 77 (skipped) when Prism is not installed.
#
#   tests/testing/prism_contract.sh <chatbind_prism_driver> [repo root]
set -euo pipefail
driver=$1
repo=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
prism=$repo/node_modules/.bin/prism
if [ ! -x "$prism" ]; then
  echo "SKIPPED: $prism is absent (run npm ci, or tools/install-deps.sh)"
  exit 77
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() {  # a port the kernel just handed out on 127.0.0.1
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start <name> <spec>: starts a mock (in this shell, so that cleanup knows its pid) and waits up to
# 60 s for it to listen; sets url to its base URL.
url=
start() {
  local name=$1 spec=$2 port
  port=$(free_port)
  "$prism" mock "$spec" --host 127.0.0.1 --port "$port" --errors >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do
    if grep -q "Prism is listening" "$work/$name.log"; then
      url="http://127.0.0.1:$port"
      return 0
    fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "prism mock $spec did not start:" >&2
  cat "$work/$name.log" >&2
  return 1
}

# Prism's validator holds numbers as doubles and bounds `format: int64` by 2^53 - 1, but real int64
# values pass it (a Wildfire messageUid is ~1.8e18): the mocks get copies of the specs without that
# format, every other rule intact.
for spec in heychat wildfire; do
  sed -E 's/^([[:space:]]*)format: int64[[:space:]]*$/\1x-prism-skipped-format: int64/' "$repo/spec/$spec.yaml" >"$work/$spec.yaml"
done
start heychat "$work/heychat.yaml"
heychat=$url
start wildfire "$work/wildfire.yaml"
wildfire=$url

status=0
timeout 120 "$driver" "$heychat" "$wildfire" || status=1
# Prism's own verdicts: any request or response violation, or a request it refused.
if grep -h -E "Request did not pass the validation rules|Violation|✖  error" "$work/heychat.log" "$work/wildfire.log"; then
  echo "Prism reported the violations above"
  status=1
fi
[ "$status" -eq 0 ] && echo "prism contract: no violations"
exit "$status"
