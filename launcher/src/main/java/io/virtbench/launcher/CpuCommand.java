package io.virtbench.launcher;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.cpu.CpuBenchmark;
import io.virtbench.cpu.CpuOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cpu", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's cpu test: each event tests 3 .. cpu-max-prime-1 for primality by trial division.",
                "Equivalent: sysbench cpu --cpu-max-prime=10000 --threads=1 --time=10 run"})
final class CpuCommand extends RunOnlyCommand {
    CpuCommand(Streams streams) {
        super("cpu", streams);
    }

    @Option(names = "--cpu-max-prime", paramLabel = "N", defaultValue = "" + CpuOptions.DEFAULT_MAX_PRIME,
            description = "upper limit for primes generator")
    long maxPrime;

    @Override
    Run bind(RunSettings settings) {
        CpuOptions options = new CpuOptions(maxPrime);
        return (o, rep) -> CpuBenchmark.run(options, settings, o, rep);
    }
}
