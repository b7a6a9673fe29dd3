#!/usr/bin/env bash
# `npm run bench`: set up (with the browser), build, then run the benchmarks on
# the project's Node.js runtime. Arguments go to bench/dist/run.js (--quick, names).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
bash scripts/setup.sh --browser
root=$PWD
source scripts/node-runtime.sh
use_node "$(node_versions | head -n 1)" || true
npx turbo run build --output-logs=errors-only
exec node bench/dist/run.js "$@"
