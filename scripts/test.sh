#!/usr/bin/env bash
# The README's test command (`npm test`): static checks, unit tests, integration tests on the
# real PostgreSQL server AND on the embedded server (as `npm start` runs it), then end-to-end tests, then the console in headless Chromium. Prints a closing
# "N passed, N failed" line summed over every run.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh || exit 1
bash scripts/ensure-postgres.sh || exit 1
bash scripts/ensure-chromium.sh || exit 1

results="$(mktemp -d)"
status=0
step() { echo; echo "=== $1"; }

step "typecheck"; npx tsc -p tsconfig.json --noEmit || status=1
step "lint"; npx eslint src sandbox test bench || status=1

run() { # name, then NAME=value assignments, then vitest arguments
  local name="$1"; shift
  local envs=()
  while [ $# -gt 0 ] && [[ "$1" == *=* ]]; do envs+=("$1"); shift; done
  step "$name"
  env "${envs[@]}" npx vitest run --passWithNoTests --reporter=default --reporter=json --outputFile="$results/$name.json" "$@" || status=1
}
run unit TRESTLE_TEST_BACKEND=server --project unit
run int-server TRESTLE_TEST_BACKEND=server --project int
run int-embedded TRESTLE_TEST_BACKEND=embedded --project int
run clients TRESTLE_TEST_BACKEND=server --project clients
run e2e TRESTLE_TEST_BACKEND=server --project e2e
run browser TRESTLE_TEST_BACKEND=server --project browser
# EventStoreDB cannot run here; its contract suite runs wherever EVENTSTORE_URL points to a server.
if [ -n "${EVENTSTORE_URL:-}" ]; then run eventstoredb --project esdb; else echo; echo "=== eventstoredb: EVENTSTORE_URL not set, contract suite not run"; fi

node scripts/sum-results.mjs "$results" || status=1
exit $status
