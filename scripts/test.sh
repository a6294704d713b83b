#!/usr/bin/env bash
# Everything a change must pass: lint (n8n's strict community rules), a type check of the tests, the
# unit tests, and the real-n8n e2e suite twice: on n8n 2.8.4 under this machine's Node 20, then on
# the current n8n under Node 24 from the npm registry (N8N_CURRENT=skip leaves that one out). Heavy
# suites (*.heavy.e2e.test.js: browser, queue mode, faults at scale) run on the node20 line only.
# Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
node -e 'require("./tooling/n8nHost").ensureDevDependencies()'

results=.test-results
rm -rf "$results" && mkdir -p "$results"

# A whole run installs both n8n lines the first time (minutes each): in the background, while lint,
# the type check and the unit tests run. Each e2e run's global setup waits for its own install
# under the install lock, and installs it itself if this one failed (its log stays in $results).
installs=()
if [ $# -eq 0 ]; then
	lines=(node20)
	[ "${N8N_CURRENT:-run}" != skip ] && lines+=(current)
	for n8n_line in "${lines[@]}"; do
		N8N_LINE=$n8n_line node -e 'require("./tooling/n8nHost").ensureN8n()' >"$results/n8n-install-$n8n_line.log" 2>&1 &
		installs+=($!)
	done
	echo "Installing n8n (${lines[*]}) in the background if not yet installed: $results/n8n-install-*.log"
fi
finish() { [ ${#installs[@]} -eq 0 ] || wait "${installs[@]}" 2>/dev/null; }

npm run lint --silent || { finish; echo "0 passed, 1 failed (lint)"; exit 1; }
npm run format:check --silent || { finish; echo "0 passed, 1 failed (format: run npm run format)"; exit 1; }
npx tsc --noEmit -p tsconfig.test.json || { finish; echo "0 passed, 1 failed (type check)"; exit 1; }

status=0
npx jest --ci --json --outputFile="$results/node20.json" "$@" || status=1
if [ "${N8N_CURRENT:-run}" != skip ]; then
	echo "== The e2e suite again, on the current n8n under Node 24 =="
	N8N_LINE=current npx jest --ci --json --outputFile="$results/current.json" --selectProjects e2e \
		--testPathIgnorePatterns '\.heavy\.e2e\.test\.js$' || status=1
fi

finish
node -e '
const fs = require("fs");
let passed = 0, failed = 0;
for (const file of fs.readdirSync(process.argv[1]).filter((name) => name.endsWith(".json"))) {
  const r = JSON.parse(fs.readFileSync(`${process.argv[1]}/${file}`, "utf8"));
  console.log(`${file.replace(".json", "")}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
}
console.log(`${passed} passed, ${failed} failed`);
' "$results" || { echo "0 passed, 1 failed (no test results)"; exit 1; }
exit $status
