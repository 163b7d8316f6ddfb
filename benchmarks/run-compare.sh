#!/usr/bin/env bash
# Runs `ledge bench` and V8 (benchmarks/v8/instantiate.mjs) on the same .wasm files in the same
# run and writes a Markdown table with Ledge/V8 ratios (and Ledge/plain-Vert.x requests/second).
#
#   benchmarks/run-compare.sh [MODULE.wasm...]        (default: the rust, go and js echo samples)
#
# Environment: REQUESTS (2000), WARMUP (200), CONNECTIONS (8), REQ_PATH (/), OUT (target file,
# default benchmarks/target/compare.md), LEDGE_OPTS (extra `ledge bench` options, e.g. --no-cache),
# JAVA_OPTS (default -Xss8m -Xmx3g). Needs wasm-host/target/ledge.jar (mvn -pl abi,wasm-host -am package).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
requests="${REQUESTS:-2000}"
warmup="${WARMUP:-200}"
connections="${CONNECTIONS:-8}"
path="${REQ_PATH:-/}"
out="${OUT:-benchmarks/target/compare.md}"
java_opts="${JAVA_OPTS:--Xss8m -Xmx3g}"
if [ "$#" -eq 0 ]; then
  set -- guest-samples/target/wasm/rust-echo.wasm guest-samples/target/wasm/go-echo.wasm guest-samples/target/wasm/js-echo.wasm
fi
jar=wasm-host/target/ledge.jar
[ -f "$jar" ] || { echo "run-compare: $jar is missing; build it with: mvn -q -pl abi,wasm-host -am package -DskipTests" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"

# shellcheck disable=SC2086
java $java_opts -jar "$jar" bench --json --baseline-vertx --requests "$requests" --warmup "$warmup" \
  --connections "$connections" --path "$path" ${LEDGE_OPTS:-} "$@" > "$work/ledge.json"
node benchmarks/v8/instantiate.mjs --json --requests "$requests" --warmup "$warmup" "$@" > "$work/v8.json"

command_line="REQUESTS=$requests WARMUP=$warmup CONNECTIONS=$connections REQ_PATH=$path LEDGE_OPTS='${LEDGE_OPTS:-}' benchmarks/run-compare.sh $*"
node - "$work/ledge.json" "$work/v8.json" "$command_line" > "$out" <<'JS'
const fs = require('node:fs');
const [ledgeFile, v8File, cmd] = process.argv.slice(2);
const ledge = JSON.parse(fs.readFileSync(ledgeFile, 'utf8'));
const v8 = JSON.parse(fs.readFileSync(v8File, 'utf8'));
const byName = Object.fromEntries(v8.modules.map((m) => [m.module, m]));
const ratio = (a, b) => (a == null || b == null || b === 0 ? '-' : (a / b).toFixed(2) + '×');
const lines = [];
lines.push(`Command: \`${cmd}\``, '');
lines.push(`Machine: ${ledge.machine.cpus} CPUs, ${ledge.machine.java}, Node ${v8.machine.node} (V8 ${v8.machine.v8}). `
  + `Load generator: ${ledge.load_generator}, ${ledge.settings.connections} connections.`, '');
lines.push('Instantiation and compile (Ledge/V8: above 1 means Ledge is slower):', '');
lines.push('| module | Ledge compile_ms (cached) | V8 compile_ms | Ledge/V8 | Ledge instantiate_p50_us | V8 instantiate_p50_us | Ledge/V8 | Ledge instantiate_p90_us | V8 instantiate_p90_us | Ledge/V8 | Ledge instantiate_p99_us | V8 instantiate_p99_us | Ledge/V8 |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const l of ledge.modules) {
  const v = byName[l.module] ?? {};
  lines.push(`| ${l.module} | ${l.compile_ms} (${l.cached ? 'cache hit' : 'compiled'}) | ${v.compile_ms ?? '-'} | ${ratio(l.compile_ms, v.compile_ms)} `
    + `| ${l.instantiate_p50_us} | ${v.instantiate_p50_us ?? '-'} | ${ratio(l.instantiate_p50_us, v.instantiate_p50_us)} `
    + `| ${l.instantiate_p90_us} | ${v.instantiate_p90_us ?? '-'} | ${ratio(l.instantiate_p90_us, v.instantiate_p90_us)} `
    + `| ${l.instantiate_p99_us} | ${v.instantiate_p99_us ?? '-'} | ${ratio(l.instantiate_p99_us, v.instantiate_p99_us)} |`);
}
lines.push('', 'Whole requests in a fresh sandbox, and requests/second over loopback HTTP beside a plain Vert.x handler sending the same bytes (Ledge/Vert.x: 1 would be parity):', '');
lines.push('| module | first_request_ms | request_p50_us | request_p90_us | request_p99_us | rps | vertx_rps | rps_vs_vertx | http_errors |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const l of ledge.modules) {
  lines.push(`| ${l.module} | ${l.first_request_ms} | ${l.request_p50_us} | ${l.request_p90_us} | ${l.request_p99_us} | ${l.rps} | ${l.vertx_rps ?? '-'} | ${l.rps_vs_vertx ?? '-'} | ${l.http_errors} |`);
}
console.log(lines.join('\n'));
JS
cat "$out"
