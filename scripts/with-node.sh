#!/usr/bin/env bash
# Runs a command with the project's Node.js first on PATH (see scripts/node-env.sh). npm scripts
# start under whatever `node` the machine has; this puts the tests, demo and bench on a supported one.
set -euo pipefail
. "$(dirname "$0")/node-env.sh"
exec "$@"
