#!/usr/bin/env bash
# Fuzzes a running API (`npm start`) against its own OpenAPI document with schemathesis (pinned, in .tools/schemathesis:
# tools/fuzz/install.sh), with the checks CI runs (scripts/fuzz-ci.sh, which starts an engine of its own):
#   bash scripts/fuzz.sh [extra schemathesis args]
# API_URL (default http://localhost:3000), FUZZ_ROLE (default KE_LEADER; token from the local issuer, municipality
# 4601), FUZZ_EXAMPLES (default 50). With FUZZ_DATABASE_URL (the engine's PostgreSQL) it also checks that refused
# requests change no row in the case tables (then one request at a time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/tools/fuzz/install.sh"
token="$(cd "$root" && npx ts-node --transpile-only scripts/issue-token.ts --role "${FUZZ_ROLE:-KE_LEADER}" --municipalities 4601 --sub fuzz | tail -1)"
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,problem_json_errors
workers=2
if [ -n "${FUZZ_DATABASE_URL:-}" ]; then checks="$checks,refusals_change_no_rows"; workers=1; fi
export SCHEMATHESIS_HOOKS="$root/tools/fuzz/hooks.py" PYTHONPATH="$root/tools/fuzz"
exec "$root/.tools/schemathesis/bin/schemathesis" run "${API_URL:-http://localhost:3000}/docs/openapi.json" \
  -H "Authorization: Bearer $token" --checks "$checks" --max-examples "${FUZZ_EXAMPLES:-50}" --workers "$workers" "$@"
