package io.virtbench.suite.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DensityTest {

    @Test
    void jainIsOneForEqualSharesAndOneOverNWhenOneGuestGetsAll() {
        assertEquals(1.0, Density.jain(List.of(5.0, 5.0, 5.0, 5.0)), 1e-12);
        assertEquals(0.25, Density.jain(List.of(8.0, 0.0, 0.0, 0.0)), 1e-12);
        // (1+2+3)^2 / (3 * (1+4+9)) = 36/42
        assertEquals(36.0 / 42.0, Density.jain(List.of(1.0, 2.0, 3.0)), 1e-12);
        assertTrue(Double.isNaN(Density.jain(List.of())));
        assertTrue(Double.isNaN(Density.jain(List.of(0.0, 0.0))));
    }

    @Test
    void minSumAndEachGuestOverTheSingleGuestsFigure() {
        Density d = Density.of("runc", 2, "cpu", "events_per_second", "events/s", true, List.of(300.0, 500.0), 1000.0);
        assertEquals(300.0, d.min());
        assertEquals(800.0, d.sum());
        assertEquals(List.of(0.3, 0.5), d.vsOne());
        assertEquals(64.0 / 68.0, d.jain(), 1e-12, "(3+5)^2 / (2 * (9+25))");
    }

    @Test
    void withoutASingleGuestRunThereIsNoRatio() {
        assertNull(Density.of("runc", 2, "cpu", "e", "e/s", true, List.of(1.0, 2.0), Double.NaN).vsOne());
        assertTrue(Double.isNaN(Density.one(Map.of(2, List.of(1.0, 2.0)))));
        assertEquals(7.0, Density.one(Map.of(1, List.of(7.0), 2, List.of(3.0, 4.0))));
    }

    @Test
    void theFigureOfAResultIsItsFirstScoredMetricThatIsNotZero() {
        io.virtbench.core.result.RunResult r = io.virtbench.core.result.RunResult.builder("fileio").repetition(1)
                .info("files", 2, "count").higher("reads_per_second", 0, "1/s").higher("writes_per_second", 90, "1/s")
                .build();
        assertEquals("writes_per_second", DensitySuite.primary(r).name());
        io.virtbench.core.result.RunResult zero = io.virtbench.core.result.RunResult.builder("fileio").repetition(1)
                .higher("reads_per_second", 0, "1/s").build();
        assertEquals("reads_per_second", DensitySuite.primary(zero).name());
    }

    @Test
    void aGuestsFigureIsTheMeanOfItsCompletedRunsOfASweepsFirstLevel() {
        java.util.function.BiFunction<Integer, Double, io.virtbench.core.result.RunResult> run = (threads, tps) ->
                io.virtbench.core.result.RunResult.builder("oltp").repetition(1).parameter("threads", threads)
                        .higher("transactions_per_second", tps, "1/s").build();
        io.virtbench.core.result.RunResult failed = io.virtbench.core.result.RunResult.builder("oltp").repetition(1)
                .parameter("threads", 2).status(io.virtbench.core.result.RunStatus.FAILED)
                .higher("transactions_per_second", 1000, "1/s").build();
        Map<String, io.virtbench.core.result.Metric> metrics = new java.util.HashMap<>();
        assertEquals(110.0, DensitySuite.figure(List.of(run.apply(2, 100.0), run.apply(2, 120.0), failed, run.apply(4, 500.0)),
                "oltp-read-only", metrics), 1e-9, "threads 2 only, the failed run left out");
        assertEquals("transactions_per_second", metrics.get("oltp-read-only").name());
        assertNull(DensitySuite.figure(List.of(failed), "oltp-read-only", metrics));
    }
}
