package io.virtbench.net;

/**
 * One stream's figures for one reporting interval (iperf.h {@code struct iperf_interval_results}).
 * Times are microseconds of the monotonic clock; {@code duration} is stored as iperf3 stores it,
 * in a C float, which shows in its JSON ("seconds": 1.0001200437545776).
 */
final class IntervalResult {
    long bytesTransferred;
    long startUs;
    long endUs;
    /** The stream's start when the interval closed (the end of -O moves it): what its report counts from. */
    long streamStartUs;
    /**
     * The stream's first interval: its report prints the header. iperf3 compares the interval's
     * start with the stream's start, equal only for the first interval (after -O the stream's start
     * is the reset, which comes after the close of the last omitted interval; virtbench closes
     * intervals late at their boundaries, where the two can be equal).
     */
    boolean first;
    double duration;
    boolean omitted;
    // UDP
    long packetCount;
    long intervalPacketCount;
    long intervalOutoforder;
    long intervalCntError;
    long cntError;
    long outoforder;
    double jitter;
    // TCP_INFO (sender with retransmit counters)
    long intervalRetrans;
    long sndCwnd;
    long sndWnd = -1;
    long rtt;
    long rttvar;
    long pmtu;
}
