package io.virtbench.core.clock;

/**
 * The one place virtbench reads the monotonic clock (CLOCK_MONOTONIC through the vDSO on Linux).
 * Protocol timestamps that a wire format defines (iperf3's UDP send stamps) read it here too, so
 * every figure and every stamp share one time base.
 */
public final class MonotonicClock {
    private MonotonicClock() {
    }

    public static long nanos() {
        return System.nanoTime();
    }

    /**
     * A value that differs from run to run, for a random seed the user left to chance (sysbench's
     * {@code --rand-seed=0}). Not a measurement: workloads may call this where they may not read
     * {@link #nanos()}, and the architecture tests tell the two apart by name.
     */
    public static long seed() {
        return System.nanoTime();
    }
}
