#!/usr/bin/env bash
# Regenerates include/chatbind/<platform>/ from spec/ (pass --check to only compare).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's python3 sees python3-jinja2/python3-yaml; a pyenv python3 earlier on PATH may not.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
PYTHONPATH=codegen exec "$python" -m chatbind_codegen "$@" spec/*.yaml
