#!/usr/bin/env bash
# Debian's headless Chromium for the browser tests and `npm run report:screenshot`, once (never at test run time).
# The tests drive /usr/bin/chromium with playwright-core; no browser build is downloaded (this machine reaches only
# package registries). apt-get needs root; anything else stops with one sentence that says what to do.
set -euo pipefail
chromium=/usr/bin/chromium
die() { echo "chromium: $*" >&2; exit 1; }
version_of() { "$chromium" --headless --no-sandbox --version 2>/dev/null | head -1 || true; }

if [ ! -x "$chromium" ]; then
  command -v apt-get >/dev/null 2>&1 || die "$chromium is missing and there is no apt-get to install Debian's chromium package: install Chromium at $chromium."
  [ "$(id -u)" = 0 ] || die "$chromium is missing: install it as root (apt-get install chromium), or run this script as root."
  echo "chromium: installing Debian's chromium package with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be absent on a fresh machine; update them only when the install cannot find the package.
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; } \
    || die "apt-get could not install the chromium package (no access to Debian's package archive?): install it by hand."
  [ -x "$chromium" ] || die "the chromium package is installed but $chromium is not there."
fi
got="$(version_of)"
[[ "$got" == Chromium* ]] || die "$chromium does not start (it says '${got:-nothing}'): reinstall the chromium package."
echo "chromium: $got" >&2
