#!/usr/bin/env bash
# Everything a change must pass: lint (n8n's strict community rules), a type check of the tests,
# the unit tests and the real-n8n e2e suite. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
node -e 'require("./sandbox/n8nHost").ensureDevDependencies()'

npm run lint --silent || { echo "0 passed, 1 failed (lint)"; exit 1; }
npx tsc --noEmit -p tsconfig.test.json || { echo "0 passed, 1 failed (type check)"; exit 1; }

mkdir -p .e2e-work
results=.e2e-work/jest-results.json
npx jest --ci --json --outputFile="$results" "$@"
status=$?
node -e '
const r = require(process.argv[1]);
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$PWD/$results" 2>/dev/null || echo "0 passed, 1 failed (no test results)"
exit $status
