package io.virtbench.launcher;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.cpu.CpuBenchmark;
import io.virtbench.cpu.CpuOptions;
import io.virtbench.cpu.SysbenchCpu;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "crosscheck", mixinStandardHelpOptions = true,
        description = "Run a native tool and virtbench alternately with identical options and compare their figures.",
        subcommands = {CrosscheckCommand.Cpu.class})
final class CrosscheckCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "which workload? (cpu)");
    }

    /** The virtbench side of a crosscheck prints nothing on stdout; only the comparison table does. */
    static Output quiet(Output o) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return new Output(OutputFormat.JSON, none, o.err(), null, o.platform(), o.stop());
    }

    static void checkRuns(int runs) {
        if (runs < 1) {
            throw UserException.usage("invalid value for --runs: " + runs + " (must be >= 1)");
        }
    }

    @Command(name = "cpu", mixinStandardHelpOptions = true,
            description = "sysbench cpu run vs virtbench cpu, alternately, same options; prints events/s and ratios.")
    static final class Cpu implements Callable<Integer> {
        private final Streams streams;

        Cpu(Streams streams) {
            this.streams = streams;
        }
        @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "number of pairs")
        int runs;

        @Option(names = "--cpu-max-prime", paramLabel = "N", defaultValue = "" + CpuOptions.DEFAULT_MAX_PRIME,
                description = "upper limit for primes generator")
        long maxPrime;

        @Mixin
        RunOptions run;

        @Option(names = "--out", paramLabel = "DIR", description = "also write every run's result into DIR")
        java.nio.file.Path out;

        @Option(names = "--platform", paramLabel = "LABEL", description = "platform label recorded with every result")
        String platform;

        @Override
        public Integer call() throws Exception {
            checkRuns(runs);
            CpuOptions options = new CpuOptions(maxPrime);
            RunSettings settings = run.settings();
            NativeTool.require("sysbench", "sysbench");
            io.virtbench.core.Signals.install(Main.STOP, streams.err());
            Output o = new Output(OutputFormat.TEXT, streams.out(), streams.err(), out, platform, Main.STOP);
            Output quiet = quiet(o);
            Crosscheck.run(CpuBenchmark.WORKLOAD, "sysbench", CpuBenchmark.EVENTS_PER_SECOND, runs,
                    pair -> SysbenchCpu.run(options, settings).withRepetition(pair).withHost(o.host()),
                    pair -> CpuBenchmark.run(options, settings, quiet, pair), o);
            return o.stop().requested() ? io.virtbench.core.Repetitions.EXIT_INTERRUPTED : 0;
        }
    }
}
