package io.virtbench.core.result;

import io.virtbench.core.stats.Histograms;
import io.virtbench.core.stats.SysbenchPercentile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency of one run, in milliseconds.
 *
 * @param count        events measured
 * @param minMs        smallest latency (0 when there were no events, as sysbench)
 * @param avgMs        mean latency; sysbench's integer-nanosecond mean
 * @param maxMs        largest latency
 * @param sumMs        sum of all latencies
 * @param percentile   the percentile the native tool reports (sysbench: {@code --percentile}, 95), 0 = none
 * @param percentileMs that percentile computed as the native tool computes it (sysbench: bucket value)
 * @param percentilesMs exact percentiles from the HdrHistogram, keyed "50", "90", "95", "99", "99.9", "100"
 * @param histogram    the HdrHistogram of nanosecond latencies (see {@link Histograms#encode}); null when
 *                     unknown (imported native results)
 */
public record LatencySummary(long count, double minMs, double avgMs, double maxMs, double sumMs,
                             int percentile, double percentileMs, Map<String, Double> percentilesMs,
                             String histogram) {

    private static final double[] REPORTED = {50, 90, 95, 99, 99.9, 100};

    /** From the harness's per-thread timers (exact min/avg/max/sum) and the merged histogram. */
    public static LatencySummary of(List<ThreadTotals> threads, Histogram ns, int percentile) {
        long events = 0;
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (ThreadTotals t : threads) {
            events += t.events();
            sum += t.sumNs();
            if (t.events() > 0) {
                min = Math.min(min, t.minNs());
            }
            max = Math.max(max, t.maxNs());
        }
        if (events == 0) {
            min = 0;
        }
        long avgNs = events == 0 ? 0 : sum / events;
        return new LatencySummary(events, min / 1e6, avgNs / 1e6, max / 1e6, sum / 1e6, percentile,
                percentile > 0 ? SysbenchPercentile.of(ns, percentile) : 0, exactPercentiles(ns),
                Histograms.encode(ns));
    }

    /** From a histogram alone (merged repetitions, an event-driven client): min/max/mean from the histogram. */
    public static LatencySummary ofHistogram(Histogram ns, int percentile) {
        long n = ns.getTotalCount();
        double sumMs = n == 0 ? 0 : ns.getMean() * n / 1e6;
        return new LatencySummary(n, n == 0 ? 0 : ns.getMinValue() / 1e6, n == 0 ? 0 : ns.getMean() / 1e6,
                n == 0 ? 0 : ns.getMaxValue() / 1e6, sumMs, percentile,
                percentile > 0 ? SysbenchPercentile.of(ns, percentile) : 0, exactPercentiles(ns),
                Histograms.encode(ns));
    }

    public static Map<String, Double> exactPercentiles(Histogram ns) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (double p : REPORTED) {
            String key = p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
            m.put(key, ns.getTotalCount() == 0 ? 0 : ns.getValueAtPercentile(p) / 1e6);
        }
        return m;
    }

    /** The decoded histogram, or null if this summary has none. */
    public Histogram decodeHistogram() {
        return histogram == null ? null : Histograms.decode(histogram);
    }
}
