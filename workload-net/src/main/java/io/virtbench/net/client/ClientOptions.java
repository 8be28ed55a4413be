package io.virtbench.net.client;

import io.virtbench.core.UserException;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.protocol.TestSettings;
import io.virtbench.net.report.Units;

/**
 * Options of {@code virtbench net client HOST}, named and defaulted as iperf3's client options
 * (iperf_api.c {@code iperf_parse_arguments}) and checked with iperf3's limits; a wrong value is
 * a usage error naming the option.
 *
 * <p>The options, grouped by what they set; each keeps an accessor of its own name here, and
 * {@link #builder} sets them one by one:
 * <ul>
 * <li>host: server to connect to ({@code -c})</li>
 * <li>port: {@code -p}, server port (5201)</li>
 * <li>bind: {@code -B}, local address to bind to, or null</li>
 * <li>udp: {@code -u}</li>
 * <li>time: {@code -t}, seconds (10; 0 with -n/-k)</li>
 * <li>bytes: {@code -n}, bytes to transmit instead of -t (0 = unused)</li>
 * <li>blocks: {@code -k}, blocks to transmit instead of -t (0 = unused)</li>
 * <li>bitrate: {@code -b}, bit/s; -1 = default (UDP 1048576, TCP unlimited); 0 = unlimited</li>
 * <li>burst: {@code -b rate/N}: datagrams or blocks per send opportunity (0 = none)</li>
 * <li>length: {@code -l}, bytes per block or datagram; 0 = default (TCP 128 KiB, UDP the MSS)</li>
 * <li>parallel: {@code -P}, streams (1)</li>
 * <li>reverse: {@code -R}, the server sends</li>
 * <li>bidir: {@code --bidir}, both directions</li>
 * <li>interval: {@code -i}, seconds between reports (1; 0 = none)</li>
 * <li>omit: {@code -O}, seconds to omit at the start (0)</li>
 * <li>json: {@code -J}</li>
 * <li>getServerOutput: {@code --get-server-output}</li>
 * <li>window: {@code -w}, socket buffer bytes (0 = system default)</li>
 * <li>noDelay: {@code -N}, TCP_NODELAY on data streams</li>
 * <li>title: {@code -T}, prefix of every output line's JSON title, or null</li>
 * <li>extraData: {@code --extra-data}, or null</li>
 * <li>udpCounters64bit: {@code --udp-counters-64bit}</li>
 * <li>repeatingPayload: {@code --repeating-payload}</li>
 * <li>pacingTimerUs: {@code --pacing-timer}, microseconds (1000)</li>
 * <li>unitFormat: {@code -f}: a (adaptive bits, default), k m g t, K M G T</li>
 * <li>connectTimeoutMs: {@code --connect-timeout}, milliseconds (0 = the system's)</li>
 * </ul>
 *
 * @param host      server to connect to ({@code -c})
 * @param port      {@code -p}, server port (5201)
 * @param traffic   udp, length, parallel, reverse, bidir, udpCounters64bit, repeatingPayload
 * @param ending    time, bytes, blocks, omit
 * @param pacing    bitrate, burst, pacingTimerUs
 * @param sockets   bind, window, noDelay, connectTimeoutMs
 * @param reporting interval, json, getServerOutput, title, extraData, unitFormat
 */
public record ClientOptions(String host, int port, Traffic traffic, Ending ending, Pacing pacing, Sockets sockets,
                            Reporting reporting) {

    /** What is sent: protocol, block size, streams, direction, payload. */
    public record Traffic(boolean udp, int length, int parallel, boolean reverse, boolean bidir, boolean udpCounters64bit,
                          boolean repeatingPayload) {
    }

    /** When the test ends, and what it omits at the start. */
    public record Ending(int time, long bytes, long blocks, int omit) {
    }

    /** How fast it is sent. */
    public record Pacing(long bitrate, int burst, int pacingTimerUs) {
    }

    /** Socket options of the connections. */
    public record Sockets(String bind, int window, boolean noDelay, int connectTimeoutMs) {
    }

    /** What is reported, how often, and in which units. */
    public record Reporting(double interval, boolean json, boolean getServerOutput, String title, String extraData, char unitFormat) {
    }

    public ClientOptions {
        if (traffic == null || ending == null || pacing == null || sockets == null || reporting == null) {
            throw new IllegalArgumentException("every option group is needed");
        }
        boolean udp = traffic.udp();
        int length = traffic.length();
        int parallel = traffic.parallel();
        boolean reverse = traffic.reverse();
        boolean bidir = traffic.bidir();
        int time = ending.time();
        long bytes = ending.bytes();
        long blocks = ending.blocks();
        int omit = ending.omit();
        long bitrate = pacing.bitrate();
        int burst = pacing.burst();
        int pacingTimerUs = pacing.pacingTimerUs();
        int window = sockets.window();
        int connectTimeoutMs = sockets.connectTimeoutMs();
        double interval = reporting.interval();
        char unitFormat = reporting.unitFormat();
        if (host == null || host.isBlank()) {
            throw UserException.usage("missing server host (virtbench net client HOST)");
        }
        checkPort("-p", port);
        if (time < 0 || time > Iperf3.MAX_TIME) {
            throw UserException.usage("invalid value for -t: " + time + " (test duration too long (maximum = "
                    + Iperf3.MAX_TIME + " seconds))");
        }
        if (bytes < 0 || blocks < 0) {
            throw UserException.usage("invalid value for " + (bytes < 0 ? "-n" : "-k") + ": must not be negative");
        }
        if (bytes > 0 && blocks > 0) {
            throw UserException.usage("invalid value for -k: only one test end condition (-t, -n, -k) may be specified");
        }
        if (burst < 0 || burst > Iperf3.MAX_BURST) {
            throw UserException.usage("invalid value for -b: invalid burst count (maximum = " + Iperf3.MAX_BURST + ")");
        }
        if (bitrate < -1) {
            throw UserException.usage("invalid value for -b: must not be negative");
        }
        if (udp) {
            if (length != 0 && (length < Iperf3.MIN_UDP_BLOCKSIZE || length > Iperf3.MAX_UDP_BLOCKSIZE)) {
                throw UserException.usage("invalid value for -l: " + length + " (block size invalid (minimum = "
                        + Iperf3.MIN_UDP_BLOCKSIZE + " bytes, maximum = " + Iperf3.MAX_UDP_BLOCKSIZE + " bytes))");
            }
        } else if (length < 0 || length > Iperf3.MAX_BLOCKSIZE) {
            throw UserException.usage("invalid value for -l: " + length + " (block size too large (maximum = "
                    + Iperf3.MAX_BLOCKSIZE + " bytes))");
        }
        if (parallel < 1 || parallel > Iperf3.MAX_STREAMS) {
            throw UserException.usage("invalid value for -P: " + parallel + " (number of parallel streams must be 1.."
                    + Iperf3.MAX_STREAMS + ")");
        }
        if (reverse && bidir) {
            throw UserException.usage("invalid value for --bidir: cannot be both reverse and bidirectional (-R)");
        }
        Iperf3.checkInterval("-i", interval);
        if (omit < 0 || omit > Iperf3.MAX_OMIT) {
            throw UserException.usage("invalid value for -O: " + omit + " (bogus value for --omit; 0.." + Iperf3.MAX_OMIT + ")");
        }
        if (window < 0 || window > Iperf3.MAX_TCP_BUFFER) {
            throw UserException.usage("invalid value for -w: " + window + " (socket buffer size too large (maximum = "
                    + Iperf3.MAX_TCP_BUFFER + " bytes))");
        }
        if (pacingTimerUs < 1 || pacingTimerUs > 1_000_000) {
            throw UserException.usage("invalid value for --pacing-timer: " + pacingTimerUs + " (must be 1..1000000 µs)");
        }
        if (time == 0 && bytes == 0 && blocks == 0) {
            throw UserException.usage("invalid value for -t: 0 needs -n or -k (the test would never end)");
        }
        if (connectTimeoutMs < 0) {
            throw UserException.usage("invalid value for --connect-timeout: must not be negative");
        }
        Units.format("-f", String.valueOf(unitFormat));
    }

    static void checkPort(String option, int port) {
        if (port < 1 || port > 65535) {
            throw UserException.usage("invalid value for " + option + ": " + port + " (port number must be between 1 and 65535 inclusive)");
        }
    }


    /** iperf3's defaults for {@code iperf3 -c host}. */
    public static ClientOptions defaults(String host) {
        return builder(host).build();
    }

    /** With -n or -k given, the duration iperf3 sends is 0. */
    public int effectiveTime() {
        return bytes() != 0 || blocks() != 0 ? 0 : time();
    }

    /** The rate iperf3 resolves: -b, else 1048576 bit/s for UDP and unlimited for TCP. */
    public long effectiveRate() {
        return bitrate() >= 0 ? bitrate() : udp() ? Iperf3.DEFAULT_UDP_RATE : 0;
    }

    /** The parameters to send, with the UDP block size resolved from the control connection's MSS. */
    public TestSettings settings(int controlMss) {
        TestSettings s = new TestSettings();
        s.protocol = udp() ? TestSettings.Protocol.UDP : TestSettings.Protocol.TCP;
        s.omit = omit();
        s.duration = effectiveTime();
        s.bytes = bytes();
        s.blocks = blocks();
        s.noDelay = noDelay();
        s.parallel = parallel();
        s.reverse = reverse();
        s.bidirectional = bidir();
        s.window = window();
        if (length() != 0) {
            s.blksize = length();
        } else if (udp()) {
            s.blksize = controlMss > 0 ? controlMss : Iperf3.DEFAULT_UDP_BLKSIZE;
        } else {
            s.blksize = Iperf3.DEFAULT_TCP_BLKSIZE;
        }
        s.rate = effectiveRate();
        s.pacingTimer = pacingTimerUs();
        s.burst = burst();
        s.title = title();
        s.extraData = extraData();
        s.getServerOutput = getServerOutput();
        s.udpCounters64bit = udpCounters64bit();
        s.repeatingPayload = repeatingPayload();
        return s;
    }

    public ClientOptions withPort(int p) {
        return new ClientOptions(host, p, traffic, ending, pacing, sockets, reporting);
    }

    public ClientOptions withHost(String h) {
        return new ClientOptions(h, port, traffic, ending, pacing, sockets, reporting);
    }

    public ClientOptions withJson(boolean j) {
        Reporting r = reporting;
        return new ClientOptions(host, port, traffic, ending, pacing, sockets,
                new Reporting(r.interval(), j, r.getServerOutput(), r.title(), r.extraData(), r.unitFormat()));
    }

    public boolean udp() {
        return traffic.udp();
    }

    public int length() {
        return traffic.length();
    }

    public int parallel() {
        return traffic.parallel();
    }

    public boolean reverse() {
        return traffic.reverse();
    }

    public boolean bidir() {
        return traffic.bidir();
    }

    public boolean udpCounters64bit() {
        return traffic.udpCounters64bit();
    }

    public boolean repeatingPayload() {
        return traffic.repeatingPayload();
    }

    public int time() {
        return ending.time();
    }

    public long bytes() {
        return ending.bytes();
    }

    public long blocks() {
        return ending.blocks();
    }

    public int omit() {
        return ending.omit();
    }

    public long bitrate() {
        return pacing.bitrate();
    }

    public int burst() {
        return pacing.burst();
    }

    public int pacingTimerUs() {
        return pacing.pacingTimerUs();
    }

    public String bind() {
        return sockets.bind();
    }

    public int window() {
        return sockets.window();
    }

    public boolean noDelay() {
        return sockets.noDelay();
    }

    public int connectTimeoutMs() {
        return sockets.connectTimeoutMs();
    }

    public double interval() {
        return reporting.interval();
    }

    public boolean json() {
        return reporting.json();
    }

    public boolean getServerOutput() {
        return reporting.getServerOutput();
    }

    public String title() {
        return reporting.title();
    }

    public String extraData() {
        return reporting.extraData();
    }

    public char unitFormat() {
        return reporting.unitFormat();
    }

    /** Options from iperf3's defaults, set one by one. */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** Builds {@link ClientOptions}; unset options keep iperf3's defaults. */
    public static final class Builder {
        private final String host;
        private int port = Iperf3.DEFAULT_PORT;
        private String bind = null;
        private boolean udp = false;
        private int time = Iperf3.DEFAULT_DURATION;
        private long bytes = 0;
        private long blocks = 0;
        private long bitrate = -1;
        private int burst = 0;
        private int length = 0;
        private int parallel = 1;
        private boolean reverse = false;
        private boolean bidir = false;
        private double interval = 1.0;
        private int omit = 0;
        private boolean json = false;
        private boolean getServerOutput = false;
        private int window = 0;
        private boolean noDelay = false;
        private String title = null;
        private String extraData = null;
        private boolean udpCounters64bit = false;
        private boolean repeatingPayload = false;
        private int pacingTimerUs = Iperf3.DEFAULT_PACING_TIMER_US;
        private char unitFormat = 'a';
        private int connectTimeoutMs = 0;

        private Builder(String host) {
            this.host = host;
        }

        public Builder port(int v) {
            this.port = v;
            return this;
        }

        public Builder bind(String v) {
            this.bind = v;
            return this;
        }

        public Builder udp(boolean v) {
            this.udp = v;
            return this;
        }

        public Builder time(int v) {
            this.time = v;
            return this;
        }

        public Builder bytes(long v) {
            this.bytes = v;
            return this;
        }

        public Builder blocks(long v) {
            this.blocks = v;
            return this;
        }

        public Builder bitrate(long v) {
            this.bitrate = v;
            return this;
        }

        public Builder burst(int v) {
            this.burst = v;
            return this;
        }

        public Builder length(int v) {
            this.length = v;
            return this;
        }

        public Builder parallel(int v) {
            this.parallel = v;
            return this;
        }

        public Builder reverse(boolean v) {
            this.reverse = v;
            return this;
        }

        public Builder bidir(boolean v) {
            this.bidir = v;
            return this;
        }

        public Builder interval(double v) {
            this.interval = v;
            return this;
        }

        public Builder omit(int v) {
            this.omit = v;
            return this;
        }

        public Builder json(boolean v) {
            this.json = v;
            return this;
        }

        public Builder getServerOutput(boolean v) {
            this.getServerOutput = v;
            return this;
        }

        public Builder window(int v) {
            this.window = v;
            return this;
        }

        public Builder noDelay(boolean v) {
            this.noDelay = v;
            return this;
        }

        public Builder title(String v) {
            this.title = v;
            return this;
        }

        public Builder extraData(String v) {
            this.extraData = v;
            return this;
        }

        public Builder udpCounters64bit(boolean v) {
            this.udpCounters64bit = v;
            return this;
        }

        public Builder repeatingPayload(boolean v) {
            this.repeatingPayload = v;
            return this;
        }

        public Builder pacingTimerUs(int v) {
            this.pacingTimerUs = v;
            return this;
        }

        public Builder unitFormat(char v) {
            this.unitFormat = v;
            return this;
        }

        public Builder connectTimeoutMs(int v) {
            this.connectTimeoutMs = v;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(host, port, new Traffic(udp, length, parallel, reverse, bidir, udpCounters64bit, repeatingPayload), new Ending(time, bytes, blocks, omit), new Pacing(bitrate, burst, pacingTimerUs), new Sockets(bind, window, noDelay, connectTimeoutMs), new Reporting(interval, json, getServerOutput, title, extraData, unitFormat));
        }
    }
}
