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
}
