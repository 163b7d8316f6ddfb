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
report=wasm-host/target/test-work/soak-report.md
rm -f "$report"
status=0
mvn -B -ntp -q -pl wasm-host -am test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dledge.soak.seconds="$seconds" -Dledge.soak.connections="$connections" > wasm-host/target/soak-mvn.log 2>&1 || status=$?
if [ -f "$report" ]; then cat "$report"; fi
if [ "$status" != 0 ]; then tail -40 wasm-host/target/soak-mvn.log; fi
exit "$status"
