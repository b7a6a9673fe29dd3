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

system_node=$(dirname "$(command -v node)")
bash scripts/setup.sh --browser || exit 1
# Everything below runs on the project's Node.js runtime (scripts/node-versions.txt).
root=$PWD
source scripts/node-runtime.sh
use_node "$(node_versions | head -n 1)" || echo "npm test: running on the machine's Node.js $(node --version)"

rm -rf .test-results .turbo/runs packages/*/test-results test/test-results
mkdir -p .test-results

status=0
# A stale generated file is a test failure: the build would silently regenerate it.
if node scripts/step.mjs "generated types match openapi/" -- node packages/sdk/scripts/generate.mjs --check; then :; else status=1; fi
if node scripts/step.mjs "lockfile complete for every platform" -- bash scripts/lockfile-check.sh; then :; else status=1; fi
if node scripts/step.mjs "supply chain: npm audit + pip-audit" -- bash scripts/audit.sh; then :; else status=1; fi

if node scripts/step.mjs "code formatted (prettier)" -- npm run --silent format:check; then :; else status=1; fi
if node scripts/step.mjs "no import cycles" -- node scripts/import-cycles.mjs; then :; else status=1; fi

npx turbo run lint test --continue --output-logs=new-only --summarize || status=1

# The npm packages as a stranger installs them (packed, published to a throw-away registry,
# installed outside the workspace): alone, after the suites, so nothing else competes with its installs.
if node scripts/step.mjs "published packages install and work (verdaccio)" -- \
  bash -c 'cd test && VOBRIDGE_PUBLISHED_TEST=1 node --experimental-vm-modules --no-warnings=ExperimentalWarning ../node_modules/jest/bin/jest.js --ci packaging/published.test.ts'; then :; else status=1; fi

# The other supported Node.js versions: a build and the unit tests each.
for version in $(node_versions | tail -n +2); do
  bin=$(fetch_node "$version") || { status=1; continue; }
  if node scripts/step.mjs "Node.js $version: build + unit tests" -- bash scripts/node-smoke.sh "$bin"; then :; else status=1; fi
done
if [ "$("$system_node/node" --version)" != "$(node --version)" ]; then
  if node scripts/step.mjs "Node.js $("$system_node/node" --version) (this machine's): build + unit tests" -- bash scripts/node-smoke.sh "$system_node"; then :; else status=1; fi
fi

node scripts/summary.mjs || status=1
exit $status
