#!/usr/bin/env bash
# Installs schemathesis (and psycopg, for tools/fuzz/hooks.py) into .tools/schemathesis from PyPI, every file pinned by
# its sha256 (tools/fuzz/requirements.txt, pip --require-hashes). Reused while requirements.txt is unchanged.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.tools/schemathesis"
req="$root/tools/fuzz/requirements.txt"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/schemathesis" ] && [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
python="${PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "fuzz: $python is not on PATH; schemathesis needs Python 3.10 or later (set PYTHON)." >&2; exit 1; }
rm -rf "$venv"
"$python" -m venv "$venv" || { echo "fuzz: $python cannot make a virtualenv (on Debian: apt-get install python3-venv)." >&2; exit 1; }
"$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes --only-binary=:all: -r "$req"
echo "$want" > "$venv/.requirements.sha256"
echo "fuzz: $("$venv/bin/schemathesis" --version) in .tools/schemathesis"
