# The guest-local workloads, each one short run: DensityIT starts one and then two guests with it.
name = density-it
description = cpu and a file I/O write test, one second each, for suite --on oci:runc --guests in CI.
var fileio = --dir {work} --file-total-size 4M --file-num 2
step cpu = cpu --cpu-max-prime 5000 --time 1
step fileio-prepare = fileio prepare {fileio}
step fileio-seqwr = fileio run {fileio} --file-test-mode seqwr --time 1
step fileio-cleanup = fileio cleanup {fileio}
