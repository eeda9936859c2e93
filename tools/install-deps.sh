#!/usr/bin/env bash
# Installs everything chatbind's build, tests and tools need on Debian 12, by package name.
# Idempotent: installs only what is missing. Run as root or with sudo available.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ clang                       # build, with both compilers
  libclang-rt-14-dev                                # clang's sanitizer and libFuzzer runtimes
  libboost1.81-dev nlohmann-json3-dev               # the library's dependencies (Describe needs Boost >= 1.77)
  libgtest-dev libgmock-dev libbenchmark-dev        # tests and benchmarks
  libsimdjson-dev                                   # the benchmarks' floor: simdjson's own parse of the same bytes
  python3 python3-jinja2 python3-yaml python3-protobuf  # the generator (Debian's python3, not a pyenv one)
  protobuf-compiler libprotobuf-dev                 # .proto -> descriptor sets; libprotobuf is the tests' oracle
  libcpp-httplib-dev libcurl4-openssl-dev libssl-dev  # the optional transport adapters and the fake server
  git
)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)  # the spec linter (Redocly CLI)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x node_modules/.bin/redocly ] || [ ! -x node_modules/.bin/prism ]; then
  echo "install-deps: installing the npm tools (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
