package io.virtbench.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.virtbench.core.stats.Histograms;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RepeatSummaryTest {

    @Test
    void meanStddevMedianAndConfidenceInterval() {
        MetricSummary s = RepeatSummary.summarise("x", "u", Direction.HIGHER_IS_BETTER, new double[] {5, 1, 4, 2, 3});
        assertEquals(5, s.n());
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), s.stddev(), 1e-12); // sample standard deviation
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(1.0, s.min());
        assertEquals(5.0, s.max());
        double half = 2.7764451051977987 * Math.sqrt(2.5) / Math.sqrt(5); // t(0.975, 4)
        assertEquals(3 - half, s.ci95Low(), 1e-9);
        assertEquals(3 + half, s.ci95High(), 1e-9);
    }

    @Test
    void evenCountMedianAveragesTheMiddlePair() {
        assertEquals(2.5, RepeatSummary.summarise("x", "u", Direction.NONE, new double[] {4, 1, 3, 2}).median(), 1e-12);
    }

    @Test
    void singleRunHasNoConfidenceInterval() {
        MetricSummary s = RepeatSummary.summarise("x", "u", Direction.NONE, new double[] {7});
        assertEquals(0, s.stddev());
        assertNull(s.ci95Low());
    }

    @Test
    void latencyHistogramsAreMergedNotAveraged() {
        List<RunResult> runs = new ArrayList<>();
        // run 1: 99 fast events; run 2: 1 slow event. The merged p99 is fast, the max is slow.
        for (long[] spec : new long[][] {{99, 1_000_000}, {1, 50_000_000}}) {
            Histogram h = Histograms.newNanosHistogram();
            h.recordValueWithCount(spec[1], spec[0]);
            runs.add(RunResult.builder("t").higher("m", 1, "u").latency(LatencySummary.ofHistogram(h, 95)).build());
        }
        RepeatSummary s = RepeatSummary.of(runs);
        assertEquals(100, s.latency().count());
        assertEquals(1.0, s.latency().percentilesMs().get("99"), 0.01);
        assertEquals(50.0, s.latency().maxMs(), 0.1);
    }
}
