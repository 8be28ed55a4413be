package io.virtbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.virtbench.core.UserException;
import io.virtbench.core.sysbench.Primes;
import org.junit.jupiter.api.Test;

class CpuWorkloadTest {

    /** sysbench's loop exactly as written in src/tests/cpu/sb_cpu.c, without the parity peel. */
    static long sysbenchLoop(long maxPrime) {
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
    void countsThe1228PrimesBelow10000() {
        assertEquals(1228, Primes.count(10000));
    }

    @Test
    void matchesSysbenchsLoopForEveryLimit() {
        for (long max = 1; max <= 3000; max++) {
            assertEquals(sysbenchLoop(max), Primes.count(max), "cpu-max-prime " + max);
        }
        assertEquals(sysbenchLoop(100_000), Primes.count(100_000));
    }

    @Test
    void refusesANonPositiveLimitNamingTheOption() {
        UserException e = assertThrows(UserException.class, () -> new CpuOptions(0));
        assertEquals(UserException.USAGE, e.exitCode());
        assertEquals(true, e.getMessage().contains("--cpu-max-prime"));
    }
}
