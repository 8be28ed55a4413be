package io.virtbench.launcher;

import io.virtbench.core.output.Repetitions;
import io.virtbench.net.latency.LatencyServer;
import io.virtbench.net.latency.Sockperf;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "latency-server", mixinStandardHelpOptions = true,
        description = {"sockperf's server: answers 'sockperf ping-pong' and 'virtbench net latency', UDP and TCP on one port,",
                "until Ctrl-C. Equivalent: sockperf server -i IP -p PORT (and another with --tcp)"})
final class NetLatencyServerCommand implements Callable<Integer> {
    private final Streams streams;

    NetLatencyServerCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = {"-i", "--ip"}, paramLabel = "ADDRESS", description = "listen on this address only (default: all addresses)")
    String ip;

    @Option(names = {"-p", "--port"}, paramLabel = "N", defaultValue = "" + Sockperf.DEFAULT_PORT,
            description = "port for UDP and TCP, 0 = any free port")
    int port;

    @Override
    public Integer call() throws Exception {
        try (LatencyServer server = LatencyServer.start(ip, port)) {
            streams.out().printf(Locale.ROOT, "virtbench: latency server (sockperf) listening on %s port %d, UDP and TCP%n",
                    ip == null ? "every address" : ip, server.port());
            streams.out().flush();
            CountDownLatch stopped = new CountDownLatch(1);
            try (AutoCloseable hook = streams.stop().onRequest(stopped::countDown)) {
                stopped.await();
            }
        }
        return Repetitions.EXIT_INTERRUPTED;
    }
}
