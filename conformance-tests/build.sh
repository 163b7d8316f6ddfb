#!/usr/bin/env bash
# Builds the ABI conformance guests from source into OUT_DIR (conformance-tests/target/guests):
#   guests/rust/NAME.rs  -> rust-NAME.wasm   (Debian's rustc, wasm32-wasi std only, no Cargo)
#   guests/rust/tests.rs -> rust-tests.wasm and rust-tests-failing.wasm (`rustc --test`: libtest
#                           binaries; the second one is built with --cfg failing_test)
#   guests/go/NAME/      -> go-NAME.wasm     (Go 1.23, GOOS=wasip1, abi/go bindings)
#   guests/wat/NAME.wat  -> wat-NAME.wasm    (wat2wasm)
#   ../wasm-host/src/test/wat/{cache_core,http_cache,crypto}.wat -> fixture-NAME.wasm: wasm-host's
#                           self-checking HTTP-mode fixtures, reused by the suite as they are
# Usage: conformance-tests/build.sh OUT_DIR
# A guest is rebuilt only when a source it uses (its own, the shared Rust files, the bindings or
# this script) is newer than its output.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
RUSTC=/usr/bin/rustc   # Debian's: the rustup rustc that may come first on PATH lacks wasm32-wasi
GO=/usr/lib/go-1.23/bin/go

# stale OUT DEP... : true when OUT is missing or older than any DEP.
stale() {
  local o="$1"; shift
  [ -f "$o" ] || return 0
  local d
  for d in "$@"; do
    [ "$d" -nt "$o" ] && return 0
  done
  return 1
}

mapfile -t rust_shared < <(find "$here/guests/rust/common" "$root/abi/rust/fastly_abi" -name '*.rs' | sort)
rust() {   # rust SRC OUT EXTRA-RUSTC-ARGS...
  local src="$1" dst="$2"; shift 2
  if ! stale "$dst" "$src" "${rust_shared[@]}" "$here/build.sh"; then
    return
  fi
  echo "conformance: building $(basename "$dst")"
  local tmp="$dst.tmp.$$"
  if ! "$RUSTC" --edition 2021 --target wasm32-wasi -C opt-level=1 -C debuginfo=0 "$@" -o "$tmp" "$src"; then
    rm -f "$tmp"
    echo "conformance: building $(basename "$dst") failed" >&2
    exit 1
  fi
  mv -f "$tmp" "$dst"
}

for src in "$here"/guests/rust/*.rs; do
  name="$(basename "$src" .rs)"
  if [ "$name" = tests ]; then
    rust "$src" "$out/rust-tests.wasm" --test --crate-name ledge_tests
    rust "$src" "$out/rust-tests-failing.wasm" --test --crate-name ledge_tests --cfg failing_test
  else
    rust "$src" "$out/rust-$name.wasm" --crate-type bin --crate-name "$name"
  fi
done

if [ -d "$here/guests/go" ]; then
  cache="$here/target/go-cache"
  mkdir -p "$cache"
  for dir in "$here"/guests/go/*/; do
    [ -f "$dir/go.mod" ] || continue
    name="$(basename "$dir")"
    dst="$out/go-$name.wasm"
    mapfile -t deps < <(find "$dir" "$root/abi/go" -type f \( -name '*.go' -o -name go.mod \) | sort)
    stale "$dst" "${deps[@]}" "$here/build.sh" || continue
    echo "conformance: building go-$name.wasm"
    (cd "$dir" && GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0 GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod \
      GOWORK=off GOENV=off GOTELEMETRY=off GOCACHE="$cache/build" GOPATH="$cache/gopath" \
      "$GO" build -trimpath -o "$dst.tmp" .) || { rm -f "$dst.tmp"; echo "conformance: go-$name failed" >&2; exit 1; }
    mv -f "$dst.tmp" "$dst"
  done
fi

for src in "$here"/guests/wat/*.wat; do
  [ -f "$src" ] || continue
  dst="$out/wat-$(basename "$src" .wat).wasm"
  stale "$dst" "$src" "$here/build.sh" || continue
  echo "conformance: building $(basename "$dst")"
  wat2wasm "$src" -o "$dst"
done

for name in cache_core http_cache crypto; do
  src="$root/wasm-host/src/test/wat/$name.wat"
  dst="$out/fixture-$name.wasm"
  stale "$dst" "$src" "$here/build.sh" || continue
  echo "conformance: building $(basename "$dst")"
  wat2wasm "$src" -o "$dst"
done
