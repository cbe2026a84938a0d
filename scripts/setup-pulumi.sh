#!/usr/bin/env bash
# Puts a Pulumi CLI at <bin>/pulumi that is at least <min-version>, doing nothing when one is already
# there: a link to an installed `pulumi` from PATH when one is compatible, else a build of
# $PULUMI_CLI_VERSION from the Go module proxy (tools/pulumi-cli). A CLI built earlier is kept; so
# is any compatible CLI already in <bin> when Go is absent. PULUMI_FORCE_BUILD=1 ignores installed CLIs.
#
#   bash scripts/setup-pulumi.sh <bin> <min-version>
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
min_version=$2
: "${PULUMI_CLI_VERSION:=3.274.1}"
say() { printf '[setup] %s\n' "$*" >&2; }
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }
version_of() { "$1" version 2>/dev/null | sed 's/^v//'; }
mkdir -p "$bin"
target="$bin/pulumi"

# An installed CLI: any `pulumi` on PATH other than our own copy (a symlink we made to an installed
# CLI counts as installed; a binary we built does not).
installed=""
if [ -z "${PULUMI_FORCE_BUILD:-}" ]; then
  for candidate in $(type -ap pulumi 2>/dev/null); do
    [ "$candidate" -ef "$target" ] && [ ! -L "$target" ] && continue
    [ "$(readlink -f "$candidate")" = "$(readlink -f "$bin")/pulumi" ] && continue
    v=$(version_of "$candidate") || continue
    if [ -n "$v" ] && version_ge "$v" "$min_version"; then installed=$(readlink -f "$candidate"); break; fi
  done
fi
if [ -n "$installed" ]; then
  if [ "$(readlink -f "$target" 2>/dev/null)" != "$installed" ]; then
    say "using installed pulumi $installed"
    rm -f "$target"
    ln -s "$installed" "$target"
  fi
  exit 0
fi

# A CLI this script built earlier is kept while it is the pinned version; one it linked earlier
# while it is still compatible.
current=$( [ -x "$target" ] && version_of "$target" || true)
if [ -n "$current" ] && [ ! -L "$target" ] && [ "$current" = "$PULUMI_CLI_VERSION" ]; then exit 0; fi
if [ -n "$current" ] && [ -L "$target" ] && [ -z "${PULUMI_FORCE_BUILD:-}" ] && version_ge "$current" "$min_version"; then exit 0; fi
if ! command -v go >/dev/null 2>&1; then
  if [ -n "$current" ] && version_ge "$current" "$min_version"; then
    say "keeping pulumi $current in $bin (Go is not installed, so it cannot be rebuilt)"
    exit 0
  fi
  say "no pulumi >= $min_version on PATH and no Go to build one: install the Pulumi CLI (https://www.pulumi.com/docs/install/) or Go 1.26"
  exit 1
fi
say "building Pulumi CLI v$PULUMI_CLI_VERSION from the Go module proxy (about 6 min on 2 cores with an empty Go cache)"
rm -f "$target"
(cd tools/pulumi-cli && go build \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION" \
  -o "$target" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
