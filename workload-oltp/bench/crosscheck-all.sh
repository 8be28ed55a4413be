#!/usr/bin/env bash
# The OLTP performance benchmark: native sysbench 1.0.20 and virtbench, alternately, against the
# same throwaway MariaDB and tables, at 10, 40 and 70 threads, for read_only, write_only and
# read_write, with --db-ps-mode disable and auto. Prints each level's pairs, ratios and the
# client CPU time per transaction of both tools.
#
# usage: workload-oltp/bench/crosscheck-all.sh [path/to/virtbench.jar] [extra crosscheck options]
# Runs under flock /tmp/virtbench-bench.lock (the machine is shared). About 40 minutes.
# JVM_WARMUP (default 20): seconds of --jvm-warmup (on 2 cores the JIT still compiles during a 10 s one).
set -euo pipefail
JAR=${1:-launcher/target/virtbench.jar}
shift || true
for mode in disable auto; do
  for test in read_only write_only read_write; do
    echo "=== $test --db-ps-mode=$mode ($(date -u +%FT%TZ))"
    flock /tmp/virtbench-bench.lock java -jar "$JAR" crosscheck oltp --embedded --test "$test" --db-ps-mode "$mode" \
      --tables 4 --table-size 100000 --range-selects=off --sweep 10,40,70 --runs 2 --time 10 --sweep-pause 2 \
      --jvm-warmup "${JVM_WARMUP:-20}" "$@"
  done
done
