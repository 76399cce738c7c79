#!/usr/bin/env bash
# The fuzz pass CI runs (.ci/run): installs the pinned schemathesis once (tools/fuzz/install.sh), then
# scripts/fuzz-ci.ts starts PostgreSQL, Temporal, the worker and the API on free ports, seeds cases, and runs
# schemathesis per role and with an invalid token, with the conformance checks and tools/fuzz/hooks.py.
# Needs the Temporal CLI in .tools (npm test or scripts/temporal-tools.sh --cli-only fetch it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/fuzz/install.sh
bash scripts/temporal-tools.sh --cli-only
exec npx ts-node --transpile-only scripts/fuzz-ci.ts "$@"
