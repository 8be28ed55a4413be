#!/usr/bin/env bash
# Client CPU time per request (a benchmark, not a test): ab and virtbench http bench without
# keep-alive, -c 10, against virtbench http serve on 127.0.0.1:$PORT (default 24015). The server
# runs on CPU 1 and each client on CPU 0; each client runs -n 50000 and -n 200000, and the
# difference of their CPU times (user + system, /usr/bin/time) over 150 000 requests is the cost
# of one request without the fixed costs (a JVM's start and JIT warm-up, ab's start).
#
#   workload-http/bench/client-cpu.sh [ROUNDS]      (default 3; about a minute per round)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
PORT=${PORT:-24015}
JAR=launcher/target/virtbench.jar
[ -f "$JAR" ] || { echo "bench: build the jar first: mvn -B -q -ntp package -DskipTests" >&2; exit 1; }
for tool in ab taskset /usr/bin/time curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done
(( $(nproc) >= 2 )) || { echo "bench: needs 2 CPUs" >&2; exit 1; }
ip route get 127.0.0.1 | grep -q " dev lo " || { echo "bench: 127.0.0.1 is not on lo" >&2; exit 1; }
work=$(mktemp -d /tmp/virtbench-client-cpu.XXXXXX)
cp "$JAR" "$work/virtbench.jar"
taskset -c 1 java -jar "$work/virtbench.jar" http serve --bind 127.0.0.1 --port "$PORT" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
url="http://127.0.0.1:$PORT/"
taskset -c 0 ab -r -n 50000 -c 10 "$url" >/dev/null 2>&1 # the server's JIT first
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
for r in $(seq "$ROUNDS"); do
  a1=$(cpu taskset -c 0 ab -r -n 50000 -c 10 "$url"); a2=$(cpu taskset -c 0 ab -r -n 200000 -c 10 "$url")
  v1=$(cpu taskset -c 0 java -jar "$work/virtbench.jar" http bench -r -n 50000 -c 10 "$url")
  v2=$(cpu taskset -c 0 java -jar "$work/virtbench.jar" http bench -r -n 200000 -c 10 "$url")
  awk -v r="$r" -v a1="$a1" -v a2="$a2" -v v1="$v1" -v v2="$v2" 'BEGIN {
    printf "round %d: ab %.1f us/request (%.2f s, %.2f s), virtbench %.1f us/request (%.2f s, %.2f s)\n",
      r, (a2 - a1) / 0.15, a1, a2, (v2 - v1) / 0.15, v1, v2 }'
done
