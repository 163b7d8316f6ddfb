#!/usr/bin/env bash
# Soak run on loopback: well-behaved, trapping, looping and memory-hungry requests over 64
# connections for SECONDS (default 60) against one in-process Ledge server; prints the figures
# (also written to wasm-host/target/test-work/soak-report.md) and fails if a well-behaved request
# failed, anything failed inside the host, a sandbox or session was left behind, or the heap grew.
# Usage: scripts/soak.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
connections="${2:-64}"
mvn -B -ntp -q -o -pl wasm-host test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dledge.soak.seconds="$seconds" -Dledge.soak.connections="$connections" \
  | sed -n '/^SoakTest:/,/^- CPU lane/p'
