#!/usr/bin/env bash
# UDP receivers side by side at iperf3's default rate: one native `iperf3 -c -u` at a time sends to
# `iperf3 -s` and to a virtbench server of each jar given (e.g. main before and after a change),
# long-running servers on 127.0.0.1, the order rotated every round. Prints each round's receiver
# jitter (the iperf3 client's end.sum.jitter_ms, which is the server's figure) and the medians.
#
# usage: flock /tmp/virtbench-bench.lock workload-net/bench/receivers-ab.sh ROUNDS JAR [JAR...]
# A JAR may carry JVM options before it and server options after it, in one argument:
# "-Dx=y A.jar -i 0"; JAVA_OPTS go to every server's JVM.
# Ports PORT_BASE (default 25401, iperf3) and the next ones (one per jar). About ROUNDS x
# (servers) x 9 s.
set -euo pipefail
. "$(dirname "$0")/medians.sh"
ROUNDS=${1:?rounds}; shift
[ $# -ge 1 ] || { echo "usage: $0 ROUNDS JAR [JAR...]" >&2; exit 2; }
command -v iperf3 >/dev/null || { echo "iperf3 is not installed (apt-get install iperf3)" >&2; exit 1; }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
port=${PORT_BASE:-25401}
names=(iperf3); ports=($port)
iperf3 -s -B 127.0.0.1 -p $port >/dev/null 2>&1 & pids+=($!)
port=$((port + 1))
for arg in "$@"; do
  read -r -a words <<< "$arg"
  jvm=(); while [[ ${words[0]} == -* ]]; do jvm+=("${words[0]}"); words=("${words[@]:1}"); done
  jar=${words[0]}; args=("${words[@]:1}")
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} "${jvm[@]}" -jar "$jar" net server -B 127.0.0.1 -p $port "${args[@]}" >/dev/null 2>&1 & pids+=($!)
  name=$(basename "$jar"); [ ${#jvm[@]} -eq 0 ] || name="${jvm[*]} $name"; [ ${#args[@]} -eq 0 ] || name="$name[${args[*]}]"
  names+=("${name// /+}"); ports+=($port); port=$((port + 1))
done
for p in "${ports[@]}"; do
  for _ in $(seq 150); do ss -ltn | grep -q ":$p " && break; sleep 0.2; done
done
sleep 3 # the virtbench servers' warm-up
# the jitter server I measured for one `iperf3 -c -u -t 8`
measure() {
  iperf3 -c 127.0.0.1 -p "${ports[$1]}" -u -t 8 -J | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["end"]["sum"]["jitter_ms"])'
}
declare -a all
rotate_rounds "$ROUNDS" names all
print_medians names all
