package io.virtbench.http;

/** The work of {@code /cpu?n=N}: one sysbench cpu event with {@code --cpu-max-prime=N}. */
final class Primes {
    private Primes() {
    }

    /**
     * Counts the primes among 3 .. n − 1 by trial division up to the square root, as sysbench
     * 1.0.20's cpu test does (1228 for 10000).
     */
    static long count(long n) {
        long primes = 0;
        for (long c = 3; c < n; c++) {
            double t = Math.sqrt((double) c);
            long l;
            for (l = 2; l <= t; l++) {
                if (c % l == 0) {
                    break;
                }
            }
            if (l > t) {
                primes++;
            }
        }
        return primes;
    }
}
