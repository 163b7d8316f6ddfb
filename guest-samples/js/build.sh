#!/usr/bin/env bash
# Builds the JS guest samples with Fastly's own JS SDK (@fastly/js-compute, pinned in package.json).
#   usage: build.sh OUT_DIR
# src/hello.js -> OUT_DIR/js-hello.wasm, src/echo.js -> OUT_DIR/js-echo.wasm,
# src/features.js -> OUT_DIR/js-features.wasm, and the edge samples NAME/index.js -> OUT_DIR/js-NAME.wasm
# for NAME in geo_pricing, jwt_gateway, ab_test, geo_headers, mtls_proxy, websocket.
# Needs the npm registry only once (npm ci, when node_modules is missing); offline afterwards.
# A module is rebuilt only when its source, package.json, package-lock.json or this script is newer.
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi

here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
cd "$here"

if [ ! -d node_modules/@fastly/js-compute ]; then
  echo "js: npm ci (installing @fastly/js-compute)"
  npm ci --no-audit --no-fund
fi

compiler="$here/node_modules/.bin/js-compute-runtime"

# build NAME SOURCE: SOURCE is relative to this directory.
build() {
  local name="$1" src="$here/$2"
  local dst="$out/$name.wasm"
  local dep stale=0
  if [ ! -f "$dst" ]; then
    stale=1
  else
    for dep in "$src" "$here/package.json" "$here/package-lock.json" "$here/build.sh"; do
      if [ "$dep" -nt "$dst" ]; then stale=1; fi
    done
  fi
  if [ "$stale" -eq 0 ]; then
    echo "js: $name.wasm up to date"
    return
  fi
  local start tmp="$dst.tmp.$$"
  start=$(date +%s%N)
  # Default engine (fastly.wasm, StarlingMonkey + Wizer); no --enable-aot, which would fetch weval.
  if ! "$compiler" "$src" "$tmp"; then
    rm -f "$tmp"
    echo "js: building $name.wasm failed" >&2
    exit 1
  fi
  mv -f "$tmp" "$dst"
  echo "js: built $name.wasm ($(wc -c <"$dst") bytes, $(( ($(date +%s%N) - start) / 1000000 )) ms)"
}

build js-hello src/hello.js
build js-echo src/echo.js
build js-features src/features.js
for sample in geo_pricing jwt_gateway ab_test geo_headers mtls_proxy websocket; do
  build "js-$sample" "$sample/index.js"
done
