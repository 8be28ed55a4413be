package io.virtbench.launcher;

import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.report.Units;
import picocli.CommandLine.Option;

/** iperf3's client options, shared by {@code net client} and {@code crosscheck net}. */
final class NetClientOptions {
    @Option(names = {"-p", "--port"}, paramLabel = "N", defaultValue = "" + Iperf3.DEFAULT_PORT, description = "server port to connect to")
    int port;

    @Option(names = {"-B", "--bind"}, paramLabel = "HOST", description = "bind to the interface associated with this address")
    String bind;

    @Option(names = {"-u", "--udp"}, defaultValue = "false", description = "use UDP rather than TCP")
    boolean udp;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", defaultValue = "" + Iperf3.DEFAULT_DURATION,
            description = "time in seconds to transmit for")
    int time;

    @Option(names = {"-n", "--bytes"}, paramLabel = "N[KMGT]", defaultValue = "0", converter = Converters.IperfSize.class,
            description = "number of bytes to transmit (instead of -t), 0 = unused")
    long bytes;

    @Option(names = {"-k", "--blockcount"}, paramLabel = "N[KMGT]", defaultValue = "0", converter = Converters.IperfSize.class,
            description = "number of blocks (packets) to transmit (instead of -t or -n), 0 = unused")
    long blocks;

    @Option(names = {"-b", "--bitrate", "--bandwidth"}, paramLabel = "N[KMGT][/BURST]", defaultValue = "default",
            description = "target bitrate in bits/sec (0 for unlimited); default: 1 Mbit/sec (1048576) for UDP, unlimited for TCP;"
                    + " /BURST sends that many packets per pacing check")
    String bitrate;

    @Option(names = {"-l", "--length"}, paramLabel = "N[KMGT]", defaultValue = "0", converter = Converters.IperfSize.class,
            description = "length of buffer to read or write; 0 = default (128 KB for TCP, the path MSS (else 1460) for UDP)")
    long length;

    @Option(names = {"-P", "--parallel"}, paramLabel = "N", defaultValue = "1", description = "number of parallel client streams to run")
    int parallel;

    @Option(names = {"-R", "--reverse"}, defaultValue = "false", description = "run in reverse mode (server sends, client receives)")
    boolean reverse;

    @Option(names = "--bidir", defaultValue = "false", description = "run in bidirectional mode: client and server send and receive data")
    boolean bidir;

    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", defaultValue = "1",
            description = "seconds between periodic bandwidth reports, 0 = none")
    double interval;

    @Option(names = {"-O", "--omit"}, paramLabel = "N", defaultValue = "0", description = "omit the first N seconds")
    int omit;

    @Option(names = {"-J", "--json"}, defaultValue = "false", description = "output in iperf3's JSON format")
    boolean json;

    @Option(names = "--get-server-output", defaultValue = "false", description = "get results from the server")
    boolean getServerOutput;

    @Option(names = {"-w", "--window"}, paramLabel = "N[KMGT]", defaultValue = "0", converter = Converters.IperfSize.class,
            description = "set window size / socket buffer size, 0 = system default")
    long window;

    @Option(names = {"-N", "--no-delay"}, defaultValue = "false", description = "set TCP no delay, disabling Nagle's algorithm")
    boolean noDelay;

    @Option(names = {"-T", "--title"}, paramLabel = "STR", description = "a title for the test (in the JSON output)")
    String title;

    @Option(names = "--extra-data", paramLabel = "STR", description = "data string to include in the JSON output")
    String extraData;

    @Option(names = "--udp-counters-64bit", defaultValue = "false", description = "use 64-bit counters in UDP test packets")
    boolean udp64;

    @Option(names = "--repeating-payload", defaultValue = "false",
            description = "use a repeating pattern in the payload instead of random bytes")
    boolean repeatingPayload;

    @Option(names = "--pacing-timer", paramLabel = "USEC", defaultValue = "" + Iperf3.DEFAULT_PACING_TIMER_US,
            description = "set the timing for pacing, in microseconds")
    int pacingTimer;

    @Option(names = "-f", paramLabel = "[kmgtKMGT]", defaultValue = "a",
            description = "iperf3's --format: unit for reports, k/m/g/t bits or K/M/G/T bytes, a = adaptive"
                    + " (only -f: --format is virtbench's output format)")
    String unitFormat;

    @Option(names = "--connect-timeout", paramLabel = "MS", defaultValue = "0",
            description = "timeout for the control connection, in ms, 0 = the system's")
    int connectTimeout;

    @Option(names = "--no-warmup", defaultValue = "false",
            description = "virtbench: skip the short loopback warm-up of the JIT compiler before the first test")
    boolean noWarmup;

    @Option(names = "--jit-warmup", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "on",
            converter = Converters.OnOff.class,
            description = "virtbench: before a test, short tests over a private loopback server until the JIT "
                    + "compilers are quiet (reported, never measured); off = --no-warmup")
    boolean jitWarmup;

    /** Whether the client warms the JIT up: on unless --jit-warmup=off or --no-warmup. */
    boolean warmup() {
        return jitWarmup && !noWarmup;
    }

    ClientOptions options(String host) {
        Units.Bitrate rate = Units.bitrate("-b", "default".equals(bitrate) ? null : bitrate);
        return ClientOptions.builder(host).port(port).bind(bind).udp(udp).time(time).bytes(bytes).blocks(blocks)
                .bitrate(rate.bitsPerSecond()).burst(rate.burst()).length(checkedInt("-l", length)).parallel(parallel)
                .reverse(reverse).bidir(bidir).interval(interval).omit(omit).json(json).getServerOutput(getServerOutput)
                .window(checkedInt("-w", window)).noDelay(noDelay).title(title).extraData(extraData)
                .udpCounters64bit(udp64).repeatingPayload(repeatingPayload).pacingTimerUs(pacingTimer)
                .unitFormat(Units.format("-f", unitFormat)).connectTimeoutMs(connectTimeout).build();
    }

    private static int checkedInt(String option, long v) {
        if (v > Integer.MAX_VALUE) {
            throw io.virtbench.core.UserException.usage("invalid value for " + option + ": " + v + " (too large)");
        }
        return (int) v;
    }
}
