# virtbench suite profile "thesis": the study's exact parameters (../shared/thesis-method.md).
# 10 repetitions of everything; expect several hours.
name = thesis
description = The study's parameters: sysbench defaults, 5 GB of files, 10/30/20 s runs, the OLTP and HTTP sweeps, 10 repetitions.

step cpu = cpu --cpu-max-prime 10000 --threads 1 --time 10 --repeat 10
step pipeline = pipeline --repeat 10
