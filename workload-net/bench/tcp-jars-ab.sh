#!/usr/bin/env bash
# TCP throughput of virtbench jars side by side (e.g. main before and after a change): every
# round, for each jar in turn, that jar's one-off server and its client on 127.0.0.1, one stream,
# -t SECONDS. Prints each run's sender Gbit/s and each jar's median.
#
# usage: flock /tmp/virtbench-bench.lock workload-net/bench/tcp-jars-ab.sh ROUNDS SECONDS JAR [JAR...]
# Extra client options in CLIENT_OPTS (e.g. CLIENT_OPTS="-P 4"). Ports PORT_BASE (default 25501)
# and up, one per run. About ROUNDS x (jars) x (SECONDS + 9) s: each client warms up first.
set -euo pipefail
. "$(dirname "$0")/medians.sh"
ROUNDS=${1:?rounds}; T=${2:?seconds}; shift 2
[ $# -ge 1 ] || { echo "usage: $0 ROUNDS SECONDS JAR [JAR...]" >&2; exit 2; }
port=${PORT_BASE:-25501}
names=("$@")
all=()
for r in $(seq 1 "$ROUNDS"); do
  for i in "${!names[@]}"; do
    jar=${names[$i]}
    java -jar "$jar" net server -1 -p "$port" -B 127.0.0.1 >/dev/null 2>&1 &
    spid=$!
    # the server warms up before it listens: wait for the port (without connecting: -1 serves
    # the first connection only)
    for _ in $(seq 1 300); do
      [ -n "$(ss -ltnH "sport = :$port")" ] && break
      sleep 0.1
    done
    # shellcheck disable=SC2086
    gbps=$(java -jar "$jar" net client 127.0.0.1 -p "$port" -t "$T" -J ${CLIENT_OPTS:-} \
      | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["end"]["sum_sent"]["bits_per_second"] / 1e9, 2))')
    wait "$spid" || true
    echo "round $r $jar $gbps Gbit/s"
    all[$i]="${all[$i]:-} $gbps"
    port=$((port + 1))
  done
done
print_medians names all
