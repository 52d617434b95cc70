#!/usr/bin/env bash
# The README's first command (`npm start`): installs what is missing, builds, starts the hub.
# With no DATABASE_URL it runs on an embedded PostgreSQL server in ./data/postgres; with no
# TRESTLE_CONFIG it starts the sandbox simulators and the demo connection in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc -p tsconfig.demo.json
exec node --enable-source-maps dist/src/main.js "$@"
