#!/usr/bin/env bash
# Builds the Rust guest samples: hello -> $OUT_DIR/rust-hello.wasm, echo -> $OUT_DIR/rust-echo.wasm,
# features -> $OUT_DIR/rust-features.wasm, jwt_check -> $OUT_DIR/rust-jwt_check.wasm,
# geo_pricing -> $OUT_DIR/rust-geo_pricing.wasm, jwt_gateway -> $OUT_DIR/rust-jwt_gateway.wasm,
# ab_test -> $OUT_DIR/rust-ab_test.wasm, geo_headers -> $OUT_DIR/rust-geo_headers.wasm,
# mtls_proxy -> $OUT_DIR/rust-mtls_proxy.wasm, websocket -> $OUT_DIR/rust-websocket.wasm.
# Uses Debian's rustc (/usr/bin/rustc) with the wasm32-wasi std only: no Cargo, no crates.
# The binding abi/rust/fastly_abi/ is pulled into each sample as a module (#[path] to its mod.rs).
# A module is skipped when its output is newer than its sources, the binding and this script.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binding_dir="$root/abi/rust/fastly_abi"
out_dir="$1"
mkdir -p "$out_dir"
# Always use Debian's rustc: the rustup one that may come first on PATH lacks the wasm target.
RUSTC=/usr/bin/rustc

if [ ! -x "$RUSTC" ]; then
  echo "rust/build.sh: $RUSTC not found; run scripts/install-toolchains.sh (installs Debian's rustc)" >&2
  exit 1
fi
sysroot="$("$RUSTC" --print sysroot)"
if [ ! -d "$sysroot/lib/rustlib/wasm32-wasi/lib" ]; then
  echo "rust/build.sh: the wasm32-wasi std for $RUSTC is missing ($sysroot/lib/rustlib/wasm32-wasi);" \
       "run scripts/install-toolchains.sh (installs libstd-rust-dev-wasm32)" >&2
  exit 1
fi

# up_to_date OUT DEP... : true when OUT exists and is newer than every DEP.
up_to_date() {
  local out="$1"; shift
  [ -f "$out" ] || return 1
  local dep
  for dep in "$@"; do
    [ "$dep" -nt "$out" ] && return 1
  done
  return 0
}

# build NAME [EXTRA_SOURCE...]: EXTRA_SOURCE files (relative to this directory) are other
# samples' modules NAME pulls in with #[path], so their changes rebuild it too.
build() {
  local name="$1"; shift
  local src_dir="$here/$name/src"
  local out="$out_dir/rust-$name.wasm"
  local deps=()
  mapfile -t deps < <(find "$src_dir" -type f -name '*.rs' | sort)
  mapfile -t -O "${#deps[@]}" deps < <(find "$binding_dir" -type f -name '*.rs' | sort)
  deps+=("$here/build.sh")
  local extra
  for extra in "$@"; do
    deps+=("$here/$extra")
  done
  if up_to_date "$out" "${deps[@]}"; then
    echo "rust: $out is up to date"
    return
  fi
  echo "rust: building $out"
  # Build to a temporary file so a failed build never leaves a fresh-looking output behind.
  local tmp="$out.tmp.$$"
  if ! "$RUSTC" --edition 2021 --target wasm32-wasi --crate-type bin --crate-name "$name" \
      -C opt-level=2 -C debuginfo=0 -C strip=debuginfo \
      -o "$tmp" "$src_dir/main.rs"; then
    rm -f "$tmp"
    echo "rust: build of $name failed" >&2
    exit 1
  fi
  mv -f "$tmp" "$out"
}

build hello
build echo
build features
build jwt_check
build geo_pricing
build jwt_gateway
build ab_test
build geo_headers geo_pricing/src/flat_json.rs
build mtls_proxy
build websocket
