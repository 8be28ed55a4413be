package io.virtbench.launcher;

import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.net.latency.LatencyOptions;
import io.virtbench.net.latency.PingPong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"sockperf's ping-pong: one small message at a time, the next when the answer is in; round trips",
                "per second and latency percentiles against 'sockperf server' or 'virtbench net latency-server'.",
                "Equivalent: sockperf ping-pong -i IP -p PORT [--tcp] -t SECONDS -m BYTES --mps=max"})
final class NetLatencyCommand implements Callable<Integer> {
    private final Streams streams;

    NetLatencyCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = {"-i", "--ip"}, paramLabel = "ADDRESS", required = true, description = "the server's address")
    String ip;

    @Mixin
    NetLatencyOptions latency;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        LatencyOptions o = latency.options(ip);
        Output out = output.open(streams);
        return Repetitions.run(out, output.repeat, 0, rep -> PingPong.run(o, out, rep)).exitCode();
    }
}
