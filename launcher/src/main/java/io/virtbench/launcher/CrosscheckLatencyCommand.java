package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.net.latency.LatencyCrosscheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"On the loopback: sockperf ping-pong and virtbench net latency alternately against one 'sockperf server',",
                "same options (--runs pairs); prints the median latency and round trips/s of each and their ratios."})
final class CrosscheckLatencyCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckLatencyCommand(Streams streams) {
        this.streams = streams;
    }

    @Mixin
    CrosscheckOptions crosscheck;

    @Mixin
    NetLatencyOptions latency;

    @Override
    public Integer call() throws Exception {
        var options = latency.options("127.0.0.1");
        Output o = crosscheck.output(streams);
        LatencyCrosscheck.run(options, crosscheck.runs, o);
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}
