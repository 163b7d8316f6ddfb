#!/usr/bin/env bash
# Builds the Go guest samples for GOOS=wasip1 GOARCH=wasm:
#   hello -> $OUT_DIR/go-hello.wasm, echo -> $OUT_DIR/go-echo.wasm, features -> $OUT_DIR/go-features.wasm,
#   jwt_host -> go-jwt_host.wasm, jwt_guest -> go-jwt_guest.wasm, and the edge samples
#   geo_pricing, jwt_gateway, ab_test, geo_headers, mtls_proxy, websocket -> go-NAME.wasm
# Usage: guest-samples/go/build.sh OUT_DIR
# Offline by design: std only, the bindings come from abi/go through a replace directive,
# GOPROXY=off, and the Go caches live under guest-samples/target/go-cache.
# A module is skipped when its output is newer than its sources, the bindings and this script.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bindings="$root/abi/go"
cache="$(cd "$here/.." && pwd)/target/go-cache"

# Find Go 1.23: Debian's backports package first, then a go on PATH reporting 1.23 or later.
go_bin=""
for cand in /usr/lib/go-1.23/bin/go "$(command -v go || true)"; do
  [ -n "$cand" ] && [ -x "$cand" ] || continue
  ver="$(GOTOOLCHAIN=local "$cand" env GOVERSION 2>/dev/null || true)"   # e.g. go1.23.5
  minor="$(sed -n 's/^go1\.\([0-9][0-9]*\).*/\1/p' <<<"$ver")"
  if [ -n "$minor" ] && [ "$minor" -ge 23 ]; then
    go_bin="$cand"
    break
  fi
done
if [ -z "$go_bin" ]; then
  echo "guest-samples/go/build.sh: Go 1.23 (or later) not found; expected /usr/lib/go-1.23/bin/go." >&2
  echo "Install it with scripts/install-toolchains.sh (package golang-1.23-go from bookworm-backports)." >&2
  exit 1
fi

mkdir -p "$1" "$cache"
out_dir="$(cd "$1" && pwd)"
export GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GOWORK=off GOENV=off GOTELEMETRY=off
export GOCACHE="$cache/build" GOPATH="$cache/gopath" GOMODCACHE="$cache/gopath/pkg/mod"

build() {
  local name="$1" dir="$here/$1" out="$out_dir/go-$1.wasm"
  if [ -f "$out" ] && [ -z "$(find "$dir" "$bindings" "$here/build.sh" -type f \
        \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' -o -name 'build.sh' \) \
        -newer "$out" -print -quit)" ]; then
    echo "go-$name.wasm is up to date"
    return
  fi
  echo "building go-$name.wasm ($("$go_bin" env GOVERSION))"
  local tmp="$out.tmp.$$"
  if ! (cd "$dir" && "$go_bin" build -trimpath -o "$tmp" .); then
    rm -f "$tmp"
    echo "guest-samples/go/build.sh: building $name failed" >&2
    return 1
  fi
  mv -f "$tmp" "$out"
}

build hello
build echo
build features
build jwt_host
build jwt_guest
build geo_pricing
build jwt_gateway
build ab_test
build geo_headers
build mtls_proxy
build websocket
