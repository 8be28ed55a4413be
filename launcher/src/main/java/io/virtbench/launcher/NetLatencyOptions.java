package io.virtbench.launcher;

import io.virtbench.net.latency.LatencyOptions;
import io.virtbench.net.latency.Sockperf;
import picocli.CommandLine.Option;

/** sockperf ping-pong's options, shared by {@code net latency} and {@code crosscheck latency}. */
final class NetLatencyOptions {
    @Option(names = {"-p", "--port"}, paramLabel = "N", defaultValue = "" + Sockperf.DEFAULT_PORT,
            description = "the server's port")
    int port;

    @Option(names = "--tcp", defaultValue = "false", description = "use TCP (default UDP, as sockperf)")
    boolean tcp;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", defaultValue = "1",
            description = "seconds measured (after the warm-up)")
    double time;

    @Option(names = {"-m", "--msg-size"}, paramLabel = "BYTES", defaultValue = "" + Sockperf.HEADER,
            description = "message size in bytes, sockperf's 14-byte header included (at least 14)")
    int msgSize;

    @Option(names = {"--mps", "--pps"}, paramLabel = "N|max", defaultValue = "max",
            description = "messages per second (Poisson arrivals), max = the next as soon as the answer is in")
    String mps;

    @Option(names = "--full-rtt", defaultValue = "false",
            description = "report the round trip time (default: half of it, sockperf's latency)")
    boolean fullRtt;

    @Option(names = "--warmup-time", paramLabel = "SECONDS", defaultValue = "" + LatencyOptions.DEFAULT_WARMUP_TIME,
            description = "virtbench: round trips before measuring, not counted (sockperf drops its first 400 ms)")
    double warmupTime;

    LatencyOptions options(String ip) {
        return new LatencyOptions(ip, port, tcp, time, msgSize, LatencyOptions.parseMps(mps), fullRtt, warmupTime);
    }
}
