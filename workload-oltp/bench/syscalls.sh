#!/usr/bin/env bash
# System calls per transaction of the two clients: `strace -f -c` of native sysbench and of
# virtbench running the same N read_only transactions on T threads against a throwaway MariaDB
# (the system's mariadbd in a temp dir, 127.0.0.1 only; one table of 10000 rows prepared by
# sysbench). strace slows both alike; the counts are exact. The JVM's start-up is included in
# virtbench's counts, spread over N.
#
# usage: flock /tmp/virtbench-bench.lock workload-oltp/bench/syscalls.sh [JAR] [auto|disable] [T] [N] [PORT]
set -euo pipefail
JAR=${1:-launcher/target/virtbench.jar}
MODE=${2:-auto}
T=${3:-10}
N=${4:-20000}
PORT=${5:-27190}
command -v strace >/dev/null || { echo "strace is not installed (apt-get install strace)" >&2; exit 1; }
# shellcheck source=throwaway-mariadb.sh
. "$(dirname "$0")/throwaway-mariadb.sh"
start_throwaway_mariadb virtbench-syscalls "$PORT" --max-connections=500
sysbench oltp_read_only --tables=1 --table-size=10000 --mysql-host=127.0.0.1 --mysql-port="$PORT" --mysql-user=root \
  --mysql-db=sbtest prepare >/dev/null
strace -f -c -o "$DIR/sysbench.txt" sysbench oltp_read_only --tables=1 --table-size=10000 --mysql-host=127.0.0.1 \
  --mysql-port="$PORT" --mysql-user=root --mysql-db=sbtest --range-selects=off --db-ps-mode="$MODE" --threads="$T" \
  --events="$N" --time=0 run >"$DIR/sysbench.out"
strace -f -c -o "$DIR/virtbench.txt" java -jar "$JAR" oltp run --test read_only --tables 1 --table-size 10000 \
  --mysql-host 127.0.0.1 --mysql-port "$PORT" --mysql-user root --mysql-db sbtest --range-selects=off \
  --db-ps-mode "$MODE" --threads "$T" --events "$N" --time 0 >"$DIR/virtbench.out" 2>&1
for tool in sysbench virtbench; do
  echo "== $tool: $(grep -E 'transactions:' "$DIR/$tool.out" | sed 's/^ *//')"
  # strace -c rows: % time, seconds, usecs/call, calls, [errors,] syscall
  awk -v n="$N" 'NR > 2 && $1 ~ /^[0-9.]+$/ && $NF != "total" { c = $4; if (c / n >= 0.01) printf "  %-16s %7.2f per transaction\n", $NF, c / n }' "$DIR/$tool.txt"
done
