package io.virtbench.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    @Test
    void aZeroOrNegativeWaitHasPassedAtOnce() {
        assertTrue(Deadline.inNanos(0).passed());
        assertTrue(Deadline.inMillis(-5).passed());
        assertEquals(0, Deadline.inMillis(-5).remainingMillis());
    }

    @Test
    void aLongWaitHasNotPassedAndCountsDownWithinItsLength() {
        Deadline d = Deadline.in(Duration.ofHours(1));
        assertFalse(d.passed());
        long left = d.remainingMillis();
        assertTrue(left > 0 && left <= 3_600_000L, "left " + left);
    }

    @Test
    void remainingMillisIsAtLeastOneUntilPassed() {
        // APIs such as Thread.join treat 0 as "forever": a deadline not yet passed never says 0
        Deadline d = Deadline.inNanos(Duration.ofHours(1).toNanos());
        assertTrue(d.remainingMillis() >= 1);
    }

    @Test
    void aStopwatchNeverRunsBackwards() {
        Stopwatch w = Stopwatch.start();
        long a = w.elapsedNanos();
        long b = w.elapsedNanos();
        assertTrue(a >= 0 && b >= a, a + " then " + b);
    }
}
