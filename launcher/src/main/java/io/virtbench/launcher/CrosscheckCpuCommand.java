package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.cpu.CpuBenchmark;
import io.virtbench.cpu.CpuOptions;
import io.virtbench.cpu.SysbenchCpu;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cpu", mixinStandardHelpOptions = true,
        description = "sysbench cpu run vs virtbench cpu, alternately, same options; prints events/s and ratios.")
final class CrosscheckCpuCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckCpuCommand(Streams streams) {
        this.streams = streams;
    }
    @Mixin
    CrosscheckOptions crosscheck;

    @Option(names = "--cpu-max-prime", paramLabel = "N", defaultValue = "" + CpuOptions.DEFAULT_MAX_PRIME,
            description = "upper limit for primes generator")
    long maxPrime;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        CpuOptions options = new CpuOptions(maxPrime);
        RunSettings settings = run.settings();
        NativeTool.require("sysbench", "sysbench");
        Output o = crosscheck.output(streams);
        Output quiet = CrosscheckCommand.quiet(o);
        Crosscheck.run(CpuBenchmark.WORKLOAD, "sysbench", CpuBenchmark.EVENTS_PER_SECOND, crosscheck.runs,
                pair -> SysbenchCpu.run(options, settings).withRepetition(pair).withHost(o.host()),
                pair -> CpuBenchmark.run(options, settings, quiet, pair), o);
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}
