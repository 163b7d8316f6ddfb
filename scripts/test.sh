#!/usr/bin/env bash
# Runs every test: installs the guest toolchains if missing, builds the Rust/Go/JS guests from
# source, and runs the Maven build with all unit, host and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-toolchains.sh
# The Go bindings' own unit tests (record layouts, import signatures) run natively.
(cd abi/go && GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod /usr/lib/go-1.23/bin/go test ./...)
mvn -B -ntp verify "$@"
# The same tests once more inside Ledge, hostcalls included: `ledge run` as `go test -exec`.
(cd abi/go && GOOS=wasip1 GOARCH=wasm GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod /usr/lib/go-1.23/bin/go test -count=1 \
  -exec "java -jar $PWD/../../wasm-host/target/ledge.jar run --memory-cap-mib 1024 --cwd" ./...)
