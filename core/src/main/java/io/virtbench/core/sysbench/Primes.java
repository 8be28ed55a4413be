package io.virtbench.core.sysbench;

/**
 * One event of sysbench 1.0.20's cpu test (sb_cpu.c): count the primes among 3 .. maxPrime − 1
 * by trial division up to the square root (1228 for 10000). It lives in core because two
 * workloads run it: {@code virtbench cpu} and the HTTP target's {@code /cpu?n=N} route; a
 * workload module may depend on core only, so this is where one kernel can serve both.
 *
 * <p>Debian's sysbench binary (gcc -O2) turns the first trial, division by 2, into a parity test;
 * so does this loop, so that both do the same work per event. Every other trial is a real 64-bit
 * remainder. Nothing is allocated.
 *
 * <p>sysbench compares each divisor with the square root as a double ({@code l <= t}); for an
 * integer l that is the same test as {@code l <= floor(t)}, so the loop compares with that integer
 * and tries exactly the same divisors. Compared as a double, the loop was not a counted loop to
 * C2, which kept a divide-by-zero and an overflow test around every remainder (gcc's unsigned
 * division has neither); see docs/faithfulness.md.
 */
public final class Primes {
    private Primes() {
    }

    public static long count(long maxPrime) {
        long n = 0;
        for (long c = 3; c < maxPrime; c++) {
            long limit = (long) Math.sqrt((double) c);
            long l = 2;
            if (l <= limit && (c & 1) != 0) {
                for (l = 3; l <= limit; l++) {
                    if (c % l == 0) {
                        break;
                    }
                }
            }
            if (l > limit) {
                n++;
            }
        }
        return n;
    }
}
