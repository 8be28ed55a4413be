package io.virtbench.core.sysbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XoroshiroTest {

    @Test
    void xoroshiro128PlusReferenceValues() {
        // from state {1, 2}: the output is s0 + s1, then s0 = rotl(s0, 55) ^ t ^ (t << 14), s1 = rotl(t, 36), t = s0 ^ s1
        Xoroshiro r = new Xoroshiro(1, 2);
        assertEquals(3L, r.next());
        long s0 = Long.rotateLeft(1L, 55) ^ 3L ^ (3L << 14);
        long s1 = Long.rotateLeft(3L, 36);
        assertEquals(s0 + s1, r.next());
        assertEquals(Double.longBitsToDouble(0x3FFL << 52 | 3L >>> 12) - 1.0, new Xoroshiro(1, 2).uniformDouble());
    }

    @Test
    void anAllZeroSeedStillGenerates() {
        assertEquals(1L, new Xoroshiro(0, 0).next());
    }

    @Test
    void uniformStaysInItsClosedRangeAndReachesBothEnds() {
        Xoroshiro r = new Xoroshiro(0x123456789abcdefL, 0xfedcba987654321L);
        boolean low = false;
        boolean high = false;
        for (int i = 0; i < 10_000; i++) {
            int v = r.uniform(0, 9);
            assertTrue(v >= 0 && v <= 9, "in range: " + v);
            low |= v == 0;
            high |= v == 9;
            double d = r.uniformDouble();
            assertTrue(d >= 0 && d < 1);
        }
        assertTrue(low && high);
        assertEquals(Integer.MAX_VALUE - 1, new Xoroshiro(5, 6).uniform(Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1));
    }

    @Test
    void theBarrierLoopRunsItsTurns() {
        assertEquals(0, new BarrierLoop(0).run());
        assertEquals(123_456, new BarrierLoop(123_456).run());
    }
}
