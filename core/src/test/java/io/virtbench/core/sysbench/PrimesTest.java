package io.virtbench.core.sysbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrimesTest {

    /** sb_cpu.c's event as written there: every divisor from 2, compared with the square root as a double. */
    private static long sysbench(long maxPrime) {
        long n = 0;
        for (long c = 3; c < maxPrime; c++) {
            double t = Math.sqrt((double) c);
            long l;
            for (l = 2; l <= t; l++) {
                if (c % l == 0) {
                    break;
                }
            }
            if (l > t) {
                n++;
            }
        }
        return n;
    }

    @Test
    void countsWhatSysbenchsLoopCounts() {
        for (long max = 0; max <= 3000; max++) {
            assertEquals(sysbench(max), Primes.count(max), "cpu-max-prime " + max);
        }
        assertEquals(1228, Primes.count(10_000), "sysbench's default: 1228 primes below 10000");
        assertEquals(sysbench(100_003), Primes.count(100_003));
    }
}
