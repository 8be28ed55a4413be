package io.virtbench.net.latency;

import io.virtbench.core.result.RunResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The figures of a ping-pong run, named the same whether virtbench measured them or they were
 * read from sockperf's output, and sockperf's summary layout to print them in. As sockperf, the
 * latency is half the round trip unless {@code --full-rtt} (then the names start with
 * {@code rtt_}); all in microseconds.
 */
public final class LatencyMetrics {
    public static final String WORKLOAD = "net-latency";
    public static final String ROUND_TRIPS_PER_SECOND = "round_trips_per_second";
    /** sockperf's percentiles, highest first, as its summary lists them. */
    static final double[] PERCENTILES = {99.999, 99.99, 99.9, 99, 90, 75, 50, 25};

    /** A run's figures in microseconds; {@code percentiles} matches {@link #PERCENTILES}. */
    public record Figures(double seconds, long sent, long received, double avgUs, double stdDevUs, double minUs,
                          double maxUs, double[] percentilesUs, long outOfOrder) {
        public double roundTripsPerSecond() {
            return seconds > 0 ? received / seconds : 0;
        }
    }

    private LatencyMetrics() {
    }

    public static String prefix(boolean fullRtt) {
        return fullRtt ? "rtt" : "latency";
    }

    public static String p50(boolean fullRtt) {
        return prefix(fullRtt) + "_p50_us";
    }

    /** Adds the metrics: round trips per second, then avg, p50, p90, p99, p99.9 and max. */
    static void addTo(RunResult.Builder b, Figures f, boolean fullRtt) {
        String p = prefix(fullRtt);
        b.higher(ROUND_TRIPS_PER_SECOND, f.roundTripsPerSecond(), "round trips/s");
        b.lower(p + "_avg_us", f.avgUs(), "us");
        b.lower(p + "_p50_us", at(f, 50), "us");
        b.lower(p + "_p90_us", at(f, 90), "us");
        b.lower(p + "_p99_us", at(f, 99), "us");
        b.lower(p + "_p99_9_us", at(f, 99.9), "us");
        b.lower(p + "_max_us", f.maxUs(), "us");
        b.info("messages_received", f.received(), "messages");
    }

    private static double at(Figures f, double percentile) {
        for (int i = 0; i < PERCENTILES.length; i++) {
            if (PERCENTILES[i] == percentile) {
                return f.percentilesUs()[i];
            }
        }
        throw new IllegalArgumentException("no percentile " + percentile);
    }

    /** sockperf's client summary ({@code src/client.cpp}), each line prefixed with {@code tool: }. */
    static void print(PrintStream out, String tool, Figures f, boolean fullRtt) {
        String what = fullRtt ? "rtt" : "latency";
        out.printf(Locale.ROOT, "%s: [Valid Duration] RunTime=%.3f sec; SentMessages=%d; ReceivedMessages=%d%n", tool,
                f.seconds(), f.sent(), f.received());
        out.printf(Locale.ROOT, "%s: ====> avg-%s=%.3f (std-dev=%.3f)%n", tool, what, f.avgUs(), f.stdDevUs());
        out.printf(Locale.ROOT, "%s: # dropped messages = %d; # duplicated messages = 0; # out-of-order messages = %d%n",
                tool, f.sent() - f.received(), f.outOfOrder());
        out.printf(Locale.ROOT, "%s: Summary: %s is %.3f usec%n", tool, fullRtt ? "Round trip" : "Latency", f.avgUs());
        out.printf(Locale.ROOT, "%s: Total %d observations; each percentile contains %.2f observations%n", tool,
                f.received(), f.received() / 100.0);
        out.printf(Locale.ROOT, "%s: ---> <MAX> observation = %8.3f%n", tool, f.maxUs());
        for (int i = 0; i < PERCENTILES.length; i++) {
            out.printf(Locale.ROOT, "%s: ---> percentile %6.3f = %8.3f%n", tool, PERCENTILES[i], f.percentilesUs()[i]);
        }
        out.printf(Locale.ROOT, "%s: ---> <MIN> observation = %8.3f%n", tool, f.minUs());
        out.printf(Locale.ROOT, "%s: Summary: Round trips per second: %.1f%n", tool, f.roundTripsPerSecond());
    }
}
