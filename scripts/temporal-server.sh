#!/usr/bin/env bash
# Builds the real (multi-service) Temporal server once into .tools/temporal-server (never at run time), for
# `npm run cluster` and `npm run test:cluster`:
#  - bin/temporal-server: go.temporal.io/server/cmd/server, the release the dev server of the pinned CLI 1.9.1
#    embeds (Server 1.32.0), so the cluster runs the same server code as `temporal server start-dev`.
#  - bin/temporal-sql-tool: the schema tool of the same module (creates and migrates the PostgreSQL schemas).
#  - schema/postgresql/v12/{temporal,visibility}: the versioned schema files of that release, copied out of the
#    Go module cache so that nothing needs the cache afterwards.
# Go (the module proxy) is needed once; the build takes minutes. Skipped when that release is already built.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.tools/temporal-server"
version="${TEMPORAL_SERVER_VERSION:-v1.32.0}"
module="go.temporal.io/server"

die() { echo "temporal-server: $*" >&2; exit 1; }

# The marker names the release the folder holds, so a new pin builds anew.
if [ "$(cat "$dest/.complete" 2>/dev/null)" = "$version" ] \
    && [ -x "$dest/bin/temporal-server" ] && [ -x "$dest/bin/temporal-sql-tool" ] \
    && [ -d "$dest/schema/postgresql/v12/temporal/versioned" ]; then
  echo "temporal-server: $version already built in $dest" >&2
  exit 0
fi
command -v go >/dev/null 2>&1 || die "Go is needed once to build the Temporal server $version (go install from the module proxy)."

started=$SECONDS
rm -rf "$dest" && mkdir -p "$dest/bin"
build() {
  # GOSUMDB=off only as a retry: where the checksum database is out of reach, the module proxy alone is trusted.
  GOBIN="$dest/bin" go install "$1@$version" || GOSUMDB=off GOBIN="$dest/bin" go install "$1@$version"
}
echo "temporal-server: building $module/cmd/server@$version with go install (takes minutes)" >&2
build "$module/cmd/server" || die "go install of $module/cmd/server@$version failed."
echo "temporal-server: building $module/cmd/tools/sql@$version" >&2
build "$module/cmd/tools/sql" || die "go install of $module/cmd/tools/sql@$version failed."
mv "$dest/bin/server" "$dest/bin/temporal-server"
[ -x "$dest/bin/sql" ] && mv "$dest/bin/sql" "$dest/bin/temporal-sql-tool"
[ -x "$dest/bin/temporal-sql-tool" ] || die "the sql tool's binary is missing from $dest/bin."

src="$(go env GOMODCACHE)/$module@$version/schema/postgresql/v12"
[ -d "$src/temporal/versioned" ] || die "$src holds no PostgreSQL schema."
mkdir -p "$dest/schema/postgresql/v12"
cp -R "$src/temporal" "$src/visibility" "$dest/schema/postgresql/v12/"
chmod -R u+w "$dest/schema"  # the module cache is read-only; copies keep its modes
echo "$version" > "$dest/.complete"
echo "temporal-server: $version built in $((SECONDS - started)) s ($dest)" >&2
