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

    @Test
    void aDeadlineAfterAStopwatchCountsFromItsStart() {
        Stopwatch job = Stopwatch.start();
        Deadline d = Deadline.after(job, 5_000);
        assertEquals(job.startNanos() + 5_000, d.atNanos());
        assertEquals(job.startNanos(), Deadline.after(job, -1).atNanos());
        assertEquals(d.atNanos() + 7, d.plusNanos(7).atNanos());
    }

    @Test
    void withinIsTheEarlierOfTheDeadlineAndTheSlice() {
        Deadline hour = Deadline.in(Duration.ofHours(1));
        Deadline slice = hour.within(Duration.ofMillis(10).toNanos());
        assertTrue(slice.atNanos() - hour.atNanos() < 0, "a short slice of a long wait ends first");
        Deadline passed = Deadline.inNanos(0);
        assertTrue(passed.within(Duration.ofHours(1).toNanos()) == passed, "a slice never outlasts the deadline");
        assertTrue(passed.within(Duration.ofHours(1).toNanos()).passed());
    }
}
