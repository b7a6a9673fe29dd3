#!/usr/bin/env bash
# `npm test` step: on another Node.js (its bin directory given), build the
# TypeScript packages and run the SDK's and the broker's unit tests. The full
# suite runs on the project's runtime; this shows the packages work on the
# other supported versions too.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$1:$PATH"
echo "Node.js $(node --version) from $1"
npx turbo run build --force --output-logs=errors-only \
  --filter=@vobridge/sdk --filter=@vobridge/platform --filter=@vobridge/broker --filter=@vobridge/cli || exit 1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for pkg in sdk broker; do
  if (cd "packages/$pkg" && node --experimental-vm-modules --no-warnings=ExperimentalWarning \
    ../../node_modules/jest/bin/jest.js --ci >"$log" 2>&1); then
    echo "$pkg: $(grep -E '^Tests:' "$log")"
  else
    echo "$pkg: unit tests failed on $(node --version):"
    grep -E '^(Tests:|  ● )' "$log" | grep -v '● Console' | head -20
    status=1
  fi
done
exit $status
