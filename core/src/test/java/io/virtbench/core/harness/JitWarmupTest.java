package io.virtbench.core.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JitWarmupTest {

    /** Records the order of worker life-cycle steps and counts warm-up events. */
    private static final class Recording implements Workload {
        final List<String> steps = new CopyOnWriteArrayList<>();
        final AtomicLong warmEvents = new AtomicLong();
        final RuntimeException warmFailure;

        Recording(RuntimeException warmFailure) {
            this.warmFailure = warmFailure;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Worker createWorker(int threadIndex) {
            steps.add("measured-" + threadIndex);
            return counters -> counters.increment(Counter.READS);
        }

        @Override
        public Worker createWarmupWorker(int threadIndex) {
            steps.add("warm-" + threadIndex);
            return new Worker() {
                @Override
                public void event(Counters counters) {
                    if (warmFailure != null) {
                        throw warmFailure;
                    }
                    warmEvents.incrementAndGet();
                    counters.increment(Counter.READS);
                }

                @Override
                public void close() {
                    steps.add("warm-closed-" + threadIndex);
                }
            };
        }

        @Override
        public String warmupTouches() {
            return "nothing";
        }
    }

    @Test
    void warmupWorkersRunUntimedAndCloseBeforeTheMeasuredOnesExist() throws Exception {
        Recording w = new Recording(null);
        AtomicReference<JitWarmup.Summary> reported = new AtomicReference<>();
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(0).withEvents(500).withJitWarmup(true);
        Measurement m = Harness.run(w, s, new Harness.Listener() {
            @Override
            public void jitWarmedUp(JitWarmup.Summary summary) {
                assertNull(reported.getAndSet(summary), "reported once");
            }
        }, StopSignal.never());
        assertEquals(Measurement.Status.COMPLETE, m.status());
        assertEquals(500, m.events());
        assertEquals(500, m.total(Counter.READS), "the warm-up's counters are discarded");
        assertEquals(m.jitWarmup(), reported.get());
        assertEquals(w.warmEvents.get(), m.jitWarmup().events());
        assertTrue(m.jitWarmup().events() > 0);
        assertTrue(m.jitWarmup().seconds() >= JitWarmup.MIN_SECONDS && m.jitWarmup().seconds() < JitWarmup.MAX_SECONDS + 5,
                m.jitWarmup().toString());
        assertEquals("nothing", m.jitWarmup().touched());
        for (int t = 0; t < 2; t++) {
            int closed = w.steps.indexOf("warm-closed-" + t);
            assertTrue(w.steps.indexOf("warm-" + t) < closed && closed < w.steps.indexOf("measured-" + t),
                    "thread " + t + " warms up, closes, then creates its measured worker: " + w.steps);
        }
    }

    @Test
    void offMeansNoWarmupWorkerAndNoSummary() throws Exception {
        Recording w = new Recording(null);
        Measurement m = Harness.run(w, RunSettings.defaults().withTime(0).withEvents(10), Harness.SILENT,
                StopSignal.never());
        assertNull(m.jitWarmup());
        assertFalse(w.steps.stream().anyMatch(x -> x.startsWith("warm")), w.steps.toString());
    }

    @Test
    void aFailingWarmupIsOneLineBeforeAnythingIsMeasured() {
        Recording w = new Recording(new IllegalStateException("table is gone"));
        UserException e = assertThrows(UserException.class, () -> Harness.run(w,
                RunSettings.defaults().withThreads(2).withJitWarmup(true), Harness.SILENT, StopSignal.never()));
        assertEquals("JIT warm-up failed: table is gone", e.getMessage());
    }

    @Test
    void aStopDuringTheWarmupEndsTheRunWithoutMeasuring() throws Exception {
        StopSignal stop = new StopSignal();
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();
        try {
            // the stop request comes before the warm-up's minimum is over
            ex.schedule(stop::request, 100, TimeUnit.MILLISECONDS);
            Measurement m = Harness.run(new Recording(null), RunSettings.defaults().withTime(60).withJitWarmup(true),
                    Harness.SILENT, stop);
            assertEquals(Measurement.Status.INTERRUPTED, m.status());
            assertEquals(0, m.events());
            assertNotNull(m.jitWarmup());
            assertFalse(m.jitWarmup().quiet(), "a stopped warm-up does not claim quiet compilers");
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void aPlanRunsEachRoundOnceInOrderThenWaitsForTheCompilers() throws Exception {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<JitWarmup.Round> plan = List.of(() -> ran.add(1), () -> ran.add(2), () -> ran.add(3));
        JitWarmup.Summary s = JitWarmup.plan(plan, "a loopback server of its own", 5, () -> false);
        assertEquals(List.of(1, 2, 3), ran);
        assertEquals(3, s.events());
        assertTrue(s.seconds() < 5 + 2, "bounded by its maximum: " + s);
        assertTrue(s.line().startsWith("JIT warm-up: "), s.line());
        assertTrue(s.line().endsWith("(touched: a loopback server of its own)"), s.line());
        JitWarmup.Summary stopped = JitWarmup.plan(plan, "x", 5, () -> true);
        assertEquals(0, stopped.events(), "a stop request skips the rest of the plan");
        assertFalse(stopped.quiet());
    }

    @Test
    void burstsRepeatUntilOneCompilesNothingNewWithinTheirBound() throws Exception {
        AtomicLong bursts = new AtomicLong();
        JitWarmup.Summary s = JitWarmup.bursts(bursts::incrementAndGet, "a private server", 3, () -> false);
        assertEquals(bursts.get(), s.events());
        assertTrue(s.events() >= 1, s.toString());
        assertTrue(s.seconds() < 3 + 2, "bounded by its maximum: " + s);
        assertEquals(0, JitWarmup.bursts(bursts::incrementAndGet, "x", 3, () -> true).events(), "a stop ends it");
    }
}
