#!/usr/bin/env bash
# CPU time per request of a client and of the server, over a 4-second window of one long run: the
# user and system time of both processes (/proc/PID/stat) divided by the TCP connections opened
# on the machine in that window (/proc/net/snmp ActiveOpens; without keep-alive one per request,
# so nothing else may open connections meanwhile). A benchmark aid, not a test.
#
# usage: workload-http/bench/cpu.sh SERVER_PID WAIT LABEL CLIENT_COMMAND...
#   WAIT: seconds from the client's start to the window (ab: 2; virtbench: 12, after its warm-up);
#   the client's -n must keep it running for WAIT + 4 s; it is stopped after the window.
# e.g. (nginx of bench/nginx.conf, one worker):
#   w=$(pgrep -f "nginx: worker"); workload-http/bench/cpu.sh $w 2 ab ab -q -n 200000 -c 60 http://127.0.0.1:24010/
#   workload-http/bench/cpu.sh $w 12 virtbench java -jar launcher/target/virtbench.jar http bench -q -n 400000 -c 60 http://127.0.0.1:24010/
set -euo pipefail
SERVER=${1:?server pid}; WAIT=${2:?seconds}; LABEL=${3:?label}; shift 3
[ $# -ge 1 ] || { echo "usage: $0 SERVER_PID WAIT LABEL CLIENT_COMMAND..." >&2; exit 2; }
[ -r "/proc/$SERVER/stat" ] || { echo "no process $SERVER" >&2; exit 1; }
"$@" > /dev/null 2>&1 &
client=$!
trap 'kill $client 2>/dev/null || true' EXIT
cputimes() { awk '{print $14, $15}' "/proc/$1/stat"; }
opens() { awk '/^Tcp:/ {n++; if (n == 2) {print $6; exit}}' /proc/net/snmp; }
sleep "$WAIT"
read -r cu0 cs0 < <(cputimes $client); read -r su0 ss0 < <(cputimes "$SERVER"); o0=$(opens)
sleep 4
read -r cu1 cs1 < <(cputimes $client); read -r su1 ss1 < <(cputimes "$SERVER"); o1=$(opens)
tick=$(getconf CLK_TCK)
python3 - "$LABEL" "$tick" "$o0" "$o1" "$cu0" "$cs0" "$su0" "$ss0" "$cu1" "$cs1" "$su1" "$ss1" <<'EOF'
import sys
label, tick = sys.argv[1], int(sys.argv[2])
o0, o1, cu0, cs0, su0, ss0, cu1, cs1, su1, ss1 = map(int, sys.argv[3:])
n = o1 - o0
if n <= 0:
    sys.exit("no connections opened in the window")
us = 1e6 / tick / n
print("%-10s requests/s %.0f  client user %.1f system %.1f  server user %.1f system %.1f  (us per request)"
      % (label, n / 4, (cu1 - cu0) * us, (cs1 - cs0) * us, (su1 - su0) * us, (ss1 - ss0) * us))
EOF
