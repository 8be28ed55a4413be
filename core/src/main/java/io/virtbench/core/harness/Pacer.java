package io.virtbench.core.harness;

import java.util.SplittableRandom;

/**
 * Event arrivals for {@code --rate}: a Poisson process (exponential gaps with mean 1/rate), as
 * sysbench's event generator thread makes them. Workers claim arrivals in order and wait until
 * each one's time; arrivals that are due but not claimed are the queue.
 */
final class Pacer {
    private static final int CAPACITY = 1 << 17;
    private static final int MASK = CAPACITY - 1;

    private final double meanGapNs;
    private final SplittableRandom random = new SplittableRandom();
    private final long[] ring = new long[CAPACITY];
    private long head;
    private long tail;
    private double next;

    Pacer(double ratePerSecond, long startNanos) {
        this.meanGapNs = 1e9 / ratePerSecond;
        this.next = startNanos;
    }

    private void generate() {
        next += -Math.log(1.0 - random.nextDouble()) * meanGapNs;
        ring[(int) (tail & MASK)] = (long) next;
        tail++;
    }

    /** The intended start time of the next event. */
    synchronized long claim() {
        if (head == tail) {
            generate();
        }
        return ring[(int) (head++ & MASK)];
    }

    /** Arrivals due at {@code now} that no worker has claimed yet. */
    synchronized long queueLength(long now) {
        while (tail - head < CAPACITY && (tail == head || ring[(int) ((tail - 1) & MASK)] <= now)) {
            generate();
        }
        long n = 0;
        for (long i = head; i < tail && ring[(int) (i & MASK)] <= now; i++) {
            n++;
        }
        return n;
    }
}
