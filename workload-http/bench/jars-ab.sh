#!/usr/bin/env bash
# ab and one or more virtbench jars (e.g. before and after a change) against the same URL without
# keep-alive, the order rotated every round; prints each round's requests/s and the medians.
#
# usage: flock /tmp/virtbench-bench.lock workload-http/bench/jars-ab.sh ROUNDS CONCURRENCY URL JAR [JAR...]
# Environment: N (requests per run, default 50000). Each virtbench run has its default warm-up.
set -euo pipefail
R=${1:?rounds}; C=${2:?concurrency}; URL=${3:?url}; shift 3
[ $# -ge 1 ] || { echo "usage: $0 ROUNDS CONCURRENCY URL JAR [JAR...]" >&2; exit 2; }
N=${N:-50000}
jars=("$@")
names=(ab)
for j in "${jars[@]}"; do names+=("$(basename "$j")"); done
k=${#names[@]}
declare -A all
for r in $(seq "$R"); do
  line="round $r c$C:"
  for i in $(seq 0 $((k - 1))); do
    idx=$(( (i + r) % k ))
    if [ "$idx" -eq 0 ]; then
      v=$(ab -q -n "$N" -c "$C" "$URL" 2>/dev/null | awk '/^Requests per second/ {print $4}')
    else
      v=$(java -jar "${jars[$((idx - 1))]}" http bench -q -n "$N" -c "$C" "$URL" 2>/dev/null | awk '/^Requests per second/ {print $4}')
    fi
    all[$idx]="${all[$idx]:-} ${v:-0}"
    line="$line ${names[$idx]}=${v:-failed}"
  done
  echo "$line"
done
for i in $(seq 0 $((k - 1))); do
  echo "${names[$i]} median $(echo ${all[$i]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'):${all[$i]}"
done
