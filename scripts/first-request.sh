#!/usr/bin/env bash
# Time from launching `ledge serve MODULE` to its first complete 200 response on loopback, with the
# compile cache already filled by `ledge compile`: RUNS launches per module, median, min and max.
#
#   scripts/first-request.sh [MODULE.wasm|embedded ...]
#       (default: guest-samples/target/wasm/{rust,go,js}-hello.wasm; "embedded" means `ledge serve`
#        with no module, i.e. the samples inside ledge.jar)
#
# Environment: RUNS (5), REQ_PATH (/), JAVA_OPTS (none: the documented `java -jar` command),
# LEDGE (the launch command, default `java $JAVA_OPTS -jar wasm-host/target/ledge.jar`),
# CACHE_DIR (default: a fresh temporary directory, filled by `ledge compile` before the runs),
# LEDGE_OPTS (extra `ledge serve` options), TIMEOUT_S (60 per launch), OUT (also write the
# Markdown table there), KEEP_LOGS (a directory to keep each launch's log in; its last line of
# startup timings is printed either way).
#
# The clock starts just before the launch (bash's $EPOCHREALTIME, no fork in between) and stops
# when a GET has been answered 200 with its whole body read (Connection: close). Polling uses
# bash's /dev/tcp every 5 ms, so the poller itself forks nothing while the server starts. The
# server's CPU time up to then (user + system, from /proc; Linux only) is reported too: on a
# loaded machine it varies much less than the wall-clock time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${RUNS:-5}"
path="${REQ_PATH:-/}"
timeout_s="${TIMEOUT_S:-60}"
jar=wasm-host/target/ledge.jar
# shellcheck disable=SC2206
launch=(${LEDGE:-java ${JAVA_OPTS:-} -jar $jar})
if [ -z "${LEDGE:-}" ] && [ ! -f "$jar" ]; then
  echo "first-request: $jar is missing; build it with: mvn -q -pl abi,wasm-host -am package -DskipTests" >&2
  exit 2
fi
if [ "$#" -eq 0 ]; then
  set -- guest-samples/target/wasm/rust-hello.wasm guest-samples/target/wasm/go-hello.wasm guest-samples/target/wasm/js-hello.wasm
fi
work="$(mktemp -d)"
cache="${CACHE_DIR:-$work/cache}"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
exec {tick}<> <(:)   # read -t on this descriptor is a sleep without a fork

now_us() { local t="${EPOCHREALTIME/./}"; echo "$t"; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# One GET on 127.0.0.1:$1; succeeds when the answer is 200 and was read to its end.
get_200() {
  local port="$1" status
  { exec {conn}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&"$conn"
  if ! IFS= read -r -t 30 -u "$conn" status; then exec {conn}>&-; return 1; fi
  while IFS= read -r -t 30 -u "$conn" _; do :; done   # drain to EOF: the whole response
  exec {conn}>&-
  [[ "$status" == "HTTP/1."?" 200"* ]]
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

declare -a rows=()
for module in "$@"; do
  if [ "$module" = embedded ]; then
    name=embedded; args=()
  else
    [ -f "$module" ] || { echo "first-request: $module: no such file" >&2; exit 2; }
    name="$(basename "$module")"; args=("$module")
    "${launch[@]}" compile --cache-dir "$cache" "$module" > "$work/compile.log" 2>&1 \
      || { cat "$work/compile.log" >&2; exit 1; }
  fi
  times=()
  cpus=()
  # The embedded samples are compiled into the cache by their first launch: that one is not timed.
  first=1
  [ "$module" = embedded ] && first=0
  for ((i = first; i <= runs; i++)); do
    port="$(free_port)"
    log="$work/serve.log"
    start="$(now_us)"
    # shellcheck disable=SC2086
    "${launch[@]}" serve --addr "127.0.0.1:$port" --cache-dir "$cache" ${LEDGE_OPTS:-} "${args[@]}" > "$log" 2>&1 &
    server_pid=$!
    ok=""
    deadline=$((start + timeout_s * 1000000))
    while :; do
      if get_200 "$port"; then ok=1; break; fi
      kill -0 "$server_pid" 2>/dev/null || break
      [ "$(now_us)" -lt "$deadline" ] || break
      read -r -t 0.005 -u "$tick" _ || true
    done
    end="$(now_us)"
    # CPU time (user + system, all threads) the server used up to its first answer: less at the mercy
    # of other load on the machine than the wall-clock time.
    cpu_ms=""
    if stat_line="$(cat "/proc/$server_pid/stat" 2>/dev/null)"; then
      read -r -a f <<< "${stat_line##*) }"
      cpu_ms=$(((f[11] + f[12]) * 1000 / $(getconf CLK_TCK)))
    fi
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    if [ -n "${KEEP_LOGS:-}" ]; then mkdir -p "$KEEP_LOGS"; cp "$log" "$KEEP_LOGS/$name.$i.log"; fi
    if [ -z "$ok" ]; then
      echo "first-request: $name: no 200 within ${timeout_s}s (run $i); the server's log:" >&2
      cat "$log" >&2
      exit 1
    fi
    ms=$(((end - start) / 1000))
    if [ "$i" -eq 0 ]; then echo "$name: untimed first launch (fills the compile cache): ${ms} ms"; continue; fi
    times+=("$ms")
    [ -n "$cpu_ms" ] && cpus+=("$cpu_ms")
    timing="$(grep -o 'started: .*' "$log" | tail -1 || true)"
    echo "$name run $i: ${ms} ms to the first 200${cpu_ms:+, ${cpu_ms} ms CPU}${timing:+  ($timing)}"
  done
  med="$(printf '%s\n' "${times[@]}" | median)"
  cpu_med="-"
  [ "${#cpus[@]}" -gt 0 ] && cpu_med="$(printf '%s\n' "${cpus[@]}" | median)"
  min="$(printf '%s\n' "${times[@]}" | sort -n | head -1)"
  max="$(printf '%s\n' "${times[@]}" | sort -n | tail -1)"
  rows+=("| $name | $runs | $med | $min | $max | $cpu_med |")
done

{
  echo "Command: \`RUNS=$runs JAVA_OPTS='${JAVA_OPTS:-}' LEDGE_OPTS='${LEDGE_OPTS:-}' scripts/first-request.sh $*\`"
  echo
  echo "| module | runs | launch to first 200, median ms | min ms | max ms | CPU ms to it, median |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "${OUT:-/dev/null}"
