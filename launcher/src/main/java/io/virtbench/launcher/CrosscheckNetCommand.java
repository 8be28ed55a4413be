package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.net.NetCrosscheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "net", mixinStandardHelpOptions = true,
        description = {"On the loopback: iperf3 client+server, virtbench client+server, and the mixed pairs,",
                "alternately, with the same iperf3 options (--runs pairs, each running all four combinations);",
                "prints each figure and the ratios to native iperf3."})
final class CrosscheckNetCommand implements Callable<Integer> {
    private final Streams streams;

    CrosscheckNetCommand(Streams streams) {
        this.streams = streams;
    }

    @Mixin
    CrosscheckOptions crosscheck;

    @Mixin
    NetClientOptions net;

    @Override
    public Integer call() throws Exception {
        var options = net.options("127.0.0.1");
        Output o = crosscheck.output(streams);
        NetCrosscheck.run(options, crosscheck.runs, o, net.warmup());
        return o.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}
