package io.virtbench.net.session;

import io.virtbench.core.clock.MonotonicClock;

/**
 * iperf3's time: microseconds of the monotonic clock (3.12 uses CLOCK_MONOTONIC, which is what
 * {@link MonotonicClock#nanos()} reads on Linux), and its conversions to seconds. The test's own
 * times (start, intervals, end) come from core's meter ({@link IperfSession#meter}); what reads
 * the clock here are the stamps the protocol itself carries or compares: a UDP datagram's send
 * stamp and its arrival, whose difference is iperf3's jitter.
 */
public final class IperfTime {
    private IperfTime() {
    }

    /** A UDP datagram's stamp (sent, or arrived) in microseconds. */
    static long stampUs() {
        return MonotonicClock.nanos() / 1000;
    }

    /** iperf_time_in_secs of a difference in microseconds: whole seconds plus microseconds / 1e6. */
    public static double secs(long us) {
        return (us / 1_000_000) + (us % 1_000_000) / 1000000.0;
    }

    /** An interval length as iperf3 keeps it: in a C float. */
    public static double floatSecs(long us) {
        return (double) (float) secs(us);
    }
}
