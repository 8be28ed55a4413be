#!/usr/bin/env bash
# How the logs in this directory were produced: real runs of the native tools on 127.0.0.1 on the
# development VM (2 cores, Debian 12: sysbench 1.0.20, iperf3 3.12, ApacheBench 2.3, wrk 4.1.0),
# short runs so the files stay small. Re-running it replaces the logs (the figures will differ).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# sysbench cpu at 1 and at 2 threads, 2 runs each
for t in 1 2; do
  : > cpu-threads$t.log
  for i in 1 2; do sysbench cpu --threads=$t --time=2 run >> cpu-threads$t.log; done
done

# sysbench fileio: prepare, seqrd buffered and with O_DIRECT (2 runs each), cleanup
( cd "$work"
  sysbench fileio --file-num=4 --file-total-size=64M prepare ) > fileio-prepare.log
: > fileio-seqrd-buffered.log; : > fileio-seqrd-direct.log
for i in 1 2; do
  ( cd "$work" && sysbench fileio --file-num=4 --file-total-size=64M --file-test-mode=seqrd --time=2 run ) >> fileio-seqrd-buffered.log
  ( cd "$work" && sysbench fileio --file-num=4 --file-total-size=64M --file-test-mode=seqrd --file-extra-flags=direct --time=2 run ) >> fileio-seqrd-direct.log
done
( cd "$work" && sysbench fileio --file-num=4 --file-total-size=64M cleanup ) > fileio-cleanup.log

# iperf3: JSON of TCP, TCP -R, UDP at 1 and 10 Mbit/s (2 runs each); text output of client and server
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
iperf3 -s -B 127.0.0.1 -p $port -J > iperf3-server.json &
spid=$!
sleep 1
json() { local f=$1; shift; echo -n '[' > $f; for i in 1 2; do [ $i = 2 ] && echo ',' >> $f; iperf3 -c 127.0.0.1 -p $port -t 2 -J "$@" >> $f; sleep 0.3; done; echo ']' >> $f; }
json iperf3-tcp.json
json iperf3-tcp-reverse.json -R
json iperf3-udp-1M.json -u -b 1M
json iperf3-udp-10M.json -u -b 10M
kill $spid; wait $spid 2>/dev/null || true
iperf3 -s -B 127.0.0.1 -p $port > iperf3-server.txt &
spid=$!
sleep 1
: > iperf3-client.txt
for i in 1 2; do iperf3 -c 127.0.0.1 -p $port -t 2 >> iperf3-client.txt; sleep 0.3; done
iperf3 -c 127.0.0.1 -p $port -t 2 -u -b 1M > iperf3-udp-client.txt
sleep 0.5; kill $spid; wait $spid 2>/dev/null || true

# ab without and with keep-alive (c = 10, 2 runs each), wrk: a small HTTP/1.1 server on 127.0.0.1
hport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$hport" <<'PY' &
import sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b"hello from virtbench test server\n" * 8
        self.send_response(200); self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        if "keep-alive" in self.headers.get("Connection", "").lower(): self.send_header("Connection", "Keep-Alive")
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
hpid=$!
for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$hport) 2>/dev/null && break; sleep 0.2; done
: > ab.log; : > ab-keepalive.log
for i in 1 2; do
  ab -r -n 500 -c 10 http://127.0.0.1:$hport/ >> ab.log
  ab -r -k -n 500 -c 10 http://127.0.0.1:$hport/ >> ab-keepalive.log
done
wrk -t 2 -c 10 -d 2s --latency http://127.0.0.1:$hport/ > wrk.log
wrk -t 1 -c 4 -d 2s http://127.0.0.1:$hport/ > wrk-plain.log
kill $hpid
