# Every workload of the study, each as short as it still measures: PlatformsIT runs it on three platforms.
name = platforms-it
description = Every workload, one short run each, for suite --on in CI.
var cpu-time = 1
var fileio = --dir {work} --file-total-size 8M --file-num 4
var db = --mysql-host {target} --mysql-port {db-port} --tables 1 --table-size 1000
service serve = serve -B {bind} --net-port {net-port} --http-port {http-port} --db-port {db-port} --embedded-db --no-warmup
ready serve = tcp:{bind}:{db-port},tcp:{bind}:{http-port}
step cpu = cpu --cpu-max-prime 10000 --time {cpu-time}
step fileio-prepare = fileio prepare {fileio}
step fileio-seqrd = fileio run {fileio} --file-test-mode seqrd --time 1
step fileio-seqwr = fileio run {fileio} --file-test-mode seqwr --time 1
step fileio-cleanup = fileio cleanup {fileio}
step net-tcp = net client {target} -p {net-port} -t 1
step net-udp = net client {target} -p {net-port} -u -t 1
step oltp-reset = oltp cleanup {db}
step oltp-prepare = oltp prepare oltp_read_write {db}
step oltp-read-write = oltp run oltp_read_write {db} --range-selects=off --db-ps-mode=disable --time 1 --threads 2
step oltp-cleanup = oltp cleanup {db}
step http = http bench -n 200 -c 4 http://{target}:{http-port}/
step pipeline = pipeline
