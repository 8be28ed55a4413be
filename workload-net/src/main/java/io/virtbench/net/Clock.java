package io.virtbench.net;

import io.virtbench.core.clock.MonotonicClock;

/**
 * iperf3's clock: microseconds of the monotonic clock (3.12 uses CLOCK_MONOTONIC, which is what
 * {@link MonotonicClock#nanos()} reads on Linux), and its conversions to seconds.
 */
final class Clock {
    private Clock() {
    }

    static long nowUs() {
        return MonotonicClock.nanos() / 1000;
    }

    /** iperf_time_in_secs of a difference in microseconds: whole seconds plus microseconds / 1e6. */
    static double secs(long us) {
        return (us / 1_000_000) + (us % 1_000_000) / 1000000.0;
    }

    /** An interval length as iperf3 keeps it: in a C float. */
    static double floatSecs(long us) {
        return (double) (float) secs(us);
    }
}
