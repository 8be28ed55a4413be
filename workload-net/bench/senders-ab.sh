#!/usr/bin/env bash
# UDP senders side by side at iperf3's default rate: one long-running `iperf3 -s` on 127.0.0.1
# receives, in turn, from `iperf3 -c -u` and from `virtbench net client -u` of each jar given (e.g.
# main before and after a change), the order rotated every round. Prints each round's jitter as
# the receiver measured it (end.sum.jitter_ms of the client's JSON, which is iperf3's server's
# figure) and the medians. The counterpart of receivers-ab.sh.
#
# usage: flock /tmp/virtbench-bench.lock workload-net/bench/senders-ab.sh ROUNDS JAR [JAR...]
# A JAR may carry JVM options before it, in one argument: "-Dx=y A.jar". Port PORT_BASE (default
# 25451). About ROUNDS x (9 s + jars x 17 s): each virtbench client starts a JVM and warms up.
set -euo pipefail
. "$(dirname "$0")/medians.sh"
ROUNDS=${1:?rounds}; shift
[ $# -ge 1 ] || { echo "usage: $0 ROUNDS JAR [JAR...]" >&2; exit 2; }
command -v iperf3 >/dev/null || { echo "iperf3 is not installed (apt-get install iperf3)" >&2; exit 1; }
port=${PORT_BASE:-25451}
iperf3 -s -B 127.0.0.1 -p "$port" >/dev/null 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null || true' EXIT
for _ in $(seq 50); do ss -ltn | grep -q ":$port " && break; sleep 0.1; done
names=(iperf3); cmds=("iperf3 -c 127.0.0.1 -p $port -u -t 8 -J")
for arg in "$@"; do
  read -r -a words <<< "$arg"
  jvm=(); while [[ ${words[0]} == -* ]]; do jvm+=("${words[0]}"); words=("${words[@]:1}"); done
  name=$(basename "${words[0]}"); [ ${#jvm[@]} -eq 0 ] || name="${jvm[*]} $name"
  names+=("${name// /+}"); cmds+=("java ${jvm[*]} -jar ${words[0]} net client 127.0.0.1 -p $port -u -t 8 -J")
done
# the jitter iperf3's server measured for one test of sender I
measure() {
  # shellcheck disable=SC2086
  ${cmds[$1]} 2>/dev/null | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["end"]["sum"]["jitter_ms"])'
}
declare -a all
rotate_rounds "$ROUNDS" names all
print_medians names all
