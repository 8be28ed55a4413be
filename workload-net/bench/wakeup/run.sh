#!/usr/bin/env bash
# A baseline for UDP jitter at iperf3's default rate on the loopback, without iperf3 or Netty: a C
# sender (snd.c) sends 32 datagrams of 32 KiB, four a second, each with a CLOCK_MONOTONIC
# timestamp; a C receiver (rcv.c, blocking recv) and a minimal Java receiver (Rcv.java, one thread,
# a blocking DatagramChannel, System.nanoTime) compute iperf3's RFC 1889 jitter, alternately. The
# Java receiver is one process for all rounds, with one uncounted warm-up round first.
#
# usage: flock /tmp/virtbench-bench.lock workload-net/bench/wakeup/run.sh [ROUNDS]
# Needs gcc and a JDK. Ports 25501 (Java) and 25502 (C) on 127.0.0.1. About ROUNDS x 17 s.
set -euo pipefail
R=${1:-12}
src=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/virtbench-wakeup.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
gcc -O2 -o "$work/snd" "$src/snd.c"
gcc -O2 -o "$work/rcv" "$src/rcv.c" -lm
javac -d "$work" "$src/Rcv.java"
java -cp "$work" Rcv 25501 32 $((R + 1)) > "$work/java.out" &
J=$!
sleep 1
"$work/snd" 25501 32 32768 250000
sleep 0.5
for r in $(seq "$R"); do
  "$work/rcv" 25502 32 > "$work/c.out" &
  C=$!
  sleep 0.3
  "$work/snd" 25502 32 32768 250000
  wait $C
  "$work/snd" 25501 32 32768 250000
  sleep 0.3
  echo "round $r: C $(cat "$work/c.out")  java $(sed -n "$((r + 1))p" "$work/java.out")"
done
wait $J
