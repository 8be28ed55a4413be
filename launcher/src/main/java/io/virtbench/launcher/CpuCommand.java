package io.virtbench.launcher;

import io.virtbench.core.Repetitions;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.cpu.CpuBenchmark;
import io.virtbench.cpu.CpuOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cpu", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's cpu test: each event tests 3 .. cpu-max-prime-1 for primality by trial division.",
                "Equivalent: sysbench cpu --cpu-max-prime=10000 --threads=1 --time=10 run"})
final class CpuCommand implements Callable<Integer> {
    private final Streams streams;

    CpuCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", defaultValue = "run",
            description = "run; prepare and cleanup exist for sysbench compatibility and do nothing for cpu")
    String command;

    @Option(names = "--cpu-max-prime", paramLabel = "N", defaultValue = "" + CpuOptions.DEFAULT_MAX_PRIME,
            description = "upper limit for primes generator")
    long maxPrime;

    @Mixin
    RunOptions run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        RunWord.check("cpu", command);
        CpuOptions options = new CpuOptions(maxPrime);
        RunSettings settings = run.settings();
        Output o = output.open(streams);
        return Repetitions.run(o, output.repeat, 0, rep -> CpuBenchmark.run(options, settings, o, rep)).exitCode();
    }
}
