package io.virtbench.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SysbenchPercentileTest {

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    @Test
    void constantOneMillisecondReportsTheBucketValue() {
        Histogram h = Histograms.newNanosHistogram();
        for (int i = 0; i < 1000; i++) {
            h.recordValue(1_000_000);
        }
        // spec/sysbench.md §0.4: "a constant 1.000 ms latency reports 1.01"
        assertEquals("1.01", two(SysbenchPercentile.of(h, 95)));
    }

    @Test
    void noSamplesReportsBucketZero() {
        assertEquals("0.00", two(SysbenchPercentile.of(Histograms.newNanosHistogram(), 95)));
        assertEquals(0.001, SysbenchPercentile.bucketValue(0), 1e-12);
    }

    @Test
    void bucketsCoverTheRangeWithClamping() {
        assertEquals(0, SysbenchPercentile.bucket(0.0000001));
        assertEquals(0, SysbenchPercentile.bucket(0));
        assertEquals(1023, SysbenchPercentile.bucket(1e9));
        assertEquals(100_000, SysbenchPercentile.bucketValue(1023), 1e-6);
    }

    @Test
    void percentileTargetRoundsHalfUpAndPicksTheFirstBucketReachingIt() {
        long[] counts = new long[SysbenchPercentile.BUCKETS];
        int a = SysbenchPercentile.bucket(1.0);
        int b = SysbenchPercentile.bucket(5.0);
        counts[a] = 94;
        counts[b] = 6;
        // target = floor(100*95/100 + 0.5) = 95 → reached only in bucket b
        assertEquals(SysbenchPercentile.bucketValue(b), SysbenchPercentile.of(counts, 95), 1e-12);
        counts[a] = 95;
        counts[b] = 5;
        assertEquals(SysbenchPercentile.bucketValue(a), SysbenchPercentile.of(counts, 95), 1e-12);
    }

    @Test
    void hdrHistogramMapsOntoTheSameBucketsAsExactValues() {
        Histogram h = Histograms.newNanosHistogram();
        long[] exact = new long[SysbenchPercentile.BUCKETS];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 20000; i++) {
            long ns = 200_000 + r.nextLong(3_000_000);
            h.recordValue(ns);
            exact[SysbenchPercentile.bucket(ns / 1e6)]++;
        }
        for (int p : new int[] {50, 90, 95, 99}) {
            assertEquals(SysbenchPercentile.of(exact, p), SysbenchPercentile.of(h, p), 0.02 * SysbenchPercentile.of(exact, p),
                    "p" + p + " within one bucket");
        }
    }
}
