#!/usr/bin/env bash
# Where a UDP receiver's jitter comes from, per datagram: one `iperf3 -s` and one virtbench server
# (JAR), and `iperf3 -c 127.0.0.1 -u -t 8` to each in turn, ROUNDS times, every test under
#   perf record -k CLOCK_MONOTONIC -a -e raw_syscalls:sys_enter,raw_syscalls:sys_exit --exclude-perf
#                -e sched:sched_waking,sched:sched_switch
# receivers-trace.py then prints, per test, the jitter the receiver reported, the RFC 1889 jitter
# of the transit at the kernel's boundary (the sender's write entering, the receiver's read
# returning), the jitter of its parts (write to wake-up, wake-up to running, running to the read's
# return), how many datagrams the receiver ran on another CPU than the sender's, and the late ones.
#
# usage: flock /tmp/virtbench-bench.lock workload-net/bench/receivers-trace.sh ROUNDS JAR
# Needs perf with tracepoints (root). PORT_BASE (default 25801) and the next port. About ROUNDS x 20 s;
# keeps the decoded traces in a temporary directory it prints.
set -euo pipefail
R=${1:?rounds}; JAR=${2:?jar}
command -v perf >/dev/null || { echo "perf is not installed" >&2; exit 1; }
command -v iperf3 >/dev/null || { echo "iperf3 is not installed (apt-get install iperf3)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/virtbench-rtrace.XXXXXX)
base=${PORT_BASE:-25801}
ports=($base $((base + 1))); names=(iperf3 virtbench)
iperf3 -s -B 127.0.0.1 -p "${ports[0]}" >/dev/null 2>&1 &
java -jar "$JAR" net server -B 127.0.0.1 -p "${ports[1]}" >/dev/null 2>&1 &
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
for p in "${ports[@]}"; do
  for _ in $(seq 150); do ss -ltn | grep -q ":$p " && break; sleep 0.2; done
done
sleep 8 # the virtbench server's warm-up
for r in $(seq "$R"); do
  for i in 0 1; do
    t=$work/r$r-${names[$i]}
    perf record -q -k CLOCK_MONOTONIC -a -e raw_syscalls:sys_enter,raw_syscalls:sys_exit --exclude-perf \
      -e sched:sched_waking,sched:sched_switch -o "$t.data" -- sleep 9.5 >/dev/null 2>&1 &
    pp=$!
    sleep 0.5
    iperf3 -c 127.0.0.1 -p "${ports[$i]}" -u -t 8 -J > "$t.json" &
    echo $! > "$t.cpid"
    wait $!; wait $pp
    perf script -i "$t.data" -F comm,tid,cpu,time,event,trace > "$t.txt" 2>/dev/null
    rm -f "$t.data"
    python3 "$here/receivers-trace.py" "$t"
  done
done
echo "traces: $work"
