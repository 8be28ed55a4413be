# Each guest-local workload and each guest's own servers, one short run each: DensityIT starts one
# and then two guests with it. serve names --embedded-db, but no step uses the database: the
# guests must start without it (a MariaDB per guest is left out when no oltp step runs).
name = density-it
description = cpu, a file I/O write test, net and HTTP against each guest's own serve, one second each, for suite --on oci:runc --guests in CI.
var fileio = --dir {work} --file-total-size 4M --file-num 2
service serve = serve -B {bind} --net-port {net-port} --http-port {http-port} --db-port {db-port} --embedded-db --no-warmup
ready serve = tcp:{bind}:{db-port},tcp:{bind}:{http-port},tcp:{bind}:{net-port}
step cpu = cpu --cpu-max-prime 5000 --time 1
step fileio-prepare = fileio prepare {fileio}
step fileio-seqwr = fileio run {fileio} --file-test-mode seqwr --time 1
step fileio-cleanup = fileio cleanup {fileio}
step net-tcp = net client {target} -p {net-port} -t 1 --no-warmup
step http = http bench -n 200 -c 2 --warmup 0 http://{target}:{http-port}/
