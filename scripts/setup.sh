#!/usr/bin/env bash
# Idempotent project setup, shared by `npm test`, `npm run demo` and `npm run bench`.
# Everything it installs is cached in git-ignored folders (node_modules/, .tools/, examples/*/node_modules/).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tools="$root/.tools"
mkdir -p "$tools"

# Pulumi CLI version built from the Go module proxy when no compatible `pulumi` is on PATH. It must
# be at least the @pulumi/pulumi version in package-lock.json.
PULUMI_CLI_VERSION=3.274.1
MOTO_SPEC='moto[server]==5.2.5'

say() { printf '[setup] %s\n' "$*" >&2; }
hash_of() { sha256sum "$@" | sha256sum | cut -c1-16; }
stamp_ok() { [ -f "$tools/$1.stamp" ] && [ "$(cat "$tools/$1.stamp")" = "$2" ]; }
stamp_set() { echo "$2" >"$tools/$1.stamp"; }

# 1. npm dependencies
lock_hash=$(hash_of package-lock.json)
if ! stamp_ok npm "$lock_hash" || [ ! -d node_modules ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  stamp_set npm "$lock_hash"
fi
npm_pulumi_version=$(node -p 'require("./node_modules/@pulumi/pulumi/package.json").version')

# 2. Python venv with moto (the local IAM endpoint)
if ! stamp_ok venv "$MOTO_SPEC" || [ ! -x "$tools/venv/bin/moto_server" ]; then
  say "creating Python venv with $MOTO_SPEC"
  rm -rf "$tools/venv"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "$MOTO_SPEC"
  stamp_set venv "$MOTO_SPEC"
fi

# 3. Pulumi CLI: an installed one if compatible, else built from the Go module proxy
bin="$tools/pulumi/bin"
mkdir -p "$bin"
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }
installed=""
if [ -z "${PULUMI_FORCE_BUILD:-}" ]; then
  for candidate in $(type -ap pulumi 2>/dev/null); do
    [ "$(readlink -f "$candidate")" = "$(readlink -f "$bin/pulumi" 2>/dev/null)" ] && continue
    v=$("$candidate" version 2>/dev/null | sed 's/^v//') || continue
    if version_ge "$v" "$npm_pulumi_version"; then installed="$candidate"; break; fi
  done
fi
if [ -n "$installed" ]; then
  [ "$(readlink "$bin/pulumi" 2>/dev/null)" = "$installed" ] || { say "using installed pulumi $installed"; ln -sfn "$installed" "$bin/pulumi"; }
else
  build_hash="$PULUMI_CLI_VERSION-$(hash_of tools/pulumi-cli/go.mod tools/pulumi-cli/go.sum)"
  if ! stamp_ok pulumi-cli "$build_hash" || [ ! -x "$bin/pulumi" ] || [ -L "$bin/pulumi" ]; then
    say "building Pulumi CLI v$PULUMI_CLI_VERSION from the Go module proxy (about 6 min on 2 cores with an empty Go cache)"
    rm -f "$bin/pulumi"
    (cd tools/pulumi-cli && go build \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION" \
      -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
    stamp_set pulumi-cli "$build_hash"
  fi
fi
cli_version=$("$bin/pulumi" version | sed 's/^v//')
version_ge "$cli_version" "$npm_pulumi_version" || { say "pulumi $cli_version is older than @pulumi/pulumi $npm_pulumi_version"; exit 1; }
# The engine starts dynamic providers through this launcher, found on PATH next to the CLI.
ln -sfn "$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$bin/pulumi-resource-pulumi-nodejs"

# 4. Build and pack the library, then install the tarball into the examples the way users install it
say "building the package"
npx tsc -p tsconfig.json
mkdir -p "$tools/pack"
rm -f "$tools/pack"/*.tgz
tarball=$(npm pack --silent --pack-destination "$tools/pack" | tail -n1)
mv "$tools/pack/$tarball" "$tools/pack/pulumi-service-linked-role.tgz"
pack_hash=$(hash_of "$tools/pack/pulumi-service-linked-role.tgz")
for example in examples/*/; do
  name=$(basename "$example")
  [ -f "$example/package.json" ] || continue
  if ! stamp_ok "example-$name" "$pack_hash-$(hash_of "$example/package.json")" || [ ! -d "$example/node_modules" ]; then
    say "installing the packed library into $example"
    rm -rf "$example/node_modules/pulumi-service-linked-role"
    (cd "$example" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
    stamp_set "example-$name" "$pack_hash-$(hash_of "$example/package.json")"
  fi
done
# --- Stand-in AWS resource plugin for the Connect engine tests and the demo (issue 12) ---
# tests/harness/awsStandIn is its own small package (the AWS SDK clients it forwards to moto with);
# its launcher must stay executable for the engine to start it from PATH.
standin="tests/harness/awsStandIn"
standin_hash=$(hash_of "$standin/package-lock.json")
if ! stamp_ok aws-stand-in "$standin_hash" || [ ! -d "$standin/node_modules" ]; then
  say "installing the stand-in AWS plugin's dependencies"
  (cd "$standin" && npm ci --no-audit --no-fund --loglevel=error)
  stamp_set aws-stand-in "$standin_hash"
fi
chmod +x "$standin/bin/pulumi-resource-aws"
# --- end of the stand-in block ---

say "ready: pulumi $cli_version, @pulumi/pulumi $npm_pulumi_version, moto $("$tools/venv/bin/pip" show moto 2>/dev/null | sed -n 's/^Version: //p')"
