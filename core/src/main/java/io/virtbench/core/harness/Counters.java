package io.virtbench.core.harness;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's counters. Only the owning worker thread writes them; the interval reporter reads
 * them concurrently. Writes are opaque stores (a plain store on x86), so counting allocates
 * nothing and takes no lock.
 */
public final class Counters {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Leading and trailing padding so two threads' counters never share a cache line. */
    private static final int PAD = 8;

    private final long[] values = new long[Counter.all().length + 2 * PAD];

    /** Adds {@code delta} to counter {@code c}. Single writer: the owning thread only. */
    public void add(Counter c, long delta) {
        int i = PAD + c.ordinal();
        LONGS.setOpaque(values, i, (long) LONGS.getOpaque(values, i) + delta);
    }

    /** Adds one to counter {@code c}. Single writer: the owning thread only. */
    public void increment(Counter c) {
        add(c, 1);
    }

    /** Current value of counter {@code c}; safe from any thread. */
    public long get(Counter c) {
        return (long) LONGS.getOpaque(values, PAD + c.ordinal());
    }

    /** Adds every counter of this thread into {@code totals} (indexed by ordinal). */
    void addTo(long[] totals) {
        for (int i = 0; i < totals.length; i++) {
            totals[i] += (long) LONGS.getOpaque(values, PAD + i);
        }
    }
}
