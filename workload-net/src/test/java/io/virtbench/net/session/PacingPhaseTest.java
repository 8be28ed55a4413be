package io.virtbench.net.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pacing timer ticks in phase with the test's start, as iperf3's send timer created at TEST_START. */
class PacingPhaseTest {
    private static final long MS = 1_000_000L;

    @Test
    void firstTickIsTheNextWholePeriodAfterTheAnchor() {
        long anchor = 5_000_000_000L;
        assertEquals(MS, StreamIo.firstTickDelay(anchor, anchor, MS), "started at the anchor: one period");
        assertEquals(MS + 300_000, StreamIo.firstTickDelay(anchor - 300_000, anchor, MS), "started before the anchor");
        assertEquals(700_000, StreamIo.firstTickDelay(anchor + 2 * MS + 300_000, anchor, MS), "started 2.3 periods late");
        assertEquals(MS, StreamIo.firstTickDelay(anchor + 7 * MS, anchor, MS), "started on a tick: the next one");
    }

    @Test
    void aDatagramDueWhenTheTestEndsIsNotSent() {
        // iperf3's defaults on the loopback: 1048576 bit/s, 32 KiB datagrams (0.25 s each), 8 s.
        // The datagram due at exactly 8 s must meet the end timer's deadline first, so ticks fall
        // just after whole periods from the start, never just before.
        long start = 0;
        long anchor = start + StreamIo.PACING_AFTER_START_NS;
        long running = start + 1_234_567; // TEST_RUNNING, when the pacing timer is scheduled
        long tickAfter = running + StreamIo.firstTickDelay(running, anchor, MS) + 7_998 * MS; // the 8000th tick
        assertTrue(tickAfter > start + 8_000 * MS && tickAfter - start - 8_000 * MS < MS, "tick " + tickAfter);
    }
}
