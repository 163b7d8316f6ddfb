#!/usr/bin/env bash
# Builds Ledge and the guest samples, then serves a sample handler on http://127.0.0.1:7676/.
# Usage: scripts/serve-sample.sh [rust-echo|rust-hello|go-echo|go-hello|js-echo|js-hello] [ledge serve options]
set -euo pipefail
cd "$(dirname "$0")/.."
sample="${1:-rust-echo}"
shift || true
./scripts/install-toolchains.sh
mvn -B -q -ntp -DskipTests package
# scripts/ledge: ledge.jar with the JVM settings that make guests fast (see that script).
JAVA_OPTS="-Xss8m -Xmx3g ${JAVA_OPTS:-}" exec scripts/ledge serve "guest-samples/target/wasm/$sample.wasm" "$@"
