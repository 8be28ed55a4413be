package io.virtbench.net.session;

/**
 * One stream's figures for one reporting interval (iperf.h {@code struct iperf_interval_results}).
 * Times are microseconds of the monotonic clock; {@code duration} is stored as iperf3 stores it,
 * in a C float, which shows in its JSON ("seconds": 1.0001200437545776).
 */
public final class IntervalResult {
    public long bytesTransferred;
    public long startUs;
    public long endUs;
    /** The stream's start when the interval closed (the end of -O moves it): what its report counts from. */
    public long streamStartUs;
    /**
     * The stream's first interval: its report prints the header. iperf3 compares the interval's
     * start with the stream's start, equal only for the first interval (after -O the stream's start
     * is the reset, which comes after the close of the last omitted interval; virtbench closes
     * intervals late at their boundaries, where the two can be equal).
     */
    public boolean first;
    public double duration;
    public boolean omitted;
    // UDP
    public long packetCount;
    public long intervalPacketCount;
    public long intervalOutoforder;
    public long intervalCntError;
    public long cntError;
    public long outoforder;
    public double jitter;
    // TCP_INFO (sender with retransmit counters)
    public long intervalRetrans;
    public long sndCwnd;
    public long sndWnd = -1;
    public long rtt;
    public long rttvar;
    public long pmtu;
}
