#!/usr/bin/env bash
# Performance benchmark of the http workload (a benchmark, not a test). From the worktree root:
#
#   flock /tmp/virtbench-bench.lock workload-http/bench/run.sh [PAIRS] [SECTIONS]
#
# PAIRS (default 3): alternating pairs per figure (native first in odd pairs, virtbench first in even).
# SECTIONS (default "client keepalive server"): which comparisons to run.
#   client    ab vs virtbench http bench, no keep-alive, -n $N, at -c 10 30 60 90 120 150 180 200,
#             against nginx (1 worker) and against virtbench http serve
#   keepalive wrk -t2 vs virtbench http bench -k, $SECONDS_RUN s each, same concurrency levels, against
#             nginx; at -c 200 also with --threads 0 (every core) and --http11
#   server    nginx (1 worker) vs virtbench http serve (default threads, and --threads 1) under the same
#             wrk load (-t2 -c100, $SECONDS_RUN s), and under ab without keep-alive (-c 50)
# Environment: N (requests per client run, default 50000), SECONDS_RUN (default 5), LEVELS, JAVA (default java).
# Ports 24010 (nginx), 24011 and 24012 (virtbench http serve) on 127.0.0.1. Prints one line per run and a
# table of medians and ratios at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

PAIRS=${1:-3}
SECTIONS=${2:-"client keepalive server"}
N=${N:-50000}
SECONDS_RUN=${SECONDS_RUN:-5}
LEVELS=${LEVELS:-"10 30 60 90 120 150 180 200"}
JAVA=${JAVA:-java}
JAR=launcher/target/virtbench.jar
NGINX_PORT=24010
SERVE_PORT=24011
SERVE1_PORT=24012

for tool in ab wrk nginx "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed (apt-get install apache2-utils wrk nginx)" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "bench: build the jar first: mvn -B -q -ntp package -DskipTests" >&2; exit 1; }

work=$(mktemp -d /tmp/virtbench-http-bench.XXXXXX)
chmod 755 "$work"
# a private copy: rebuilding the jar meanwhile does not change what is measured
cp "$JAR" "$work/virtbench.jar"
JAR="$work/virtbench.jar"
mkdir -p "$work/html" "$work/logs"
head -c 1021 /dev/zero | tr '\0' 'x' > "$work/html/index.html"
chmod 644 "$work/html/index.html"
serve_pid=""
serve1_pid=""
cleanup() {
  rm -f "$work/virtbench.jar"
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  [ -n "$serve1_pid" ] && kill "$serve1_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

nginx -p "$work" -c "$PWD/workload-http/bench/nginx.conf" -g "pid $work/nginx.pid;"
"$JAVA" -jar "$JAR" http serve --bind 127.0.0.1 --port "$SERVE_PORT" > "$work/serve.log" 2>&1 &
serve_pid=$!
"$JAVA" -jar "$JAR" http serve --bind 127.0.0.1 --threads 1 --port "$SERVE1_PORT" > "$work/serve1.log" 2>&1 &
serve1_pid=$!
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$SERVE_PORT/" && curl -s -o /dev/null "http://127.0.0.1:$SERVE1_PORT/" \
    && curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break
  sleep 0.2
done
NGINX="http://127.0.0.1:$NGINX_PORT/"
SERVE="http://127.0.0.1:$SERVE_PORT/"
SERVE1="http://127.0.0.1:$SERVE1_PORT/"
# warm the servers (nginx's page cache, the JIT of virtbench's)
wrk -t2 -c50 -d3s "$SERVE" > /dev/null
wrk -t2 -c50 -d3s "$SERVE1" > /dev/null
wrk -t2 -c50 -d1s "$NGINX" > /dev/null

results="$work/results.txt"
: > "$results"
echo "bench: $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $("$JAVA" -version 2>&1 | head -1), $(ab -V | head -1), $(nginx -v 2>&1)"

# requests/s of one run; records "<figure> <side> <value>"
ab_rps()  { ab -q "$@" 2>/dev/null | awk '/^Requests per second:/ {print $4}'; }
vb_rps()  { "$JAVA" -jar "$JAR" http bench -q "$@" 2>/dev/null | awk '/^Requests per second:/ {print $4}'; }
wrk_rps() { wrk "$@" 2>/dev/null | awk '/^Requests\/sec:/ {print $2}'; }
record() { echo "$1 $2 $3" >> "$results"; printf '  %-28s %-10s %12s\n' "$1" "$2" "$3"; }

pairs() { # figure, native command..., -- , virtbench command...
  local figure=$1; shift
  local native=() virt=() side=native
  for a in "$@"; do
    if [ "$a" = "--" ]; then side=virt; continue; fi
    if [ $side = native ]; then native+=("$a"); else virt+=("$a"); fi
  done
  for p in $(seq "$PAIRS"); do
    if [ $((p % 2)) = 1 ]; then
      record "$figure" native "$("${native[@]}")"
      record "$figure" virtbench "$("${virt[@]}")"
    else
      record "$figure" virtbench "$("${virt[@]}")"
      record "$figure" native "$("${native[@]}")"
    fi
  done
}

for section in $SECTIONS; do
  case $section in
    client)
      for target in nginx serve; do
        url=$NGINX; [ $target = serve ] && url=$SERVE
        for c in $LEVELS; do
          pairs "noka-$target-c$c" ab_rps -n "$N" -c "$c" "$url" -- vb_rps -n "$N" -c "$c" "$url"
        done
      done ;;
    keepalive)
      for c in $LEVELS; do
        pairs "ka-nginx-c$c" wrk_rps -t2 -c"$c" -d"${SECONDS_RUN}s" "$NGINX" \
          -- vb_rps -k -t "$SECONDS_RUN" -n 5000000 -c "$c" "$NGINX"
      done
      # every core (--threads 0), and HTTP/1.1 as wrk speaks it, at the highest level
      pairs "ka-nginx-c200-allcores" wrk_rps -t2 -c200 -d"${SECONDS_RUN}s" "$NGINX" \
        -- vb_rps -k --threads 0 -t "$SECONDS_RUN" -n 5000000 -c 200 "$NGINX"
      pairs "ka-nginx-c200-http11-allcores" wrk_rps -t2 -c200 -d"${SECONDS_RUN}s" "$NGINX" \
        -- vb_rps -k --http11 --threads 0 -t "$SECONDS_RUN" -n 5000000 -c 200 "$NGINX" ;;
    server)
      pairs "server-wrk-c100" wrk_rps -t2 -c100 -d"${SECONDS_RUN}s" "$NGINX" \
        -- wrk_rps -t2 -c100 -d"${SECONDS_RUN}s" "$SERVE"
      pairs "server-1thread-wrk-c100" wrk_rps -t2 -c100 -d"${SECONDS_RUN}s" "$NGINX" \
        -- wrk_rps -t2 -c100 -d"${SECONDS_RUN}s" "$SERVE1"
      pairs "server-noka-ab-c50" ab_rps -n "$N" -c 50 "$NGINX" -- ab_rps -n "$N" -c 50 "$SERVE" ;;
    *) echo "bench: unknown section $section" >&2; exit 2 ;;
  esac
done

echo
echo "medians over $PAIRS pair(s); native = ab (client), wrk (keepalive), nginx (server); ratio = virtbench / native"
printf '%-28s %14s %14s %8s\n' figure native virtbench ratio
awk '
  { v[$1 " " $2] = v[$1 " " $2] " " $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  function median(list,   a, k, i, j, t) {
    k = split(list, a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    for (i = 1; i <= n; i++) {
      f = order[i]; nat = median(v[f " native"]); vb = median(v[f " virtbench"])
      printf "%-28s %14.2f %14.2f %8.3f\n", f, nat, vb, (nat > 0 ? vb / nat : 0)
    }
  }' "$results"
