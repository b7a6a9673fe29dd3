#!/usr/bin/env bash
# Cross-package tests: Jest (TypeScript) then pytest (interop with the real
# Python clients). Both always run; the exit code is non-zero if either failed.
cd "$(dirname "$0")"
mkdir -p test-results
node --experimental-vm-modules --no-warnings=ExperimentalWarning ../node_modules/jest/bin/jest.js --ci --json --outputFile=test-results/jest.json
jest_status=$?
../.venv/bin/python -m pytest --junitxml=test-results/junit.xml
py_status=$?
# pytest's 5 means "no tests collected", which is a failure here: every suite must run something.
[ "$jest_status" = 0 ] && [ "$py_status" = 0 ]
