#!/usr/bin/env bash
# Unit tests of the widget models (Jest) and of the server extension (pytest).
# Both always run; the exit code is non-zero if either failed.
cd "$(dirname "$0")/.."
mkdir -p test-results
node --experimental-vm-modules --no-warnings=ExperimentalWarning ../../node_modules/jest/bin/jest.js --ci --json --outputFile=test-results/jest.json
jest_status=$?
../../.venv/bin/python -m pytest -p no:cacheprovider --junitxml=test-results/junit.xml
py_status=$?
[ "$jest_status" = 0 ] && [ "$py_status" = 0 ]
