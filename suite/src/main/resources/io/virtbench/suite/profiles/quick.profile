# virtbench suite profile "quick": every workload of the study, short, in a few minutes on a laptop.
#
# Format (see suite/README.md): one statement per line, '#' starts a comment.
#   name = ...            description = ...
#   var NAME = VALUE      a placeholder of your own ({NAME}); `suite --set NAME=VALUE` overrides it
#   service NAME = CMD    a virtbench command run in the background while the steps run (not with --target)
#   ready NAME = tcp:HOST:PORT[,tcp:HOST:PORT...]   when the service is ready
#   step NAME = CMD       a virtbench command line, run in this order; results go to OUT/steps/NAME/
# Placeholders: {out} the suite's directory, {work} OUT/work (scratch files), {target} the host the
# net/http/oltp clients measure (127.0.0.1, or `suite --target HOST`), {bind} the address the services
# listen on (127.0.0.1; a guest's own address with `suite --on`), {platform}, {net-port},
# {http-port}, {db-port} (free ports here; 5201/8080/3306 or --net-port/... with --target).
# Steps named GROUP-... form a group: `suite --only oltp` runs every oltp-* step.
name = quick
description = Every workload, short: 5 s runs, 128 MB of files, OLTP at 2 and 4 threads, 1000 HTTP requests; net, HTTP and OLTP against `virtbench serve` on loopback; then micro, memory, threads and mutex (beyond the study), about 15 s.

# run lengths in seconds: `suite --set time=10` makes every timed step longer
var time = 5
var net-time = 3
var fileio = --dir {work} --file-total-size 128M --file-num 128
var db = --mysql-host {target} --mysql-port {db-port} --tables 2 --table-size 10000

# the guest's side, here on loopback: network server, HTTP target, throwaway MariaDB
service serve = serve -B {bind} --net-port {net-port} --http-port {http-port} --db-port {db-port} --embedded-db
ready serve = tcp:{bind}:{db-port},tcp:{bind}:{http-port}

step cpu = cpu --cpu-max-prime 10000 --threads 1 --time {time} --repeat 3

step fileio-prepare = fileio prepare {fileio}
step fileio-seqrd = fileio run {fileio} --file-test-mode seqrd --time {time} --repeat 2
step fileio-seqwr = fileio run {fileio} --file-test-mode seqwr --time {time} --repeat 2
step fileio-cleanup = fileio cleanup {fileio}

step net-tcp = net client {target} -p {net-port} -t {net-time} --repeat 2
step net-udp = net client {target} -p {net-port} -u -t {net-time} --repeat 2

# oltp-reset drops tables an earlier run against the same database left behind
step oltp-reset = oltp cleanup {db}
step oltp-prepare = oltp prepare oltp_read_write {db}
var oltp-run = --range-selects=off --db-ps-mode=disable --time {time} --sweep 2,4 --sweep-pause 1
step oltp-read-only = oltp run oltp_read_only {db} {oltp-run}
step oltp-read-write = oltp run oltp_read_write {db} {oltp-run}
step oltp-write-only = oltp run oltp_write_only {db} {oltp-run}
step oltp-cleanup = oltp cleanup {db}

step http = http bench -r -n 1000 -c 10 --warmup 2 http://{target}:{http-port}/

step pipeline = pipeline --repeat 3

# Beyond the study (the report scores them in a table of their own, outside the study's totals).
# All guest-local (no {target}); together about 15 s a platform. Each micro operation 0.3 s (the
# report scores its median), so the ten take 6 s a platform.
step micro = micro --time 0.3 --repeat 2
step memory-write = memory --memory-oper write --time 0.5 --repeat 2
step memory-read = memory --memory-oper read --time 0.5 --repeat 2
step threads = threads --time 1 --repeat 2
step mutex = mutex --repeat 2
