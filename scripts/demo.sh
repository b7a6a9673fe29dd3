#!/usr/bin/env bash
# `npm run demo`: set up, build, then start what the demo consists of.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
bash scripts/setup.sh
root=$PWD
source scripts/node-runtime.sh
use_node "$(node_versions | head -n 1)" || true
npx turbo run build --output-logs=errors-only
exec node scripts/demo.mjs "$@"
