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

# A whole run installs both n8n lines the first time (minutes each) in the background, one after the
# other: node20 while lint, the type check and the unit tests run, then current while the node20 e2e
# suite runs (whose waits for rate-limit windows and polls leave the cores idle). Each e2e run's
# global setup waits for its own install under the install lock, and installs it itself if this
# one failed (its log stays in $results).
installs=()
if [ $# -eq 0 ]; then
	lines=(node20)
	[ "${N8N_CURRENT:-run}" != skip ] && lines+=(current)
	(
		for n8n_line in "${lines[@]}"; do
			N8N_LINE=$n8n_line node -e 'require("./tooling/n8nHost").ensureN8n()' >"$results/n8n-install-$n8n_line.log" 2>&1
		done
	) &
	installs+=($!)
	echo "Installing n8n (${lines[*]}) in the background if not yet installed: $results/n8n-install-*.log"
fi
finish() { [ ${#installs[@]} -eq 0 ] || wait "${installs[@]}" 2>/dev/null; }

# Each phase's time, printed at the end: where a run spends its minutes.
phases=()
phase_start=$SECONDS
phase() { phases+=("$(printf '%-34s %4d s' "$1" $((SECONDS - phase_start)))"); phase_start=$SECONDS; }

npm run lint --silent || { finish; echo "0 passed, 1 failed (lint)"; exit 1; }
phase "lint (n8n-node lint)"
npm run format:check --silent || { finish; echo "0 passed, 1 failed (format: run npm run format)"; exit 1; }
phase "format (prettier --check)"
npx tsc --noEmit -p tsconfig.test.json || { finish; echo "0 passed, 1 failed (type check)"; exit 1; }
phase "type check"

status=0
if [ $# -gt 0 ]; then
	npx jest --ci --json --outputFile="$results/node20.json" "$@" || status=1
	phase "jest $*"
else
	npx jest --ci --json --outputFile="$results/unit.json" --selectProjects unit || status=1
	phase "unit and sandbox tests"
	npx jest --ci --json --outputFile="$results/node20.json" --selectProjects e2e || status=1
	phase "e2e, n8n 2.8.4 on Node 20 (+ install)"
	if [ "${N8N_CURRENT:-run}" != skip ]; then
		echo "== The e2e suite again, on the current n8n under Node 24 =="
		N8N_LINE=current npx jest --ci --json --outputFile="$results/current.json" --selectProjects e2e \
			--testPathIgnorePatterns '\.heavy\.e2e\.test\.js$' || status=1
		phase "e2e, current n8n on Node 24 (+ install)"
	fi
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
' "$results" >"$results/summary.txt" || { echo "0 passed, 1 failed (no test results)"; exit 1; }
echo "== Time by phase (the n8n installs ran in the background from the start) =="
printf '%s\n' "${phases[@]}"
grep -h "install: done in" "$results"/n8n-install-*.log 2>/dev/null | sed 's/^ */background: /'
echo "total                              $SECONDS s"
cat "$results/summary.txt"
exit $status
