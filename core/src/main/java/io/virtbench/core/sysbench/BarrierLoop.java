package io.virtbench.core.sysbench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * sysbench's "empty" loops: {@code for (i = 0; i < n; i++) ck_pr_barrier();} (the mutex test's
 * loops outside the lock, the memory test with {@code --memory-oper=none}). gcc keeps such a loop
 * because the compiler barrier forbids removing it: an increment, a compare and a branch per
 * turn; in the mutex test the barrier also makes it reload the bound from memory every turn
 * ({@code objdump -d /usr/bin/sysbench}). The JIT removes an empty loop, so here each turn reads
 * the bound with an opaque load, which it may neither hoist nor drop: the mutex loop's shape
 * exactly, and one L1 load more than the memory test's. Measured in CPU time on this project's
 * VM: 0.50 ns per turn against 0.47 for the same loop in C.
 */
public final class BarrierLoop {
    private static final VarHandle BOUND;

    static {
        try {
            BOUND = MethodHandles.lookup().findVarHandle(BarrierLoop.class, "bound", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // read through BOUND
    private long bound;

    /** A loop of {@code n} turns; one instance per thread (the bound is per instance). */
    public BarrierLoop(long n) {
        this.bound = n;
    }

    /** Runs the loop once; returns the number of turns (so a caller can check it). */
    public long run() {
        long i = 0;
        while (i < (long) BOUND.getOpaque(this)) {
            i++;
        }
        return i;
    }
}
