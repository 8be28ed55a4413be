package io.virtbench.net;

import io.virtbench.core.UserException;

/**
 * Options of {@code virtbench net client HOST}, named and defaulted as iperf3's client options
 * (iperf_api.c {@code iperf_parse_arguments}) and checked with iperf3's limits; a wrong value is
 * a usage error naming the option.
 *
 * @param host             server to connect to ({@code -c})
 * @param port             {@code -p}, server port (5201)
 * @param bind             {@code -B}, local address to bind to, or null
 * @param udp              {@code -u}
 * @param time             {@code -t}, seconds (10; 0 with -n/-k)
 * @param bytes            {@code -n}, bytes to transmit instead of -t (0 = unused)
 * @param blocks           {@code -k}, blocks to transmit instead of -t (0 = unused)
 * @param bitrate          {@code -b}, bit/s; -1 = default (UDP 1048576, TCP unlimited); 0 = unlimited
 * @param burst            {@code -b rate/N}: datagrams or blocks per send opportunity (0 = none)
 * @param length           {@code -l}, bytes per block or datagram; 0 = default (TCP 128 KiB, UDP the MSS)
 * @param parallel         {@code -P}, streams (1)
 * @param reverse          {@code -R}, the server sends
 * @param bidir            {@code --bidir}, both directions
 * @param interval         {@code -i}, seconds between reports (1; 0 = none)
 * @param omit             {@code -O}, seconds to omit at the start (0)
 * @param json             {@code -J}
 * @param getServerOutput  {@code --get-server-output}
 * @param window           {@code -w}, socket buffer bytes (0 = system default)
 * @param noDelay          {@code -N}, TCP_NODELAY on data streams
 * @param title            {@code -T}, prefix of every output line's JSON title, or null
 * @param extraData        {@code --extra-data}, or null
 * @param udpCounters64bit {@code --udp-counters-64bit}
 * @param repeatingPayload {@code --repeating-payload}
 * @param pacingTimerUs    {@code --pacing-timer}, microseconds (1000)
 * @param unitFormat       {@code -f}: a (adaptive bits, default), k m g t, K M G T
 * @param connectTimeoutMs {@code --connect-timeout}, milliseconds (0 = the system's)
 */
public record ClientOptions(String host, int port, String bind, boolean udp, int time, long bytes, long blocks, long bitrate,
                            int burst, int length, int parallel, boolean reverse, boolean bidir, double interval, int omit,
                            boolean json, boolean getServerOutput, int window, boolean noDelay, String title,
                            String extraData, boolean udpCounters64bit, boolean repeatingPayload, int pacingTimerUs,
                            char unitFormat, int connectTimeoutMs) {

    public ClientOptions {
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
        checkInterval("-i", interval);
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

    static void checkInterval(String option, double interval) {
        if (Double.isNaN(interval) || (interval != 0 && (interval < Iperf3.MIN_INTERVAL || interval > Iperf3.MAX_INTERVAL))) {
            throw UserException.usage("invalid value for " + option + ": " + interval + " (invalid report interval (min = 0.1, max = 60 seconds))");
        }
    }

    /** iperf3's defaults for {@code iperf3 -c host}. */
    public static ClientOptions defaults(String host) {
        return new ClientOptions(host, Iperf3.DEFAULT_PORT, null, false, Iperf3.DEFAULT_DURATION, 0, 0, -1, 0, 0, 1, false,
                false, 1.0, 0, false, false, 0, false, null, null, false, false, Iperf3.DEFAULT_PACING_TIMER_US, 'a', 0);
    }

    /** With -n or -k given, the duration iperf3 sends is 0. */
    int effectiveTime() {
        return bytes != 0 || blocks != 0 ? 0 : time;
    }

    /** The rate iperf3 resolves: -b, else 1048576 bit/s for UDP and unlimited for TCP. */
    long effectiveRate() {
        return bitrate >= 0 ? bitrate : udp ? Iperf3.DEFAULT_UDP_RATE : 0;
    }

    /** The parameters to send, with the UDP block size resolved from the control connection's MSS. */
    TestSettings settings(int controlMss) {
        TestSettings s = new TestSettings();
        s.protocol = udp ? TestSettings.Protocol.UDP : TestSettings.Protocol.TCP;
        s.omit = omit;
        s.duration = effectiveTime();
        s.bytes = bytes;
        s.blocks = blocks;
        s.noDelay = noDelay;
        s.parallel = parallel;
        s.reverse = reverse;
        s.bidirectional = bidir;
        s.window = window;
        if (length != 0) {
            s.blksize = length;
        } else if (udp) {
            s.blksize = controlMss > 0 ? controlMss : Iperf3.DEFAULT_UDP_BLKSIZE;
        } else {
            s.blksize = Iperf3.DEFAULT_TCP_BLKSIZE;
        }
        s.rate = effectiveRate();
        s.pacingTimer = pacingTimerUs;
        s.burst = burst;
        s.title = title;
        s.extraData = extraData;
        s.getServerOutput = getServerOutput;
        s.udpCounters64bit = udpCounters64bit;
        s.repeatingPayload = repeatingPayload;
        return s;
    }

    public ClientOptions withPort(int p) {
        return new ClientOptions(host, p, bind, udp, time, bytes, blocks, bitrate, burst, length, parallel, reverse, bidir,
                interval, omit, json, getServerOutput, window, noDelay, title, extraData, udpCounters64bit, repeatingPayload,
                pacingTimerUs, unitFormat, connectTimeoutMs);
    }

    public ClientOptions withHost(String h) {
        return new ClientOptions(h, port, bind, udp, time, bytes, blocks, bitrate, burst, length, parallel, reverse, bidir,
                interval, omit, json, getServerOutput, window, noDelay, title, extraData, udpCounters64bit, repeatingPayload,
                pacingTimerUs, unitFormat, connectTimeoutMs);
    }

    public ClientOptions withJson(boolean j) {
        return new ClientOptions(host, port, bind, udp, time, bytes, blocks, bitrate, burst, length, parallel, reverse, bidir,
                interval, omit, j, getServerOutput, window, noDelay, title, extraData, udpCounters64bit, repeatingPayload,
                pacingTimerUs, unitFormat, connectTimeoutMs);
    }
}
