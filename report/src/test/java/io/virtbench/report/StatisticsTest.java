package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.host.HostProbe;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics beside the study's: spread, intervals, outliers, the permutation test, effect size, host facts. */
class StatisticsTest {
    @TempDir
    Path tmp;

    private static List<RunResult> paperBoot() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return NativeImport.installed(quiet, quiet).run(List.of(PaperLogs.dir().resolve("boot")), null, null).results();
    }

    @Test
    void oneSlowKvmBootIsFlaggedAndTheScoreWithoutItIsShown() {
        Report kept = Comparison.compare(paperBoot(), Scheme.study(), "metal", 0.05);
        Row kvm = kept.feature("boot").row("kvm");
        assertEquals(10, kvm.n());
        assertEquals(1, kvm.outliers(), "the 42 s boot lies outside Tukey's fences");
        assertEquals(1, kvm.score(), "the study's score, outlier kept");
        assertEquals(2, kvm.otherScore(), "without it KVM boots in under 30 % of metal's time");
        assertTrue(kvm.median() < kvm.mean(), "the median is not pulled up by the slow boot");
        Report dropped = Comparison.compare(paperBoot(), Scheme.study(), "metal", 0.05, new Comparison.Options(true));
        Row kvm2 = dropped.feature("boot").row("kvm");
        assertEquals(9, kvm2.n());
        assertEquals(2, kvm2.score());
        assertEquals(1, kvm2.otherScore());
        assertEquals(kept.feature("boot").row("metal").mean(), dropped.feature("boot").row("metal").mean(), 1e-12,
                "metal has no outlier: unchanged");
    }

    @Test
    void tukeyFencesAndQuantiles() {
        assertArrayEquals(new boolean[] {false, false, false, false, true}, Stats.outliers(new double[] {10, 11, 12, 13, 40}));
        assertArrayEquals(new boolean[] {false, false, false}, Stats.outliers(new double[] {1, 2, 300}), "too few to fence");
        assertEquals(2.5, Stats.quantile(new double[] {4, 1, 3, 2}, 0.5), 1e-12);
        assertEquals(1.75, Stats.quantile(new double[] {1, 2, 3, 4}, 0.25), 1e-12, "R type 7 / NumPy linear");
    }

    @Test
    void theConfidenceIntervalIsStudentsT() {
        double[] v = {498, 500, 502, 499, 501};
        Summary s = Summary.of(java.util.Map.of("-", v), false);
        double half = 2.7764451051977987 * Math.sqrt(2.5) / Math.sqrt(5); // t(0.975, 4), sd = sqrt(2.5)
        assertEquals(500 - half, s.ciLow(), 1e-9);
        assertEquals(500 + half, s.ciHigh(), 1e-9);
    }

    @Test
    void thePermutationTestIsSeededAndMatchesTheExactTest() {
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {11, 12, 13, 14, 15};
        double p = Stats.permutation(a, b);
        assertEquals(p, Stats.permutation(a, b), "the same p on every run");
        // exactly: 2 of the C(10,5) = 252 labellings are as extreme, p = 0.0079
        assertTrue(p > 0.004 && p < 0.014, "p = " + p);
        assertEquals(1.0, Stats.permutation(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertNull(Stats.permutation(new double[] {1}, b));
        // the observed split itself is counted: never 0
        assertTrue(Stats.permutation(new double[] {1, 1.1, 0.9, 1, 1}, new double[] {100, 101, 99, 100, 100}) >= 1.0 / 10_000);
    }

    @Test
    void hedgesGWithItsInterval() {
        Stats.Effect e = Stats.hedges(new double[] {1, 2, 3, 4, 5}, new double[] {2, 3, 4, 5, 6});
        double d = -1 / Math.sqrt(2.5);
        double g = (1 - 3.0 / 31) * d;
        assertEquals(g, e.g(), 1e-12);
        double se = Math.sqrt(10 / 25.0 + g * g / 20);
        assertEquals(g - 1.959964 * se, e.low(), 1e-9);
        assertEquals(g + 1.959964 * se, e.high(), 1e-9);
        assertNull(Stats.hedges(new double[] {1, 1}, new double[] {1, 1}));
    }

    @Test
    void hostFactsOfEveryPlatformAreShownWithTheDetectedPlatform() {
        List<RunResult> rs = new ArrayList<>();
        for (RunResult r : Results.runs("metal", "cpu", null, "events_per_second", new double[] {500, 501})) {
            rs.add(r.withHost(HostProbe.probe("metal")));
        }
        rs.addAll(Results.runs("kvm", "cpu", null, "events_per_second", new double[] {400, 401}));
        for (RunResult r : rs) {
            ResultFiles.write(tmp, r);
        }
        Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        HostFacts metal = r.hosts().get(0);
        assertEquals("metal", metal.platform());
        assertEquals(2, metal.results());
        assertEquals(Runtime.getRuntime().availableProcessors(), metal.cpuCores());
        assertTrue(metal.describe().contains(metal.cpuCores() + " cores"), metal.describe());
        assertTrue(metal.describe().contains("; detected: " + metal.detectedPlatform()), metal.describe());
        assertTrue(r.hosts().get(1).unknown());
        for (PlatformReport.Format f : List.of(PlatformReport.Format.TEXT, PlatformReport.Format.CSV, PlatformReport.Format.JSON,
                PlatformReport.Format.HTML)) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            PlatformReport.run(new PlatformReport.Options(List.of(tmp), "metal", null, f, null, 0.05),
                    new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), "t");
            String out = o.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains(metal.cpuCores() + " cores") || out.contains("\"cpuCores\" : " + metal.cpuCores()),
                    f + ": " + out);
            assertTrue(out.contains("detected") || out.contains("detectedPlatform"), f.toString());
        }
    }
}
