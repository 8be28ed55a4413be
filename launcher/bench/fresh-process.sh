#!/usr/bin/env bash
# Fresh-process parity (a benchmark, not a test): each measurement in a new process, as a user runs
# the native tools and the jar in a guest, at the study's durations. Native and virtbench
# alternate (native first in odd pairs, virtbench first in even ones); the table at the end gives
# each figure's medians and their ratio (higher is better for every figure here).
#
#   flock /tmp/virtbench-bench.lock launcher/bench/fresh-process.sh [PAIRS] [SECTIONS] [-- extra virtbench options]
#
# PAIRS (default 3). SECTIONS (default "cpu fileio oltp ab"):
#   cpu     sysbench cpu --time=10, 1 thread                          events/s
#   fileio  sysbench fileio seqrd --time=30 on $FILEIO_SIZE (default 5G, the study's) in a temp dir   MiB/s
#   oltp    oltp_read_only --time=20 at --threads 10 and 40, 8 tables x $TABLE_SIZE (default 10000) rows,
#           --range_selects=off --db-ps-mode=disable, against a throwaway mariadbd on 127.0.0.1:$DB_PORT  tps
#   ab      ab -r -n 5000 -c 10 against virtbench http serve on 127.0.0.1:$HTTP_PORT            requests/s
#   ab-pinned  the same with the server on CPU 1 and the clients on CPU 0 (taskset; not by default)
# Extra options after -- go to every virtbench run (e.g. -- --jit-warmup=off to see the cold JVM).
# Needs sysbench, ab, mariadbd. Every address is 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS=${1:-3}
SECTIONS=${2:-"cpu fileio oltp ab"}
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = "--" ] && shift
EXTRA=("$@")
FILEIO_SIZE=${FILEIO_SIZE:-5G}
TABLE_SIZE=${TABLE_SIZE:-10000}
DB_PORT=${DB_PORT:-24306}
HTTP_PORT=${HTTP_PORT:-24013}
JAVA=${JAVA:-java}
JAR=launcher/target/virtbench.jar
[ -f "$JAR" ] || { echo "bench: build the jar first: mvn -B -q -ntp package -DskipTests" >&2; exit 1; }
for tool in sysbench ab mariadbd "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d /tmp/virtbench-fresh.XXXXXX)
cp "$JAR" "$work/virtbench.jar" # rebuilding the jar meanwhile does not change what is measured
VB=("$JAVA" -jar "$work/virtbench.jar")
results="$work/results"
: > "$results"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# one run: FIGURE TOOL AWK-PROGRAM COMMAND...; the awk program prints the figure from the output
run() {
  local figure=$1 tool=$2 prog=$3
  shift 3
  local out v
  out=$("$@" 2>&1) || { echo "bench: $figure $tool failed: $(tail -1 <<<"$out")" >&2; return 1; }
  v=$(awk "$prog" <<<"$out")
  [ -n "$v" ] || { echo "bench: $figure $tool: no figure in its output" >&2; return 1; }
  printf '%-24s %-10s %12.2f\n' "$figure" "$tool" "$v" | tee -a "$results"
}

# a pair, in the order of pair number $1
pair() {
  local i=$1 figure=$2 prog=$3 native=$4 virtbench=$5
  if (( i % 2 == 1 )); then
    run "$figure" native "$prog" bash -c "$native"; run "$figure" virtbench "$prog" bash -c "$virtbench"
  else
    run "$figure" virtbench "$prog" bash -c "$virtbench"; run "$figure" native "$prog" bash -c "$native"
  fi
}

q() { printf '%q ' "$@"; }
vb="$(q "${VB[@]}")"
extra=""
(( ${#EXTRA[@]} )) && extra="$(q "${EXTRA[@]}")"

for s in $SECTIONS; do
  case $s in
    cpu)
      for i in $(seq "$PAIRS"); do
        pair "$i" "cpu events/s" '/events per second:/ {print $4}' \
          "sysbench cpu --threads=1 --time=10 run" "$vb cpu --threads 1 --time 10 $extra"
      done ;;
    fileio)
      mkdir -p "$work/files"
      (cd "$work/files" && sysbench fileio --file-total-size="$FILEIO_SIZE" prepare >/dev/null)
      for i in $(seq "$PAIRS"); do
        pair "$i" "fileio seqrd MiB/s" '/read, MiB\/s:/ {print $3}' \
          "cd $work/files && sysbench fileio --file-total-size=$FILEIO_SIZE --file-test-mode=seqrd --time=30 run" \
          "$vb fileio run --dir $work/files --file-total-size $FILEIO_SIZE --file-test-mode seqrd --time 30 $extra"
      done
      rm -rf "$work/files" ;;
    oltp)
      # shellcheck source=../../workload-oltp/bench/throwaway-mariadb.sh
      source workload-oltp/bench/throwaway-mariadb.sh
      trap - EXIT
      start_throwaway_mariadb virtbench-fresh-db "$DB_PORT" --max-connections=200 --innodb-buffer-pool-size=512M
      pids+=("$THROWAWAY_SERVER")
      db="--mysql-host=127.0.0.1 --mysql-port=$DB_PORT --mysql-user=root --mysql-db=sbtest"
      sysbench oltp_read_only $db --tables=8 --table-size="$TABLE_SIZE" --threads=4 prepare >/dev/null
      common="--tables=8 --table-size=$TABLE_SIZE --range_selects=off --db-ps-mode=disable --time=20 --events=0"
      for t in 10 40; do
        for i in $(seq "$PAIRS"); do
          pair "$i" "oltp ro $t threads tps" '/transactions:/ {gsub(/\(/, "", $3); print $3}' \
            "sysbench oltp_read_only $db $common --threads=$t run" \
            "$vb oltp oltp_read_only run $db ${common//range_selects/range-selects} --threads $t $extra"
        done
      done
      kill "$THROWAWAY_SERVER"; wait "$THROWAWAY_SERVER" 2>/dev/null || true
      rm -rf "$DIR"
      trap cleanup EXIT ;;
    ab|ab-pinned)
      # ab-pinned: the server on CPU 1 and each client on CPU 0, as in the study, where ab ran
      # outside the guest: on shared cores the cheaper client leaves the server more CPU time
      server_cpu=(); client_cpu=""; figure="ab -c 10 requests/s"
      if [ "$s" = ab-pinned ]; then
        (( $(nproc) >= 2 )) || { echo "bench: ab-pinned needs 2 CPUs" >&2; exit 1; }
        server_cpu=(taskset -c 1); client_cpu="taskset -c 0 "; figure="ab -c 10 pinned req/s"
      fi
      "${server_cpu[@]}" "${VB[@]}" http serve --bind 127.0.0.1 --port "$HTTP_PORT" > "$work/serve-$s.log" 2>&1 &
      server=$!
      pids+=("$server")
      for _ in $(seq 100); do curl -fs "http://127.0.0.1:$HTTP_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
      # the server's own JIT first (untimed): a cold server speeds up over the first pairs, which
      # favours whichever client runs second in them
      ${client_cpu}ab -r -n 50000 -c 10 "http://127.0.0.1:$HTTP_PORT/" >/dev/null 2>&1
      for i in $(seq "$PAIRS"); do
        pair "$i" "$figure" '/^Requests per second:/ {print $4}' \
          "${client_cpu}ab -r -n 5000 -c 10 http://127.0.0.1:$HTTP_PORT/" \
          "${client_cpu}$vb http bench -r -n 5000 -c 10 $extra http://127.0.0.1:$HTTP_PORT/"
      done
      kill "$server"; wait "$server" 2>/dev/null || true ;;
    *) echo "bench: unknown section $s" >&2; exit 2 ;;
  esac
done

echo
printf '%-24s %12s %12s %8s\n' figure native virtbench ratio
awk '{f = $0; sub(/ +(native|virtbench) +[0-9.]+$/, "", f); tool = $(NF-1); v[f, tool] = v[f, tool] " " $NF
      if (!(f in seen)) { seen[f] = 1; order[++n] = f } }
     function median(s,   a, k, i, j, t) { k = split(s, a, " ")
       for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
       return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
     END { for (i = 1; i <= n; i++) { f = order[i]; a = median(v[f, "native"]); b = median(v[f, "virtbench"])
           printf "%-24s %12.2f %12.2f %8.3f\n", f, a, b, (a > 0 ? b / a : 0) } }' "$results"
