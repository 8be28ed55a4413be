package io.virtbench.core.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * sysbench's percentile (src/sb_histogram.c): a log-scale histogram of 1024 buckets over
 * 0.001 ms .. 100 000 ms; the result is the representative value of the bucket where the running
 * count first reaches {@code floor(N*p/100 + 0.5)} — not an observed latency. A constant 1.000 ms
 * latency therefore reports 1.01.
 *
 * <p>virtbench keeps latencies in an HdrHistogram (nanoseconds, 3 significant digits) and maps it
 * onto sysbench's buckets when a percentile is printed, so the figure means the same as
 * sysbench's. A value within 0.1 % of a bucket edge may land in the neighbouring bucket (1.8 %
 * apart); exact percentiles are reported separately from the HdrHistogram.
 */
public final class SysbenchPercentile {
    public static final int BUCKETS = 1024;
    private static final double RANGE_MIN_MS = 0.001;
    private static final double RANGE_MAX_MS = 100_000;
    private static final double DEDUCT = Math.log(RANGE_MIN_MS);
    private static final double MULT = (BUCKETS - 1) / (Math.log(RANGE_MAX_MS) - DEDUCT);

    private SysbenchPercentile() {
    }

    /** The bucket index sysbench puts a latency of {@code ms} milliseconds into. */
    public static int bucket(double ms) {
        double b = Math.floor((Math.log(ms) - DEDUCT) * MULT + 0.5);
        if (!(b >= 0)) {
            return 0;
        }
        return b > BUCKETS - 1 ? BUCKETS - 1 : (int) b;
    }

    /** The value (ms) sysbench prints for bucket {@code i}. */
    public static double bucketValue(int i) {
        return Math.exp(i / MULT + DEDUCT);
    }

    /** sysbench's percentile {@code p} (1..100) of per-bucket counts. */
    public static double of(long[] bucketCounts, int p) {
        long n = 0;
        for (long c : bucketCounts) {
            n += c;
        }
        long target = (long) Math.floor(n * (double) p / 100 + 0.5);
        long running = 0;
        for (int i = 0; i < bucketCounts.length; i++) {
            running += bucketCounts[i];
            if (running >= target) {
                return bucketValue(i);
            }
        }
        return bucketValue(BUCKETS - 1);
    }

    /** sysbench's percentile {@code p} of an HdrHistogram of nanosecond latencies. */
    public static double of(Histogram nanos, int p) {
        return of(buckets(nanos), p);
    }

    /** sysbench's bucket counts for an HdrHistogram of nanosecond latencies. */
    public static long[] buckets(Histogram nanos) {
        long[] counts = new long[BUCKETS];
        if (nanos != null && nanos.getTotalCount() > 0) {
            for (HistogramIterationValue v : nanos.recordedValues()) {
                double ms = nanos.medianEquivalentValue(v.getValueIteratedTo()) / 1e6;
                counts[bucket(ms)] += v.getCountAtValueIteratedTo();
            }
        }
        return counts;
    }
}
