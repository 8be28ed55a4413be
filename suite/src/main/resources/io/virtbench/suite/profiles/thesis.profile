# virtbench suite profile "thesis": the study's exact parameters (../shared/thesis-method.md).
# 10 repetitions of everything; expect many hours (5 GB of files, seven OLTP levels x 3 scripts x
# 10 iterations of 20 s, eight HTTP levels x 10 iterations). Format: see quick.profile / suite/README.md.
# The study ran the servers in the guest and the clients on a second machine:
#   guest:  java -jar virtbench.jar serve -B GUEST_ADDRESS --embedded-db
#   client: java -jar virtbench.jar suite --profile thesis --target GUEST_ADDRESS
# (cpu, fileio, pipeline and the steps beyond the study then run on the client machine: run them
#  in the guest with `suite --profile thesis --only cpu,fileio,pipeline,micro,memory,threads,mutex`).
name = thesis
description = The study's parameters: sysbench defaults, 5 GB of files, 10/30/20 s runs, the OLTP and HTTP sweeps, 10 repetitions.

var fileio = --dir {work} --file-total-size 5G --file-num 128
var db = --mysql-host {target} --mysql-port {db-port}
var oltp-run = --tables 8 --table-size 1000000 --range-selects=off --db-ps-mode=disable --report-interval 1 --time 20 --events 0 --sweep 10,20,30,40,50,60,70 --repeat 10 --sweep-pause 5

service serve = serve -B {bind} --net-port {net-port} --http-port {http-port} --db-port {db-port} --embedded-db
ready serve = tcp:{bind}:{db-port},tcp:{bind}:{http-port}

# sysbench cpu run (defaults), 10 runs
step cpu = cpu --cpu-max-prime 10000 --threads 1 --time 10 --repeat 10

# sysbench fileio prepare --file-total-size=5G; run --file-test-mode=seqrd|seqwr --time=30, 10 runs each
step fileio-prepare = fileio prepare {fileio}
step fileio-seqrd = fileio run {fileio} --file-test-mode seqrd --time 30 --repeat 10
step fileio-seqwr = fileio run {fileio} --file-test-mode seqwr --time 30 --repeat 10
step fileio-cleanup = fileio cleanup {fileio}

# iperf3 -c GUEST -J (TCP, 10 s) and iperf3 -c GUEST -u -J (UDP at 1 Mbit/s, 10 s), 10 runs each
step net-tcp = net client {target} -p {net-port} -J -t 10 --repeat 10
step net-udp = net client {target} -p {net-port} -u -J -t 10 --repeat 10

# prepare oltp_read_only --tables=10 --table-size=1000000 --threads=4; then the three scripts at
# --threads 10..70, 10 iterations, 5 s apart (oltp-reset drops tables a previous run left)
step oltp-reset = oltp cleanup {db} --tables 10
step oltp-prepare = oltp prepare oltp_read_only {db} --tables 10 --table-size 1000000 --threads 4
step oltp-read-only = oltp run oltp_read_only {db} {oltp-run}
step oltp-read-write = oltp run oltp_read_write {db} {oltp-run}
step oltp-write-only = oltp run oltp_write_only {db} {oltp-run}
step oltp-cleanup = oltp cleanup {db} --tables 10

# ab -r -n 5000 -c C URL, C in 10 30 60 90 120 150 180 200, 10 iterations, 5 s apart
step http = http bench -r -n 5000 --sweep 10,30,60,90,120,150,180,200 --repeat 10 --sweep-pause 5 http://{target}:{http-port}/

# the CI job, 10 runs
step pipeline = pipeline --repeat 10

# Beyond the study (the report scores them in a table of their own, outside the study's totals):
# every micro operation 2 s, and sysbench's memory (write and read), threads and mutex tests at
# their defaults (10 s; mutex: one event per thread), 10 runs each; all guest-local
step micro = micro --time 2 --repeat 10
step memory-write = memory --memory-oper write --time 10 --repeat 10
step memory-read = memory --memory-oper read --time 10 --repeat 10
step threads = threads --time 10 --repeat 10
step mutex = mutex --repeat 10
