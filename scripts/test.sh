#!/usr/bin/env bash
# `npm test`: set up, check generated code, then build, lint and test every
# package (TypeScript with Jest, Python with pytest) through turbo, and end
# with one summary of every test run.
#   --long   the hardening suite's long mode (LONG=1): ten times the fuzz runs,
#            six times the load, for a deeper run on a quiet machine
set -uo pipefail
for arg in "$@"; do
  case "$arg" in
    --long) export LONG=1 ;;
    *) echo "npm test: unknown option $arg (only --long)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

bash scripts/setup.sh --browser || exit 1

rm -rf .test-results .turbo/runs packages/*/test-results test/test-results
mkdir -p .test-results

status=0
# A stale generated file is a test failure: the build would silently regenerate it.
if node scripts/step.mjs "generated types match openapi/" -- node packages/sdk/scripts/generate.mjs --check; then :; else status=1; fi
if node scripts/step.mjs "lockfile complete for every platform" -- bash scripts/lockfile-check.sh; then :; else status=1; fi
if node scripts/step.mjs "supply chain: npm audit + pip-audit" -- bash scripts/audit.sh; then :; else status=1; fi

if node scripts/step.mjs "code formatted (prettier)" -- npm run --silent format:check; then :; else status=1; fi

npx turbo run lint test --continue --output-logs=new-only --summarize || status=1

node scripts/summary.mjs || status=1
exit $status
