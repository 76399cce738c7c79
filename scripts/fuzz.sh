#!/usr/bin/env bash
# Fuzzes the running API against its own OpenAPI document with schemathesis (a Python tool, in its own venv).
# Start the engine first (`npm start`), then: bash scripts/fuzz.sh [extra schemathesis args]
# It fails on any 5xx answer (and on whatever further --checks you pass).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.tools/schemathesis"
[ -x "$venv/bin/schemathesis" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q schemathesis; }
token="$(cd "$root" && npx ts-node --transpile-only scripts/issue-token.ts --role KE_LEADER --municipalities 4601 --sub fuzz | tail -1)"
exec "$venv/bin/schemathesis" run "${API_URL:-http://localhost:3000}/docs/openapi.json" \
  -H "Authorization: Bearer $token" --checks not_a_server_error --max-examples "${FUZZ_EXAMPLES:-50}" --workers 2 "$@"
