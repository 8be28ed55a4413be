package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void welchMatchesAnIndependentImplementation() {
        // reference values: scipy.stats.ttest_ind(a, b, equal_var=False)
        assertEquals(0.10753119493062728, Comparison.welch(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 6, 8, 10}), 1e-9);
        assertEquals(0.6306334336947468, Comparison.welch(new double[] {10, 11, 12, 13},
                new double[] {10.5, 11.5, 12.5, 13.5, 14.5, 9.5}), 1e-9);
        assertNull(Comparison.welch(new double[] {1}, new double[] {1, 2}), "one run has no variance");
        assertEquals(0.0, Comparison.welch(new double[] {3, 3, 3}, new double[] {4, 4}), "constant and different");
        assertEquals(1.0, Comparison.welch(new double[] {3, 3}, new double[] {3, 3, 3}), "constant and equal");
    }

    @Test
    void meansRatiosSignificanceAndScores() {
        List<RunResult> rs = new ArrayList<>();
        rs.addAll(Results.runs("metal", "cpu", null, "events_per_second", new double[] {500, 502, 498, 500}));
        rs.addAll(Results.runs("kvm", "cpu", null, "events_per_second", new double[] {450, 452, 448, 450}));
        rs.addAll(Results.runs("docker", "cpu", null, "events_per_second", new double[] {501, 497, 503, 499}));
        // a failed run never counts
        rs.add(Results.run("docker", "cpu", null, "events_per_second", 1).toBuilder().status(RunStatus.FAILED).build());
        Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        assertEquals(List.of("metal", "kvm", "docker"), r.platforms());
        FeatureResult cpu = r.feature("cpu");
        Row metal = cpu.row("metal");
        assertEquals(4, metal.n());
        assertEquals(500, metal.mean(), 1e-12);
        assertEquals(Math.sqrt(8.0 / 3), metal.stddev(), 1e-12);
        assertEquals(1.0, metal.ratio(), 1e-12);
        assertNull(metal.pValue());
        assertEquals(4, metal.score());
        Row kvm = cpu.row("kvm");
        assertEquals(0.9, kvm.ratio(), 1e-12);
        assertTrue(kvm.significant(), "10% slower with tiny noise");
        assertEquals(4, kvm.score(), "90% scores 4");
        Row docker = cpu.row("docker");
        assertEquals(4, docker.n(), "the failed run is left out");
        assertFalse(docker.significant(), "the same within the noise");
        assertNull(r.feature("file_read").row("metal"));
        assertEquals(4, r.total("kvm").low());
        assertEquals(1, r.total("kvm").lowFeatures());
        assertNull(r.total("kvm").high(), "no high-level result: '-'");
    }

    @Test
    void sweepsAverageTheLevelMeansAndShowEachLevel() {
        List<RunResult> rs = new ArrayList<>();
        // metal: level 10 has 3 runs, level 20 one, level 100 two -> mean of means, not of runs
        rs.addAll(Results.runs("metal", "oltp", "oltp_read_only", "transactions", new double[] {100, 110, 120}, "threads", 10));
        rs.addAll(Results.runs("metal", "oltp", "oltp_read_only", "transactions", new double[] {200}, "threads", 20));
        rs.addAll(Results.runs("metal", "oltp", "oltp_read_only", "transactions", new double[] {300, 320}, "threads", 100));
        rs.addAll(Results.runs("kvm", "oltp", "oltp_read_only", "transactions", new double[] {55, 55}, "threads", 10));
        rs.addAll(Results.runs("kvm", "oltp", "oltp_read_only", "transactions", new double[] {150, 170}, "threads", 100));
        // another script is another feature
        rs.addAll(Results.runs("metal", "oltp", "oltp_write_only", "transactions", new double[] {7, 9}, "threads", 10));
        Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        FeatureResult db = r.feature("db_read");
        assertEquals(List.of("10", "20", "100"), db.levelOrder(), "numeric order");
        Row metal = db.row("metal");
        assertEquals((110 + 200 + 310) / 3.0, metal.mean(), 1e-9);
        assertEquals(6, metal.n());
        Row kvm = db.row("kvm");
        assertEquals((55 + 160) / 2.0, kvm.mean(), 1e-9);
        assertEquals(kvm.mean() / metal.mean(), kvm.ratio(), 1e-12);
        assertEquals(10.0, kvm.stddev(), 1e-12, "pooled within levels: sqrt((0 + 200) / (1 + 1))");
        // Welch on runs scaled by metal's mean at their level (scipy.stats.ttest_ind, equal_var=False)
        assertEquals(2.9851703635792393e-07, kvm.pValue(), 1e-12);
        assertEquals(0.5, db.row("kvm", "10").ratio(), 1e-12);
        assertEquals(160 / 310.0, db.row("kvm", "100").ratio(), 1e-12);
        assertNull(db.row("kvm", "20"));
        assertEquals(8, r.feature("db_write").row("metal").mean(), 1e-12);
        assertEquals(List.of("10", "10", "20", "100", "100"), db.levels().stream().map(Row::level).toList());
    }

    @Test
    void resultsNoFeatureReadsAreCounted() {
        List<RunResult> rs = new ArrayList<>(Results.runs("metal", "cpu", null, "events_per_second", new double[] {1, 2}));
        rs.add(Results.run("metal", "net", "tcp", "bits_per_second", 5));
        Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        assertEquals(Map.of("net tcp", 1), r.unmatched());
    }

    @Test
    void platformLabelsAreNormalised() {
        List<RunResult> rs = new ArrayList<>(Results.runs("vm", "cpu", null, "events_per_second", new double[] {1, 2}));
        rs.addAll(Results.runs("metal", "cpu", null, "events_per_second", new double[] {2, 2}));
        Report r = Comparison.compare(rs, Scheme.study(), "METAL", 0.05);
        assertEquals(List.of("metal", "kvm"), r.platforms());
        assertEquals(0.75, r.feature("cpu").row("kvm").ratio(), 1e-12);
    }
}
