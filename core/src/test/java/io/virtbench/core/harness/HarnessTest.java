package io.virtbench.core.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.result.ThreadTotals;
import io.virtbench.core.stats.Histograms;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.junit.jupiter.api.Test;

class HarnessTest {

    @Test
    void countersAndPerThreadTimersAddUp() throws Exception {
        RunSettings s = RunSettings.defaults().withThreads(3).withTime(0).withEvents(3000);
        Measurement m = Harness.run(new NoopWorkload(), s, Harness.SILENT, StopSignal.never());
        assertEquals(3000, m.events());
        assertEquals(3000, m.total(Counter.READS));
        assertEquals(30000, m.total(Counter.BYTES_READ));
        assertEquals(3, m.threads().size());
        long sum = m.threads().stream().mapToLong(ThreadTotals::sumNs).sum();
        assertTrue(sum > 0);
        for (ThreadTotals t : m.threads()) {
            if (t.events() > 0) {
                assertTrue(t.minNs() <= t.maxNs());
            }
        }
        assertNull(m.intendedLatencyNs());
    }

    @Test
    void aWorkerEndsItsOwnEventsWithNext() throws Exception {
        Workload w = new Workload() {
            @Override
            public String name() {
                return "three-each";
            }

            @Override
            public Worker createWorker(int threadIndex) {
                return new Worker() {
                    int left = 3;

                    @Override
                    public boolean next() {
                        return left-- > 0;
                    }

                    @Override
                    public void event(Counters counters) {
                        counters.increment(Counter.OTHER);
                    }
                };
            }
        };
        Measurement m = Harness.run(w, RunSettings.defaults().withThreads(2).withTime(30), Harness.SILENT,
                StopSignal.never());
        assertEquals(Measurement.Status.COMPLETE, m.status());
        assertEquals(6, m.events());
        assertEquals(6, m.total(Counter.OTHER));
        assertTrue(m.totalTimeSeconds() < 30, "ended by the workers, not the time limit");
        for (ThreadTotals t : m.threads()) {
            assertEquals(3, t.events());
        }
    }

    @Test
    void aFailingEventEndsTheRunAndKeepsTheFiguresSoFar() throws Exception {
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(30);
        Measurement m = Harness.run(new NoopWorkload(10_000, 50), s, Harness.SILENT, StopSignal.never());
        assertEquals(Measurement.Status.FAILED, m.status());
        assertTrue(m.failure().contains("failed on purpose"), m.failure());
        assertTrue(m.events() >= 49, "events before the failure are kept: " + m.events());
        assertTrue(m.totalTimeSeconds() < 10);
        assertEquals(1L, m.errors().get(IllegalStateException.class.getName()));
    }

    @Test
    void aWorkerThatCannotStartIsThrown() {
        Workload w = new Workload() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Worker createWorker(int threadIndex) {
                throw new UserException("cannot connect to the database");
            }
        };
        UserException e = assertThrows(UserException.class,
                () -> Harness.run(w, RunSettings.defaults().withThreads(4), Harness.SILENT, StopSignal.never()));
        assertEquals("cannot connect to the database", e.getMessage());
    }

    @Test
    void intervalsAreDeltasThatAddUpToTheTotal() throws Exception {
        List<IntervalSample> seen = new CopyOnWriteArrayList<>();
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(1.05).withReportInterval(0.2);
        Measurement m = Harness.run(new NoopWorkload(20_000, -1), s, new Harness.Listener() {
            @Override
            public void interval(IntervalSample sample) {
                seen.add(sample);
            }
        }, StopSignal.never());
        assertEquals(seen, m.intervals());
        // about 5 intervals; a loaded machine may skip ticks (as sysbench does) or add one at the end
        assertTrue(seen.size() >= 2 && seen.size() <= 7, "about 5 intervals: " + seen.size());
        long inIntervals = seen.stream().mapToLong(i -> i.delta(Counter.EVENTS)).sum();
        assertTrue(inIntervals <= m.events() && inIntervals > 0,
                inIntervals + " of " + m.events() + " events fall into the reported intervals");
        for (IntervalSample i : seen) {
            assertTrue(i.seconds() > 0.1 && i.seconds() < 1.05, "measured interval length " + i.seconds());
            assertTrue(i.percentileMs() > 0.01, "interval percentile " + i.percentileMs());
        }
        assertEquals(m.events(), m.latencyNs().getTotalCount(), "interval histograms fold into the total");
    }

    @Test
    void warmupEventsAreNotMeasured() throws Exception {
        AtomicInteger warmups = new AtomicInteger();
        RunSettings s = RunSettings.defaults().withTime(0.3).withWarmupTime(0.3);
        long t0 = System.nanoTime();
        Measurement m = Harness.run(new NoopWorkload(100_000, -1), s, new Harness.Listener() {
            @Override
            public void warmingUp(double seconds) {
                warmups.incrementAndGet();
            }
        }, StopSignal.never());
        double wall = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, warmups.get());
        assertTrue(wall >= 0.6, "warm-up plus measured time: " + wall);
        assertTrue(m.totalTimeSeconds() < wall - 0.25, "total time excludes the warm-up: " + m.totalTimeSeconds() + " of " + wall);
        // ~0.1 ms events for 0.3 s: at most about 3000 measured, not the ~6000 of both phases
        assertTrue(m.events() < 4000, "measured events " + m.events());
        assertEquals(m.events(), m.total(Counter.READS), "warm-up counters are kept apart");
    }

    @Test
    void eventLimitAppliesAfterTheWarmup() throws Exception {
        RunSettings s = RunSettings.defaults().withTime(0).withEvents(100).withWarmupTime(0.2);
        Measurement m = Harness.run(new NoopWorkload(), s, Harness.SILENT, StopSignal.never());
        assertEquals(100, m.events());
    }

    @Test
    void rateModePacesEventsAndRecordsIntendedLatency() throws Exception {
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(1).withRate(200);
        Measurement m = Harness.run(new NoopWorkload(), s, Harness.SILENT, StopSignal.never());
        // never much more than the rate allows; fewer only when a loaded machine starves the workers
        assertTrue(m.events() > 60 && m.events() < 300, "about 200 events in 1 s at --rate 200: " + m.events());
        assertNotNull(m.intendedLatencyNs());
        assertEquals(m.events(), m.intendedLatencyNs().getTotalCount());
        assertTrue(m.intendedLatencyNs().getMean() >= m.latencyNs().getMean(),
                "latency from the intended start is never shorter than the service time");
    }

    @Test
    void settingsRefuseBadValuesNamingTheOption() {
        UserException e = assertThrows(UserException.class, () -> RunSettings.defaults().withThreads(0));
        assertTrue(e.getMessage().contains("--threads"));
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(assertThrows(UserException.class, () -> RunSettings.defaults().withTime(-1)).getMessage().contains("--time"));
        assertTrue(assertThrows(UserException.class, () -> RunSettings.defaults().withEvents(-5)).getMessage().contains("--events"));
        assertTrue(assertThrows(UserException.class, () -> RunSettings.defaults().withRate(Double.NaN)).getMessage().contains("--rate"));
    }

    @Test
    void heapNeededGrowsWithThreadsRateAndIntervals() {
        RunSettings one = RunSettings.defaults();
        long base = Harness.heapNeeded(one);
        assertTrue(base >= Histograms.FULL_FOOTPRINT_BYTES, "at least one full histogram per worker");
        assertEquals(2000 * base, Harness.heapNeeded(one.withThreads(2000)));
        assertTrue(Harness.heapNeeded(one.withRate(100)) > base);
        assertTrue(Harness.heapNeeded(one.withReportInterval(1)) > base);
        // 10000 threads with --rate and intervals need gigabytes: refused in this test's heap unless it is that large
        RunSettings huge = one.withThreads(RunSettings.MAX_THREADS).withRate(100).withReportInterval(1);
        if (Harness.heapNeeded(huge) > Runtime.getRuntime().maxMemory()) {
            UserException e = assertThrows(UserException.class, () -> Harness.requireHeap(huge));
            assertEquals(UserException.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("10000 threads need up to "), e.getMessage());
            assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
        }
        Harness.requireHeap(one);
    }

    @Test
    void aWorkersHistogramHoldsOnlyTheRangeItRecorded() {
        SingleWriterRecorder r = Histograms.newNanosRecorder();
        r.recordValue(1_000_000);
        long oneMs = r.getIntervalHistogram().getEstimatedFootprintInBytes();
        assertTrue(oneMs < Histograms.FULL_FOOTPRINT_BYTES / 2, oneMs + " bytes for 1 ms events");
        r.recordValue(Histograms.HIGHEST_NS);
        Histogram all = Histograms.newNanosHistogram();
        all.add(r.getIntervalHistogram());
        assertEquals(1, all.getTotalCount(), "the longest latency still merges into the full-range histogram");
        assertEquals(Histograms.HIGHEST_NS, all.getMaxValue(), Histograms.HIGHEST_NS / 1000.0);
    }
}
