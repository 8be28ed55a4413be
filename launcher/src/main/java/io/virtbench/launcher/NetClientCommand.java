package io.virtbench.launcher;

import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.net.NetBenchmark;
import io.virtbench.net.Warmup;
import io.virtbench.net.client.ClientOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"iperf3's client: measures TCP bandwidth or UDP jitter/loss against 'iperf3 -s' or 'virtbench net server'.",
                "Equivalent: iperf3 -c HOST (study: iperf3 -c HOST -J, and iperf3 -c HOST -u -J)"})
final class NetClientCommand implements Callable<Integer> {
    private final Streams streams;

    NetClientCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(index = "0", paramLabel = "HOST", description = "the server (iperf3 -c HOST)")
    String host;

    @Mixin
    NetClientOptions net;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        ClientOptions o = net.options(host);
        Output out = output.open(streams);
        NetBenchmark.checkOutput(o, out);
        return Repetitions.run(out, output.repeat, 0, rep -> {
            JitWarmup.Summary warmup = net.warmup() ? Warmup.beforeTest() : null;
            return NetBenchmark.run(o, out, rep, warmup);
        }).exitCode();
    }
}
