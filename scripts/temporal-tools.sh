#!/usr/bin/env bash
# Obtains the two Temporal servers this project runs, once, into .tools/ (never at run time):
#  - the Temporal CLI (dev server), pinned to v1.5.1: the newest release `go install` accepts
#    (later ones carry a local `replace` directive that go install refuses);
#  - Temporal's Java time-skipping test server (io.temporal:temporal-test-server, Maven Central),
#    pinned in tools/temporal-test-server/pom.xml, run on the machine's JDK.
# An existing CLI is reused: $TEMPORAL_CLI_PATH, then .tools/bin/temporal, then `temporal` on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
cli_version="v1.5.1"
mkdir -p "$tools/bin"

cli=""
if [ -n "${TEMPORAL_CLI_PATH:-}" ] && [ -x "${TEMPORAL_CLI_PATH}" ]; then
  cli="$TEMPORAL_CLI_PATH"
elif [ -x "$tools/bin/temporal" ]; then
  cli="$tools/bin/temporal"
elif command -v temporal >/dev/null 2>&1 && temporal --version 2>/dev/null | grep -q "Server 1.29"; then
  cli="$(command -v temporal)"
elif [ -x "$HOME/go/bin/temporal" ] && "$HOME/go/bin/temporal" --version 2>/dev/null | grep -q "Server 1.29"; then
  cli="$HOME/go/bin/temporal"
fi
if [ -z "$cli" ]; then
  echo "temporal-tools: building the Temporal CLI $cli_version with go install" >&2
  GOBIN="$tools/bin" go install "github.com/temporalio/cli/cmd/temporal@$cli_version" \
    || GOSUMDB=off GOBIN="$tools/bin" go install "github.com/temporalio/cli/cmd/temporal@$cli_version"
  cli="$tools/bin/temporal"
fi
[ "$cli" = "$tools/bin/temporal" ] || ln -sf "$cli" "$tools/bin/temporal"

tts="$tools/temporal-test-server"
if [ ! -f "$tts/lib/.complete" ]; then
  echo "temporal-tools: fetching the Java time-skipping test server with Maven" >&2
  rm -rf "$tts/lib" && mkdir -p "$tts/lib"
  mvn -q -B -f "$root/tools/temporal-test-server/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tts/lib"
  touch "$tts/lib/.complete"
fi
mkdir -p "$tts/bin"
# The TypeScript test environment starts this as `<executable> <port> --enable-time-skipping`.
cat > "$tts/bin/temporal-test-server" <<SH
#!/usr/bin/env bash
exec java -Xss2m -cp "$tts/lib/*" io.temporal.testserver.TestServer "\$@"
SH
chmod +x "$tts/bin/temporal-test-server"
echo "temporal-tools: CLI $("$tools/bin/temporal" --version | head -1); test server in $tts" >&2
