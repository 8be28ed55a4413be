package io.virtbench.launcher;

import io.virtbench.core.Repetitions;
import io.virtbench.core.Signals;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.net.NetCrosscheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "net", mixinStandardHelpOptions = true,
        description = {"On the loopback: iperf3 client+server, virtbench client+server, and the mixed pairs,",
                "alternately, with the same iperf3 options; prints each figure and the ratios to native iperf3."})
final class CrosscheckNetCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckNetCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "number of pairs (each pair runs all four combinations)")
    int runs;

    @Mixin
    NetClientOptions net;

    @Option(names = "--out", paramLabel = "DIR", description = "also write every run's result into DIR")
    Path out;

    @Option(names = "--platform", paramLabel = "LABEL", description = "platform label recorded with every result")
    String platform;

    @Override
    public Integer call() throws Exception {
        CrosscheckCommand.checkRuns(runs);
        var options = net.options("127.0.0.1");
        Signals.install(Main.STOP, streams.err());
        Output o = new Output(OutputFormat.TEXT, streams.out(), streams.err(), out, platform, Main.STOP);
        NetCrosscheck.run(options, runs, o, !net.noWarmup);
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}
