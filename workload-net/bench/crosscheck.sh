#!/usr/bin/env bash
# The network workload's performance benchmark: virtbench vs native iperf3 on the loopback,
# alternating, all four client/server combinations, under the shared benchmark lock.
# Usage: workload-net/bench/crosscheck.sh [RUNS] [SECONDS]   (from the repository root, after mvn package)
set -euo pipefail
RUNS=${1:-5}
T=${2:-10}
JAR=${JAR:-launcher/target/virtbench.jar}
run() {
  echo "### virtbench crosscheck net --runs $RUNS -t $T $*"
  flock /tmp/virtbench-bench.lock java -jar "$JAR" crosscheck net --runs "$RUNS" -t "$T" "$@"
  echo
}
date -u +"%Y-%m-%dT%H:%M:%SZ"; uname -srm; nproc; iperf3 --version | head -1; java -version 2>&1 | head -1
run                    # TCP, one stream
run -P 4               # TCP, four streams
run -u -b 1G           # UDP at 1 Gbit/s: loss and jitter
run -u                 # UDP at iperf3's default 1 Mbit/s: the study's jitter test
