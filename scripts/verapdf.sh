#!/usr/bin/env bash
# veraPDF, the PDF/A validator, for the archive documents' tests: fetched once from Maven Central into .tools/verapdf
# (never at test run time), with the tiny CLI in scripts/verapdf/ compiled against it.
#   bash scripts/verapdf.sh --install                      fetch and compile only
#   bash scripts/verapdf.sh [--flavour 2b] file.pdf...     PASS/FAIL per file; exit 1 if any is not compliant
set -euo pipefail
cd "$(dirname "$0")/.."
src=scripts/verapdf
dir=.tools/verapdf
die() { echo "verapdf: $*" >&2; exit 2; }

install() {
  # The stamp names the pom and CLI it was built from, so a changed version or CLI rebuilds.
  local want; want="$(cat "$src/pom.xml" "$src/VeraCli.java" | sha256sum | cut -d' ' -f1)"
  [ -f "$dir/ready" ] && [ "$(cat "$dir/ready")" = "$want" ] && return 0
  if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] || die "needs mvn and javac (Debian: apt-get install maven default-jdk-headless)."
    echo "verapdf: installing Maven and a JDK with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends maven default-jdk-headless >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends maven default-jdk-headless >/dev/null; } \
      || die "apt-get could not install maven and default-jdk-headless: install them by hand."
  fi
  echo "verapdf: fetching the validator from Maven Central into $dir" >&2
  rm -rf "$dir" && mkdir -p "$dir/lib" "$dir/classes"
  mvn -q -B -f "$src/pom.xml" dependency:copy-dependencies -DoutputDirectory="$PWD/$dir/lib" >&2 \
    || die "Maven could not fetch org.verapdf:validation-model (see $src/pom.xml)."
  javac -nowarn -cp "$dir/lib/*" -d "$dir/classes" "$src/VeraCli.java" || die "the CLI does not compile against the fetched jars."
  echo "$want" > "$dir/ready"
}

install
[ "${1:-}" = --install ] && { echo "verapdf: ready in $dir" >&2; exit 0; }
flavour=2b
if [ "${1:-}" = --flavour ]; then flavour="${2:?--flavour needs a value, e.g. 2b}"; shift 2; fi
[ $# -gt 0 ] || die "no files given (usage: scripts/verapdf.sh [--flavour 2b] file.pdf...)"
exec java -cp "$dir/classes:$dir/lib/*" VeraCli "$flavour" "$@"
