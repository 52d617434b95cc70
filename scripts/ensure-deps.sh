#!/usr/bin/env bash
# Installs dependencies when node_modules is missing or older than the lockfile.
set -euo pipefail
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
bash "$(dirname "$0")/ensure-postgres-reachable.sh"
