#!/usr/bin/env bash
# The whole test suite: obtains the Temporal servers, Debian's Chromium and veraPDF once (never at run time), then unit
# and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/temporal-tools.sh
bash scripts/chromium.sh
bash scripts/verapdf.sh --install
npx tsc -p tsconfig.json --noEmit
npx jest --selectProjects unit
npx jest --selectProjects integration --runInBand
