package io.virtbench.net.latency;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code virtbench net latency}'s options, with sockperf ping-pong's names and defaults.
 *
 * @param ip         the server ({@code -i})
 * @param port       its port ({@code -p}, sockperf's 11111)
 * @param tcp        TCP instead of UDP ({@code --tcp})
 * @param time       seconds measured ({@code -t}, sockperf's 1)
 * @param msgSize    bytes per message, header included ({@code -m}, at least 14)
 * @param mps        messages per second, 0 = as fast as the answers come ({@code --mps=max}, ping-pong's default)
 * @param fullRtt    report the round trip, not half of it ({@code --full-rtt})
 * @param warmupTime seconds of round trips before measuring, not counted (sockperf drops its first 400 ms)
 */
public record LatencyOptions(String ip, int port, boolean tcp, double time, int msgSize, double mps, boolean fullRtt,
                             double warmupTime) {
    public static final double DEFAULT_TIME = 1;
    public static final double DEFAULT_WARMUP_TIME = 0.4;

    public LatencyOptions {
        if (ip == null || ip.isBlank()) {
            throw UserException.usage("-i/--ip is required: the server's address");
        }
        if (port < 1 || port > 65535) {
            throw UserException.usage("invalid value for -p/--port: " + port + " (must be 1..65535)");
        }
        Limits.positiveSeconds("-t/--time", time);
        Limits.seconds("--warmup-time", warmupTime);
        Limits.rate("--mps", mps);
        int max = tcp ? Sockperf.MAX_TCP : Sockperf.MAX_UDP;
        if (msgSize < Sockperf.HEADER || msgSize > max) {
            throw UserException.usage("invalid value for -m/--msg-size: " + msgSize + " (must be " + Sockperf.HEADER + ".."
                    + max + " for " + (tcp ? "TCP" : "UDP") + ")");
        }
    }

    /** sockperf's {@code --mps} value: {@code max} or a positive number of messages per second. */
    public static double parseMps(String s) {
        if ("max".equalsIgnoreCase(s)) {
            return 0;
        }
        try {
            double v = Double.parseDouble(s);
            if (v > 0) {
                return Limits.rate("--mps", v);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw UserException.usage("invalid value for --mps: " + s + " (must be max or a number of messages per second above 0)");
    }

    public String protocol() {
        return tcp ? "tcp" : "udp";
    }

    /** The equivalent sockperf command line. */
    public List<String> sockperfCommand() {
        List<String> c = new ArrayList<>(List.of("sockperf", "ping-pong", "-i", ip, "-p", Integer.toString(port)));
        if (tcp) {
            c.add("--tcp");
        }
        c.addAll(List.of("-t", number(time), "-m", Integer.toString(msgSize), "--mps=" + (mps == 0 ? "max" : number(mps))));
        if (fullRtt) {
            c.add("--full-rtt");
        }
        return c;
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
