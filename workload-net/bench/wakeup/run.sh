#!/usr/bin/env bash
# A baseline for UDP jitter at iperf3's default rate on the loopback, without iperf3: a C sender
# (snd.c) sends 32 datagrams of 32 KiB, four a second, each with a CLOCK_MONOTONIC timestamp, to
# each receiver in turn (the order rotated every round); every receiver computes iperf3's RFC 1889
# jitter:
#   c      rcv.c, a blocking recv
#   c-epoll  rcv.c on a non-blocking socket: epoll_wait (edge-triggered), then recv
#   java   Rcv.java, one thread, a blocking DatagramChannel, System.nanoTime
#   java-select  Rcv.java on a non-blocking DatagramChannel and a Selector (the JDK's epoll)
#   netty  NettyRcv.java, a Netty 4.2 epoll DatagramChannel on its own one-thread event loop
#          (compiled against the fat jar, launcher/target/virtbench.jar: build it first)
#   netty-timer  the same with a periodic no-op task every 1000 ms on the loop (NettyRcv's TIMER_MS)
#   netty-reuse  the same as netty, reading every datagram into one buffer (no allocation per read)
# Each Java receiver is one process for all rounds, warmed up first (below).
#
# usage: flock /tmp/virtbench-bench.lock workload-net/bench/wakeup/run.sh [ROUNDS [RECEIVER...]]
#   RECEIVERS default: c java (add c-epoll, java-select, netty, netty-timer, netty-reuse). PORT_BASE (default 25501): one port each.
# Needs gcc and a JDK. About ROUNDS x receivers x 8.5 s.
set -euo pipefail
. "$(dirname "$0")/../medians.sh"
R=${1:-12}; shift || true
[ $# -ge 1 ] || set -- c java
BASE=${PORT_BASE:-25501}
src=$(cd "$(dirname "$0")" && pwd)
jar=$src/../../../launcher/target/virtbench.jar
work=$(mktemp -d /tmp/virtbench-wakeup.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
gcc -O2 -o "$work/snd" "$src/snd.c"
gcc -O2 -o "$work/rcv" "$src/rcv.c" -lm
javac -d "$work" "$src/Rcv.java"
names=("$@"); k=$#
declare -a port
for i in $(seq 0 $((k - 1))); do
  port[$i]=$((BASE + i))
  case ${names[$i]} in
    c|c-epoll) ;;
    java) java -cp "$work" Rcv "${port[$i]}" 32 $((R + 1)) > "$work/$i.out" & ;;
    java-select) java -cp "$work" Rcv "${port[$i]}" 32 $((R + 1)) select > "$work/$i.out" & ;;
    netty|netty-timer|netty-reuse)
      [ -f "$jar" ] || { echo "build launcher/target/virtbench.jar first (mvn -q -o package -DskipTests)" >&2; exit 1; }
      [ -f "$work/NettyRcv.class" ] || javac -cp "$jar" -d "$work" "$src/NettyRcv.java"
      t=0; [ "${names[$i]}" = netty-timer ] && t=1000
      m=-; [ "${names[$i]}" = netty-reuse ] && m=reuse
      java -cp "$work:$jar" NettyRcv "${port[$i]}" 32 $((R + 1)) $t $m > "$work/$i.out" & ;;
    *) echo "unknown receiver ${names[$i]}" >&2; exit 2 ;;
  esac
done
sleep 2
# the Java receivers' warm-up, as virtbench's before its first test: WARMUP datagrams (default
# 20000) at 10000 a second that the receivers ignore (index >= 1 << 30; enough for the JIT
# compiler's last tier), 3 s for the compiler to finish, then one uncounted round
for i in $(seq 0 $((k - 1))); do
  [[ ${names[$i]} == c* ]] || "$work/snd" "${port[$i]}" "${WARMUP:-20000}" 32768 100 $((1 << 30))
done
sleep 3
for i in $(seq 0 $((k - 1))); do
  [[ ${names[$i]} == c* ]] || "$work/snd" "${port[$i]}" 32 32768 250000
done
sleep 0.5
declare -a all
for r in $(seq "$R"); do
  line="round $r:"
  for j in $(seq 0 $((k - 1))); do
    i=$(( (j + r - 1) % k ))
    if [[ ${names[$i]} == c* ]]; then
      "$work/rcv" "${port[$i]}" 32 "${names[$i]#c-}" > "$work/c.out" &
      C=$!
      sleep 0.3
      "$work/snd" "${port[$i]}" 32 32768 250000
      wait $C
      v=$(cat "$work/c.out")
    else
      "$work/snd" "${port[$i]}" 32 32768 250000
      sleep 0.3
      v=$(sed -n "$((r + 1))p" "$work/$i.out")
    fi
    all[$i]="${all[$i]:-} $v"; line="$line ${names[$i]}=$v"
  done
  echo "$line  (load $(cut -d' ' -f1 /proc/loadavg))"
done
print_medians names all
wait
