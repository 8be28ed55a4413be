package io.virtbench.net.session;

import io.netty.channel.Channel;
import io.virtbench.core.harness.stream.StreamCounter;

/**
 * One data stream of a test and its counters (iperf.h {@code struct iperf_stream} and
 * {@code struct iperf_stream_result}). All fields are touched only on the test's event loop.
 */
public final class IperfStream {
    final int id;
    public final boolean sender;
    /** The number shown as {@code [ ID]} and "socket": the socket's file descriptor when known. */
    public final int socket;
    final Channel channel;
    public String localHost;
    public int localPort;
    public String remoteHost;
    public int remotePort;

    // UDP sequence/jitter state (iperf_stream)
    public long packetCount;
    public long peerPacketCount;
    public long omittedPacketCount;
    public long cntError;
    public long omittedCntError;
    public long outoforderPackets;
    public long omittedOutoforderPackets;
    public double jitter;
    double prevTransit;

    // iperf_stream_result
    /**
     * What this stream moved in its own direction (sent, or received), counted on core's meter
     * ({@link IperfSession#meter}), which also keeps the stream's start and interval times.
     */
    public final StreamCounter counter = new StreamCounter();
    /** The peer's count of this stream's bytes, from the results exchange. */
    long peerBytes;
    /** The latest interval: iperf3 keeps a list, but only ever reads its last element. */
    private IntervalResult lastInterval;
    /** How many intervals were taken. */
    int intervalCount;
    public long streamRetrans;
    long streamPrevTotalRetrans;
    public long maxSndCwnd;
    long maxSndWnd;
    public long maxRtt;
    public long minRtt;
    public long sumRtt;
    public long countRtt;
    public double senderTime;
    public double receiverTime;

    /** Bytes sent in the measured phase: this side's count for a sending stream, else the peer's. */
    public long sentBytes() {
        return sender ? counter.measuredBytes() : peerBytes;
    }

    /** Bytes received in the measured phase: this side's count for a receiving stream, else the peer's. */
    public long receivedBytes() {
        return sender ? peerBytes : counter.measuredBytes();
    }

    /** A UDP receiving stream's reading thread, when it has one: its records are counted before an interval closes. */
    UdpReceiver receiver;

    /** Counts what this stream's reading thread has read and the loop not yet counted. */
    void drainReceived() {
        if (receiver != null) {
            receiver.drain(true);
        }
    }

    /** Sender pacing: may this stream send now (iperf3's green light). */
    boolean greenLight = true;

    public IperfStream(int id, boolean sender, int socket, Channel channel) {
        this.id = id;
        this.sender = sender;
        this.socket = socket;
        this.channel = channel;
    }

    public IntervalResult lastInterval() {
        return lastInterval;
    }

    void addInterval(IntervalResult r) {
        lastInterval = r;
        intervalCount++;
    }

    /**
     * iperf_udp_recv's bookkeeping for one datagram received while the test runs: loss and
     * out-of-order from the sequence number, RFC 1889 jitter from the transit times (seconds,
     * absolute difference of the receiver's clock and the sender's timestamp).
     *
     * @param size       bytes received
     * @param pcount     the datagram's sequence number
     * @param sentUs     the sender's timestamp, microseconds
     * @param arrivalUs  this side's clock, microseconds
     */
    public void udpReceived(int size, long pcount, long sentUs, long arrivalUs) {
        boolean first = counter.measuredBytes() == 0;
        counter.add(size);
        if (pcount >= packetCount + 1) {
            if (pcount > packetCount + 1) {
                cntError += (pcount - 1) - packetCount;
            }
            packetCount = pcount;
        } else {
            outoforderPackets++;
            if (cntError > 0) {
                cntError--;
            }
        }
        double transit = IperfTime.secs(Math.abs(arrivalUs - sentUs));
        if (first) {
            prevTransit = transit;
        }
        double d = transit - prevTransit;
        if (d < 0) {
            d = -d;
        }
        prevTransit = transit;
        jitter += (d - jitter) / 16.0;
    }
}
