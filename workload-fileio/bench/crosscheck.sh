#!/usr/bin/env bash
# Performance check of the fileio workload against sysbench 1.0.20 on the same files:
# seqrd and seqwr, through the page cache and with O_DIRECT, each as alternating pairs
# (virtbench crosscheck fileio). Files live in $DIR (default /work/bench-fileio) and are
# removed at the end. Runs under flock so that benchmarks on a shared machine do not overlap.
#
#   workload-fileio/bench/crosscheck.sh [RUNS] [TIME] [TOTAL]     (defaults: 5 pairs, 20 s, 2G)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=launcher/target/virtbench.jar
RUNS=${1:-5}
TIME=${2:-20}
TOTAL=${3:-2G}
DIR=${DIR:-/work/bench-fileio}
[ -f "$JAR" ] || mvn -B -q -o package -DskipTests
mkdir -p "$DIR"
for flags in "" direct; do
  for mode in seqrd seqwr; do
    echo "== $mode ${flags:+--file-extra-flags=$flags} (total $TOTAL, $TIME s, $RUNS pairs), $(date -Is)"
    flock /tmp/virtbench-bench.lock java -jar "$JAR" crosscheck fileio --dir "$DIR" --file-total-size="$TOTAL" \
      --file-test-mode="$mode" ${flags:+--file-extra-flags=$flags} --time="$TIME" --runs "$RUNS" --keep-files
  done
done
java -jar "$JAR" fileio cleanup --dir "$DIR" --file-total-size="$TOTAL" >/dev/null
rmdir "$DIR" 2>/dev/null || true
