package io.virtbench.launcher;

import io.virtbench.core.output.Repetitions;
import io.virtbench.net.Warmup;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.report.Units;
import io.virtbench.net.server.IperfServer;
import io.virtbench.net.server.ServerOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"iperf3's server: serves 'iperf3 -c' and 'virtbench net client', one test at a time.",
                "Equivalent: iperf3 -s"})
final class NetServerCommand implements Callable<Integer> {
    private final Streams streams;

    NetServerCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = {"-p", "--port"}, paramLabel = "N", defaultValue = "" + Iperf3.DEFAULT_PORT, description = "server port to listen on")
    int port;

    @Option(names = {"-B", "--bind"}, paramLabel = "HOST", description = "listen on this address only (default: all addresses)")
    String bind;

    @Option(names = {"-1", "--one-off"}, defaultValue = "false", description = "handle one client connection, then exit")
    boolean oneOff;

    @Option(names = {"-J", "--json"}, defaultValue = "false", description = "output in iperf3's JSON format")
    boolean json;

    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", defaultValue = "1",
            description = "seconds between periodic bandwidth reports, 0 = none")
    double interval;

    @Option(names = "-f", paramLabel = "[kmgtKMGT]", defaultValue = "a",
            description = "unit for reports: k/m/g/t bits or K/M/G/T bytes, a = adaptive")
    String unitFormat;

    @Option(names = "--rcv-timeout", paramLabel = "MS", defaultValue = "" + Iperf3.DEFAULT_RCV_TIMEOUT_MS,
            description = "idle timeout for receiving data during an active test, in ms")
    int rcvTimeout;

    @Option(names = "--ctrl-timeout", paramLabel = "MS", defaultValue = "" + ServerOptions.DEFAULT_CTRL_TIMEOUT_MS,
            description = "virtbench: how long a client may take to send its cookie, parameters, streams or results, in ms")
    int ctrlTimeout;

    @Option(names = "--no-warmup", defaultValue = "false",
            description = "virtbench: skip the short loopback warm-up of the JIT compiler (the port is open at once; "
                    + "with the warm-up, the first test starts when it is done)")
    boolean noWarmup;

    @Override
    public Integer call() throws Exception {
        ServerOptions o = new ServerOptions(port, bind, oneOff, json, interval, Units.format("-f", unitFormat), rcvTimeout,
                ctrlTimeout);
        IperfServer server = noWarmup ? IperfServer.start(o, streams.out(), streams.err())
                : IperfServer.startWarmingUp(o, streams.out(), streams.err(), Warmup::ensure);
        try (AutoCloseable hook = streams.stop().onRequest(server::close)) {
            server.awaitTermination();
        }
        server.close();
        return streams.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }
}
