# virtbench suite profile "quick": the whole study's protocol in a few minutes on a laptop.
# Each step is a virtbench command line, run in this order; its results go to OUT/steps/NAME/.
# Placeholders: {out} the suite's directory, {target} the measured host (127.0.0.1 unless
# --target), {platform}, {net-port}/{http-port}/{db-port} free ports the suite picked, and the
# vars below. Command-line options of `virtbench suite` override what is written here.
name = quick
description = Short runs, small files, loopback servers the suite starts itself; 3 repetitions.

step cpu = cpu --time 5 --repeat 3
step pipeline = pipeline --repeat 3
