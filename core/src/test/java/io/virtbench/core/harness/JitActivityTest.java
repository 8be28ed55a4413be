package io.virtbench.core.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitActivityTest {
    /** Enough work for the JIT compiler to have something to compile. */
    private static long busy(int n) {
        long x = 0;
        for (int i = 0; i < n; i++) {
            x += Long.toString(i * 31L).hashCode();
        }
        return x;
    }

    @Test
    void workIsKnownOnHotSpotAndNeverShrinks() throws Exception {
        JitActivity jit = new JitActivity();
        long before = jit.work();
        assertTrue(before >= 0, "HotSpot's compiler threads (or its CompilationMXBean) are visible: " + before);
        busy(2_000_000);
        long after = jit.awaitQuiet(100_000_000L, System.nanoTime() + 5_000_000_000L, () -> false);
        assertTrue(after >= before, before + " -> " + after);
    }

    @Test
    void awaitQuietKeepsItsDeadlineAndItsStopSignal() throws Exception {
        JitActivity jit = new JitActivity();
        long t0 = System.nanoTime();
        // a quiet period far longer than the deadline: the deadline ends the wait
        assertTrue(jit.awaitQuiet(60_000_000_000L, t0 + 200_000_000L, () -> false) >= 0);
        long waited = System.nanoTime() - t0;
        assertTrue(waited >= 200_000_000L && waited < 30_000_000_000L, "waited " + waited / 1_000_000 + " ms");

        long t1 = System.nanoTime();
        int[] polls = {0};
        jit.awaitQuiet(60_000_000_000L, t1 + 60_000_000_000L, () -> ++polls[0] >= 3);
        assertTrue(System.nanoTime() - t1 < 30_000_000_000L, "the stop signal ends the wait");
        assertEquals(3, polls[0]);
    }
}
