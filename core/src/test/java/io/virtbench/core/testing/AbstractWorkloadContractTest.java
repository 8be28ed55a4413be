package io.virtbench.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks every workload passes, whatever it measures: an event limit is exact across
 * threads, a time limit ends the run, a stop request ends it early with what was measured, and
 * the result it builds has metrics and reads back from its JSON file unchanged. A workload's test
 * extends this class and supplies the workload and its result conversion.
 */
public abstract class AbstractWorkloadContractTest {

    /** A fresh workload, ready to run (its data prepared if it needs any). */
    protected abstract Workload newWorkload() throws Exception;

    /** The workload's result for a measurement, as its benchmark builds it. */
    protected abstract RunResult toResult(Measurement m, RunSettings settings) throws Exception;

    /** Events for the event-limit check; small enough to run in well under a second. */
    protected long smallEventCount() {
        return 200;
    }

    /** False for a workload no native tool runs (micro): its results name no native command. */
    protected boolean hasNativeEquivalent() {
        return true;
    }

    @TempDir
    Path tmp;

    @Test
    void eventLimitIsExactAcrossThreads() throws Exception {
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(0).withEvents(smallEventCount());
        Measurement m = Harness.run(newWorkload(), s, Harness.SILENT, StopSignal.never());
        assertEquals(Measurement.Status.COMPLETE, m.status(), () -> "failure: " + m.failure());
        assertEquals(smallEventCount(), m.events());
        assertEquals(smallEventCount(), m.latencyNs().getTotalCount());
        assertEquals(smallEventCount(), m.threads().stream().mapToLong(t -> t.events()).sum());
    }

    @Test
    void timeLimitEndsTheRun() throws Exception {
        RunSettings s = RunSettings.defaults().withTime(0.3);
        long t0 = System.nanoTime();
        Measurement m = Harness.run(newWorkload(), s, Harness.SILENT, StopSignal.never());
        double wall = (System.nanoTime() - t0) / 1e9;
        assertEquals(Measurement.Status.COMPLETE, m.status(), () -> "failure: " + m.failure());
        assertTrue(m.events() > 0, "events happened");
        assertTrue(m.totalTimeSeconds() >= 0.3, "total time covers the limit: " + m.totalTimeSeconds());
        assertTrue(wall < 10, "ended near its limit, took " + wall + " s");
    }

    /**
     * A stop request ends the run early and keeps what was measured. The request comes when the
     * first event has ended (not after a fixed time, which a slow start on a loaded machine can
     * outlast), so that at least that event is measured.
     */
    @Test
    void stopRequestKeepsWhatWasMeasured() throws Exception {
        StopSignal stop = new StopSignal();
        Measurement m = Harness.run(new StopAfterFirstEvent(newWorkload(), stop), RunSettings.defaults().withTime(60),
                Harness.SILENT, stop);
        assertEquals(Measurement.Status.INTERRUPTED, m.status());
        assertTrue(m.events() > 0, "events measured before the stop are kept");
        assertTrue(m.totalTimeSeconds() < 30, "stopped early: " + m.totalTimeSeconds());
    }

    /** A workload whose workers request the stop once their first event has ended. */
    private record StopAfterFirstEvent(Workload inner, StopSignal stop) implements Workload {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void init(RunSettings settings) throws Exception {
            inner.init(settings);
        }

        @Override
        public Worker createWorker(int threadIndex) throws Exception {
            Worker w = inner.createWorker(threadIndex);
            return new Worker() {
                @Override
                public void event(Counters counters) throws Exception {
                    w.event(counters);
                    stop.request();
                }

                @Override
                public boolean next() {
                    return w.next();
                }

                @Override
                public void finish(Counters counters) throws Exception {
                    w.finish(counters);
                }

                @Override
                public void close() throws Exception {
                    w.close();
                }
            };
        }

        @Override
        public void done() throws Exception {
            inner.done();
        }
    }

    /**
     * The JIT warm-up runs before the measured start and counts nothing: the event limit is still
     * exact, the warm-up's events are its own, and the result carries what it did and touched.
     */
    @Test
    void jitWarmupIsUntimedAndReported() throws Exception {
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(0).withEvents(smallEventCount()).withJitWarmup(true);
        Measurement m = Harness.run(newWorkload(), s, Harness.SILENT, StopSignal.never());
        assertEquals(Measurement.Status.COMPLETE, m.status(), () -> "failure: " + m.failure());
        assertEquals(smallEventCount(), m.events(), "warm-up events are not counted");
        assertEquals(smallEventCount(), m.latencyNs().getTotalCount(), "nor timed");
        assertNotNull(m.jitWarmup(), "the warm-up is reported");
        assertTrue(m.jitWarmup().events() > 0, "the warm-up ran events: " + m.jitWarmup());
        assertTrue(m.jitWarmup().seconds() >= JitWarmup.MIN_SECONDS, "at least the minimum: " + m.jitWarmup());
        assertFalse(m.jitWarmup().touched().isBlank(), "says what it touched");
        RunResult r = toResult(m, s);
        assertNotNull(r.details().get("jit_warmup"), "the result records the warm-up: " + r.details());
    }

    @Test
    void resultHasMetricsAndReadsBackFromItsFile() throws Exception {
        RunSettings s = RunSettings.defaults().withTime(0).withEvents(smallEventCount());
        Measurement m = Harness.run(newWorkload(), s, Harness.SILENT, StopSignal.never());
        RunResult r = toResult(m, s);
        assertFalse(r.metrics().isEmpty(), "has metrics");
        assertNotNull(r.workload());
        if (hasNativeEquivalent()) {
            assertNotNull(r.nativeCommand(), "names the equivalent native command");
        } else {
            assertNull(r.nativeCommand(), "names no native command it does not have");
        }
        Path file = ResultFiles.write(tmp, r);
        assertTrue(Files.exists(file));
        RunResult back = ResultFiles.read(file);
        assertEquals(r, back);
    }
}
