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
