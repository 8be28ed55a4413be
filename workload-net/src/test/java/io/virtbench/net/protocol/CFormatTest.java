package io.virtbench.net.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CFormatTest {
    @Test
    void fixedPointRoundsTheExactBinaryValueHalfEvenAsGlibc() {
        assertEquals("0.12", CFormat.f(0.125, 2)); // exact tie: even digit; Java's %.2f says 0.13
        assertEquals("0.38", CFormat.f(0.375, 2));
        assertEquals("1.00", CFormat.f(1.005, 2)); // 1.005 is stored as 1.00499999999999989...
        assertEquals("2.00", CFormat.f(1.999, 2));
        assertEquals("-0.00", CFormat.f(-0.001, 2));
    }

    @Test
    void fastFixedPointAgreesWithTheExactExpansion() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            int p = rnd.nextInt(7);
            double v = switch (i % 4) {
                case 0 -> rnd.nextDouble(-1e6, 1e6);
                case 1 -> rnd.nextInt(-100_000, 100_000) / 1000.0 + 0.0005; // near decimal ties
                case 2 -> rnd.nextLong(0, 1L << 40) / Math.pow(10, rnd.nextInt(12));
                default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(-8, 12));
            };
            String f = CFormat.fFast(v, p);
            if (f != null) {
                fast++;
                assertEquals(CFormat.fExact(v, p), f, v + " %." + p + "f");
            }
        }
        assertEquals("-0.00", CFormat.fFast(-0.001, 2));
        assertEquals("-0.0", CFormat.fFast(-0.0, 1));
        assertEquals("3", CFormat.fFast(2.6, 0));
        assertEquals(null, CFormat.fFast(0.125, 2), "a tie goes the exact way");
        assertTrue(fast > 100_000, "the fast path takes most values: " + fast);
    }

    @Test
    void generalFormatStripsZerosAndSwitchesToExponent() {
        assertEquals("0", CFormat.g(0, 2));
        assertEquals("0.5", CFormat.g(0.5, 2));
        assertEquals("12", CFormat.g(12.345, 2));
        assertEquals("1e+02", CFormat.g(100, 2));
        assertEquals("0.0012", CFormat.g(0.00123, 2));
        assertEquals("1.2e-05", CFormat.g(0.0000123, 2));
        assertEquals("33", CFormat.g(33.3333, 2));
        assertEquals("27506657309.3803", CFormat.g(27506657309.380283, 15));
    }

    @Test
    void iperf3RowLayouts() {
        assertEquals("[  5]   0.00-1.00   sec  1.10 GBytes   944 Mbits/sec                  sender\n",
                CFormat.sprintf("[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec                  %s\n", 5, "", 0.0, 1.0, "1.10 GByte", " 944 Mbit", "sender"));
        assertEquals("[ 23]  10.00-11.00  sec  0.008 ms  0/906 (0%)  \n",
                CFormat.sprintf("[%3d] %6.2f-%-6.2f sec  %5.3f ms  %d/%d (%.2g%%)  %s\n", 23, 10.0, 11.0, 0.008, 0, 906, 0.0, ""));
        assertEquals("[SUM]   0.00-2.00   sec  %", CFormat.sprintf("[SUM]%s %6.2f-%-6.2f sec  %%", "", 0.0, 2.0));
        assertEquals("[  7][RX-C]   1.00", CFormat.sprintf("[%3d]%s %6.2f", 7, "[RX-C]", 1.0));
        assertEquals("  3|007|-5  |", CFormat.sprintf("%3u|%03d|%-4d|", 3, 7, -5));
    }
}
