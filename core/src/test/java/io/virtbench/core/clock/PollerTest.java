package io.virtbench.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollerTest {
    private static final long MS = 1_000_000L;

    @Test
    void theFirstProbeIsDueWhenTheJobStartedAndTheNextAPeriodLater() {
        Stopwatch job = Stopwatch.start();
        Poller p = Poller.every(20 * MS, job);
        p.awaitNext();
        assertEquals(job.startNanos(), p.dueNanos());
        p.awaitNext();
        assertEquals(job.startNanos() + 20 * MS, p.dueNanos());
        assertTrue(job.elapsedNanos() >= 20 * MS, "returned before the probe was due: " + job.elapsedNanos());
    }

    @Test
    void aProbeLongerThanThePeriodMovesTheScheduleInsteadOfBursting() throws InterruptedException {
        Stopwatch job = Stopwatch.start();
        Poller p = Poller.every(MS, job);
        p.awaitNext();
        Thread.sleep(30); // a probe that took 30 periods
        long before = job.elapsedNanos();
        p.awaitNext();
        // due now, not at start + 1 ms (which would be followed by 29 overdue probes)
        assertTrue(p.dueNanos() - job.startNanos() >= before, (p.dueNanos() - job.startNanos()) + " < " + before);
        p.awaitNext();
        assertTrue(p.dueNanos() - job.startNanos() >= before + MS, "the next probe is a period after the late one");
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() {
        Stopwatch job = Stopwatch.start();
        Poller p = Poller.every(Duration.ofHours(1).toNanos(), job);
        p.awaitNext();
        Thread.currentThread().interrupt();
        try {
            p.awaitNext();
            assertTrue(Thread.currentThread().isInterrupted());
            assertTrue(job.elapsedNanos() < Duration.ofHours(1).toNanos());
        } finally {
            Thread.interrupted();
        }
    }
}
