#!/usr/bin/env bash
# Builds every guest sample from source into guest-samples/target/wasm/.
# Each language has its own build.sh; each skips work whose output is newer than its sources.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target/wasm"
mkdir -p "$out"
for lang in rust go js; do
  if [ -x "$here/$lang/build.sh" ]; then
    "$here/$lang/build.sh" "$out"
  fi
done
ls -1 "$out"
