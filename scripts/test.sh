#!/usr/bin/env bash
# The whole test suite: obtains the Temporal servers and Debian's Chromium once (never at run time), then unit and
# integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/temporal-tools.sh
bash scripts/chromium.sh
npx tsc -p tsconfig.json --noEmit
npx jest --selectProjects unit
npx jest --selectProjects integration --runInBand
