#!/usr/bin/env bash
# Runs every test: installs the guest toolchains if missing, builds the Rust/Go/JS guests from
# source, and runs the Maven build with all unit, host and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-toolchains.sh
mvn -B -ntp verify "$@"
