#!/usr/bin/env bash
# Builds Ledge and the guest samples, then serves a sample handler on http://127.0.0.1:7676/.
# Usage: scripts/serve-sample.sh [rust-echo|rust-hello|go-echo|go-hello|js-echo|js-hello] [ledge serve options]
set -euo pipefail
cd "$(dirname "$0")/.."
sample="${1:-rust-echo}"
shift || true
./scripts/install-toolchains.sh
mvn -B -q -ntp -DskipTests package
exec java -Xss8m -Xmx3g -jar wasm-host/target/ledge.jar serve "guest-samples/target/wasm/$sample.wasm" "$@"
