package io.virtbench.cpu;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.sysbench.Primes;

/**
 * sysbench 1.0.20's cpu test: one event tests every candidate c from 3 to max_prime − 1 for
 * primality by trial division with 64-bit integers, dividing by l = 2, 3, … while l ≤ sqrt(c)
 * (compared as doubles), and counts the primes. Threads share nothing.
 *
 * <p>The trial division by 2 is a parity test: Debian's sysbench binary (gcc -O2) peels that
 * first iteration into a bit test, so the native tool does no division for even candidates, and
 * this loop does the same work. Every other trial is a real 64-bit remainder, as in C. The prime
 * count of every event is checked against the first one, which also keeps the JIT from
 * discarding the loop.
 */
public final class CpuWorkload implements Workload {
    private final CpuOptions options;
    private long expectedPrimes;

    public CpuWorkload(CpuOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void init(RunSettings settings) {
        expectedPrimes = Primes.count(options.maxPrime());
    }

    @Override
    public Worker createWorker(int threadIndex) {
        return new PrimeWorker(options.maxPrime(), expectedPrimes);
    }

    @Override
    public String warmupTouches() {
        return "nothing outside the JVM (the prime loop)";
    }

    private static final class PrimeWorker implements Worker {
        private final long maxPrime;
        private final long expected;

        PrimeWorker(long maxPrime, long expected) {
            this.maxPrime = maxPrime;
            this.expected = expected;
        }

        @Override
        public void event(Counters counters) {
            long n = Primes.count(maxPrime);
            if (n != expected) {
                throw new IllegalStateException("prime count " + n + " differs from " + expected + ": the CPU computed a wrong result");
            }
        }
    }
}
