package io.virtbench.http.client;

import java.util.Arrays;

/**
 * ab's "Connection Times (ms)" table and "Percentage of the requests served" table, computed
 * from every request's timings as ab computes them (support/ab.c output_results), with one
 * correction: the median.
 *
 * <p>Per request: Connect = connected − started, Processing = done − connected, Waiting = first
 * response byte − request written, Total = done − started (µs, at least 0). Per row: min and
 * max exact; mean = the integer µs sum divided by the count with integer division (ab); the
 * standard deviation is the sample one (n − 1; 0 for a single request). ab divides by n − 1 too,
 * but takes the deviations from its truncated integer mean; virtbench uses the exact mean (the
 * difference is far below the printed 0.1 ms). Every figure is rounded to ms as ab rounds:
 * (µs + 500) / 1000 in integers; the deviation is divided by 1000 and printed with one decimal.
 *
 * <p>The median: ab averages elements [n/2] and [n/2 + 1] of the sorted values when n is odd
 * and takes element [n/2] when n is even — the parity test is inverted. virtbench prints the
 * true median (element [n/2] for odd n, the mean of [n/2 − 1] and [n/2] for even n) and keeps
 * ab's figure in {@link Row#abMedianUs} ({@code --ab-median} prints it instead).
 *
 * <p>Percentiles: element [n × p / 100] (integer division) of the requests sorted by Total
 * time, for p = 50, 66, 75, 80, 90, 95, 98, 99, and the largest for 100 — exactly ab's.
 */
public record ConnectionTimes(int count, Row connect, Row processing, Row waiting, Row total, long[] percentilesUs) {

    /** The percentages of ab's table; 100 is the longest request. */
    public static final int[] PERCENTS = {50, 66, 75, 80, 90, 95, 98, 99, 100};

    /**
     * One row of the table, in µs.
     *
     * @param minUs      smallest value
     * @param meanUs     integer sum / count (integer division), as ab
     * @param sdUs       sample standard deviation
     * @param medianUs   the true median (may end in .5)
     * @param abMedianUs the median as ab 2.3 computes it
     * @param maxUs      largest value
     */
    public record Row(long minUs, long meanUs, double sdUs, double medianUs, long abMedianUs, long maxUs) {
        public long minMs() {
            return roundMs(minUs);
        }

        public long meanMs() {
            return roundMs(meanUs);
        }

        public double sdMs() {
            return sdUs / 1000.0;
        }

        public long medianMs() {
            return roundMs(medianUs);
        }

        public long abMedianMs() {
            return roundMs(abMedianUs);
        }

        public long maxMs() {
            return roundMs(maxUs);
        }
    }

    /** ab's ap_round_ms: (µs + 500) / 1000 with integer division. */
    public static long roundMs(long us) {
        return (us + 500) / 1000;
    }

    /** The same rounding for a median that is the mean of two µs values. */
    public static long roundMs(double us) {
        return (long) Math.floor((us + 500) / 1000);
    }

    /**
     * The tables for the first {@code n} requests ({@code n} > 0).
     *
     * @param connectUs per-request connect time
     * @param totalUs   per-request total time
     * @param waitUs    per-request waiting time
     */
    public static ConnectionTimes of(int[] connectUs, int[] totalUs, int[] waitUs, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("no requests");
        }
        int[] c = Arrays.copyOf(connectUs, n);
        int[] t = Arrays.copyOf(totalUs, n);
        int[] w = Arrays.copyOf(waitUs, n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = t[i] - c[i];
        }
        Row connect = row(c);
        Row processing = row(p);
        Row waiting = row(w);
        Row total = row(t);
        // row() sorted t in place: the percentiles come from the requests sorted by total time
        long[] pct = new long[PERCENTS.length];
        for (int i = 0; i < PERCENTS.length; i++) {
            int idx = PERCENTS[i] >= 100 ? n - 1 : (int) ((long) n * PERCENTS[i] / 100);
            pct[i] = t[idx];
        }
        return new ConnectionTimes(n, connect, processing, waiting, total, pct);
    }

    /** Min, mean, sd, medians and max of {@code v}, which it sorts in place. */
    static Row row(int[] v) {
        int n = v.length;
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int x : v) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double exactMean = (double) sum / n;
        double ss = 0;
        for (int x : v) {
            double d = x - exactMean;
            ss += d * d;
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        Arrays.sort(v);
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + (double) v[n / 2]) / 2;
        long abMedian = n > 1 && n % 2 == 1 ? ((long) v[n / 2] + v[n / 2 + 1]) / 2 : v[n / 2];
        return new Row(min, sum / n, sd, median, abMedian, max);
    }

    /** The percentile row {@code percent} (one of {@link #PERCENTS}) in ms, rounded as ab. */
    public long percentileMs(int percent) {
        for (int i = 0; i < PERCENTS.length; i++) {
            if (PERCENTS[i] == percent) {
                return roundMs(percentilesUs[i]);
            }
        }
        throw new IllegalArgumentException("not one of ab's percentages: " + percent);
    }
}
