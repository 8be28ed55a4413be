#!/usr/bin/env bash
# Does the server do the same work for sysbench and for virtbench? Starts a throwaway MariaDB
# (the system's mariadbd, in a temp dir, 127.0.0.1 only), prepares one table with sysbench, then
# for each script and --db-ps-mode runs exactly N transactions on one thread with native sysbench
# and with virtbench and prints the server's global status counters per transaction (the
# difference before/after each run, divided by N): statements by kind, bytes received/sent,
# rows read. Connection set-up (Connector/J's session queries) is included, spread over N.
#
# usage: workload-oltp/bench/server-counters.sh [path/to/virtbench.jar] [N] [port]
set -euo pipefail
JAR=${1:-launcher/target/virtbench.jar}
N=${2:-2000}
PORT=${3:-34517}
# shellcheck source=throwaway-mariadb.sh
. "$(dirname "$0")/throwaway-mariadb.sh"
start_throwaway_mariadb virtbench-counters "$PORT"
COMMON=(--tables=1 --table-size=10000 --mysql-host=127.0.0.1 --mysql-port="$PORT" --mysql-user=root --mysql-db=sbtest)
sysbench oltp_read_write "${COMMON[@]}" prepare >/dev/null
VARS="'Questions','Com_begin','Com_commit','Com_select','Com_update','Com_delete','Com_insert','Com_stmt_prepare','Com_stmt_execute','Com_stmt_close','Com_set_option','Bytes_received','Bytes_sent','Handler_read_key','Handler_read_next','Rows_read'"
status() { "${SQL[@]}" -e "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ($VARS) ORDER BY VARIABLE_NAME"; }
KEYS="Questions Com_begin Com_commit Com_select Com_update Com_delete Com_insert Com_stmt_prepare Com_stmt_execute Com_set_option Bytes_received Bytes_sent Handler_read_next"
echo "script      ps-mode  tool      $KEYS   (per transaction)"
for mode in disable auto; do
  for test in read_only write_only read_write; do
    for tool in sysbench virtbench; do
      before=$(status)
      if [ $tool = sysbench ]; then
        sysbench oltp_$test "${COMMON[@]}" --db-ps-mode=$mode --threads=1 --events="$N" --time=0 run >/dev/null
      else
        java -jar "$JAR" oltp run --test $test "${COMMON[@]}" --db-ps-mode=$mode --threads=1 --events="$N" --time=0 >/dev/null
      fi
      after=$(status)
      printf '%-11s %-8s %-9s' $test $mode $tool
      awk -v n="$N" -v keys="$KEYS" 'NR == FNR { b[toupper($1)] = $2; next } { d[toupper($1)] = ($2 - b[toupper($1)]) / n }
        END { c = split(keys, k, " "); for (i = 1; i <= c; i++) printf " %.3f", d[toupper(k[i])]; printf "\n" }' \
        <(echo "$before") <(echo "$after")
    done
  done
done
