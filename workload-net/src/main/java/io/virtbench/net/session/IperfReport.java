package io.virtbench.net.session;

import io.virtbench.net.protocol.CJson;
import io.virtbench.net.protocol.Mode;
import io.virtbench.net.protocol.Role;
import io.virtbench.net.report.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports of one iperf3 test: iperf_api.c's {@code iperf_print_intermediate},
 * {@code print_interval_results} and {@code iperf_print_results}, with the same formulas, the same
 * quirks (the summary times come from the first stream; sums divide jitter by the stream count)
 * and the same text and JSON layouts. The JSON document is always built (virtbench derives its
 * result from it, exactly as from a native iperf3's -J output); the text is printed unless -J.
 */
public final class IperfReport {

    // iperf_locale.c report layouts (spec A12)
    static final String REPORT_BW_HEADER = "[ ID] Interval           Transfer     Bitrate\n";
    static final String REPORT_BW_HEADER_BIDIR = "[ ID][Role] Interval           Transfer     Bitrate\n";
    static final String REPORT_BW_RETRANS_HEADER = "[ ID] Interval           Transfer     Bitrate         Retr\n";
    static final String REPORT_BW_RETRANS_HEADER_BIDIR = "[ ID][Role] Interval           Transfer     Bitrate         Retr\n";
    static final String REPORT_BW_RETRANS_CWND_HEADER = "[ ID] Interval           Transfer     Bitrate         Retr  Cwnd\n";
    static final String REPORT_BW_RETRANS_CWND_HEADER_BIDIR =
            "[ ID][Role] Interval           Transfer     Bitrate         Retr  Cwnd\n";
    static final String REPORT_BW_UDP_HEADER =
            "[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams\n";
    static final String REPORT_BW_UDP_HEADER_BIDIR =
            "[ ID][Role] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams\n";
    static final String REPORT_BW_UDP_SENDER_HEADER = "[ ID] Interval           Transfer     Bitrate         Total Datagrams\n";
    static final String REPORT_BW_FORMAT = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec                  %s\n";
    static final String REPORT_BW_RETRANS_FORMAT = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %3u             %s\n";
    static final String REPORT_BW_RETRANS_CWND_FORMAT = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %3u   %ss       %s\n";
    static final String REPORT_BW_UDP_FORMAT = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %5.3f ms  %d/%d (%.2g%%)  %s\n";
    static final String REPORT_BW_UDP_SENDER_FORMAT = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec %s %d  %s\n";
    static final String REPORT_SUM_BW_FORMAT = "[SUM]%s %6.2f-%-6.2f sec  %ss  %ss/sec                  %s\n";
    static final String REPORT_SUM_BW_RETRANS_FORMAT = "[SUM]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %3d             %s\n";
    static final String REPORT_SUM_BW_UDP_FORMAT = "[SUM]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %5.3f ms  %d/%d (%.2g%%)  %s\n";
    static final String REPORT_SUM_BW_UDP_SENDER_FORMAT = "[SUM]%s %6.2f-%-6.2f sec  %ss  %ss/sec %s %d  %s\n";
    static final String REPORT_BW_SEPARATOR = "- - - - - - - - - - - - - - - - - - - - - - - - -\n";
    static final String REPORT_SUM_OUTOFORDER = "[SUM]%s %4.1f-%4.1f sec  %d datagrams received out-of-order\n";
    public static final String REPORT_CONNECTED = "[%3d] local %s port %d connected to %s port %d\n";
    static final String REPORT_OMITTED = "(omitted)";

    private final IperfSession s;

    public IperfReport(IperfSession session) {
        this.s = session;
    }

    IntervalResult[] lastIntervals() {
        IntervalResult[] last = new IntervalResult[s.streams.size()];
        for (int i = 0; i < last.length; i++) {
            last[i] = s.streams.get(i).lastInterval();
        }
        return last;
    }

    private String roleTag(boolean sender) {
        return "[" + (sender ? "TX" : "RX") + "-" + (s.role == Role.CLIENT ? "C" : "S") + "]";
    }

    /**
     * iperf_time_diff: the absolute difference. The first interval after -O began before the
     * reset start time (at the last omitted interval's end: where -O ends between two stats ticks,
     * -O 1 -i 0.75, a quarter of a second before), and iperf3 prints its start as "0.25", not "-0.25".
     */
    private static double sinceStart(long startUs, long us) {
        return IperfTime.secs(Math.abs(us - startUs));
    }

    /**
     * iperf_print_intermediate. The JSON document is always built (virtbench derives its result
     * from it, exactly as from a native iperf3's -J output); the text is printed unless -J.
     */
    public void printIntermediate() {
        s.awaitReports();
        printIntermediate(lastIntervals(), s.omitting());
    }

    /** {@link #printIntermediate()} of the intervals {@code last} (one per stream, in order), taken when {@code omitting}. */
    public void printIntermediate(IntervalResult[] last, boolean omitting) {
        if (!intervalOk(last)) {
            return;
        }
        CJson.Obj jsonInterval = CJson.obj();
        s.jsonIntervals.add(jsonInterval);
        List<Object> jsonIntervalStreams = new ArrayList<>();
        jsonInterval.add("streams", jsonIntervalStreams);
        for (boolean mustBeSender : s.mode.sumOrder(s.role)) {
            long bytes = 0;
            long retransmits = 0;
            long totalPackets = 0;
            long lostPackets = 0;
            double avgJitter = 0;
            for (int i = 0; i < s.streams.size(); i++) {
                IperfStream sp = s.streams.get(i);
                if (sp.sender == mustBeSender) {
                    IntervalResult irp = last[i];
                    printIntervalResults(sp, irp, jsonIntervalStreams);
                    if (irp == null) {
                        return;
                    }
                    bytes += irp.bytesTransferred;
                    if (s.tcp()) {
                        if (s.senderHasRetransmits == 1) {
                            retransmits += irp.intervalRetrans;
                        }
                    } else {
                        totalPackets += irp.intervalPacketCount;
                        lostPackets += irp.intervalCntError;
                        avgJitter += irp.jitter;
                    }
                }
            }
            if (s.streams.isEmpty()) {
                continue;
            }
            printIntervalSum(jsonInterval, mustBeSender, last[0], bytes, retransmits, totalPackets, lostPackets, avgJitter,
                    omitting);
        }
    }

    /** Whether any stream's interval is long enough, or carried data, to be reported (iperf3 skips slivers). */
    private boolean intervalOk(IntervalResult[] last) {
        boolean intervalOk = false;
        for (IntervalResult irp : last) {
            if (irp != null) {
                double len = IperfTime.secs(irp.endUs - irp.startUs);
                if (len >= s.statsInterval * 0.10 || irp.bytesTransferred > 0) {
                    intervalOk = true;
                }
            }
        }
        return intervalOk;
    }

    /** The interval's sum over one group of streams; its times are those of the first stream's interval {@code irp}. */
    private void printIntervalSum(CJson.Obj jsonInterval, boolean mustBeSender, IntervalResult irp, long bytes, long retransmits,
            long totalPackets, long lostPackets, double avgJitter, boolean omitting) {
        String mbuf = s.mode == Mode.BIDIRECTIONAL ? roleTag(mustBeSender) : "";
        String zbuf = s.mode == Mode.BIDIRECTIONAL ? "          " : "";
        boolean textSum = !s.json && s.numStreams() > 1;
        String sumName = reverseSums(mustBeSender) ? "sum_bidir_reverse" : "sum";
        String ubuf = Units.unit(bytes, 'A');
        double bandwidth = bytes / irp.duration;
        String nbuf = Units.unit(bandwidth, s.unitFormat);
        double st = sinceStart(irp.streamStartUs, irp.startUs);
        double et = sinceStart(irp.streamStartUs, irp.endUs);
        if (s.tcp()) {
            if (s.senderHasRetransmits == 1 && mustBeSender) {
                jsonInterval.add(sumName, CJson.obj().add("start", st).add("end", et).add("seconds", irp.duration)
                        .add("bytes", bytes).add("bits_per_second", bandwidth * 8).add("retransmits", retransmits)
                        .add("omitted", irp.omitted).add("sender", mustBeSender));
                if (textSum) {
                    s.out.printf(REPORT_SUM_BW_RETRANS_FORMAT, mbuf, st, et, ubuf, nbuf, retransmits,
                            irp.omitted ? REPORT_OMITTED : "");
                }
            } else {
                jsonInterval.add(sumName, CJson.obj().add("start", st).add("end", et).add("seconds", irp.duration)
                        .add("bytes", bytes).add("bits_per_second", bandwidth * 8).add("omitted", omitting)
                        .add("sender", mustBeSender));
                if (textSum) {
                    s.out.printf(REPORT_SUM_BW_FORMAT, mbuf, st, et, ubuf, nbuf, omitting ? REPORT_OMITTED : "");
                }
            }
        } else if (mustBeSender) {
            jsonInterval.add(sumName, CJson.obj().add("start", st).add("end", et).add("seconds", irp.duration)
                    .add("bytes", bytes).add("bits_per_second", bandwidth * 8).add("packets", totalPackets)
                    .add("omitted", omitting).add("sender", mustBeSender));
            if (textSum) {
                s.out.printf(REPORT_SUM_BW_UDP_SENDER_FORMAT, mbuf, st, et, ubuf, nbuf, zbuf, totalPackets,
                        omitting ? REPORT_OMITTED : "");
            }
        } else {
            avgJitter /= s.numStreams();
            double lostPercent = totalPackets > 0 ? 100.0 * lostPackets / totalPackets : 0.0;
            jsonInterval.add(sumName, CJson.obj().add("start", st).add("end", et).add("seconds", irp.duration)
                    .add("bytes", bytes).add("bits_per_second", bandwidth * 8).add("jitter_ms", avgJitter * 1000.0)
                    .add("lost_packets", lostPackets).add("packets", totalPackets).add("lost_percent", lostPercent)
                    .add("omitted", omitting).add("sender", mustBeSender));
            if (textSum) {
                s.out.printf(REPORT_SUM_BW_UDP_FORMAT, mbuf, st, et, ubuf, nbuf, avgJitter * 1000.0, lostPackets,
                        totalPackets, lostPercent, omitting ? REPORT_OMITTED : "");
            }
        }
    }

    /** print_interval_results for one stream. */
    private void printIntervalResults(IperfStream sp, IntervalResult irp, List<Object> jsonIntervalStreams) {
        boolean text = !s.json;
        String mbuf = s.mode == Mode.BIDIRECTIONAL ? roleTag(sp.sender) : "";
        String zbuf = s.mode == Mode.BIDIRECTIONAL ? "          " : "";
        if (irp == null) {
            return;
        }
        if (text && sp == s.streams.get(0)) {
            if (irp.first) {
                if (s.tcp()) {
                    if (s.senderHasRetransmits == 1) {
                        s.out.print(s.settings.bidirectional ? REPORT_BW_RETRANS_CWND_HEADER_BIDIR : REPORT_BW_RETRANS_CWND_HEADER);
                    } else {
                        s.out.print(s.settings.bidirectional ? REPORT_BW_HEADER_BIDIR : REPORT_BW_HEADER);
                    }
                } else if (s.mode == Mode.SENDER) {
                    s.out.print(REPORT_BW_UDP_SENDER_HEADER);
                } else if (s.mode == Mode.RECEIVER) {
                    s.out.print(REPORT_BW_UDP_HEADER);
                } else {
                    s.out.print(REPORT_BW_UDP_HEADER_BIDIR);
                }
            } else if (s.numStreams() > 1) {
                s.out.print(REPORT_BW_SEPARATOR);
            }
        }
        String ubuf = Units.unit(irp.bytesTransferred, 'A');
        double bandwidth = irp.duration > 0.0 ? irp.bytesTransferred / irp.duration : 0.0;
        String nbuf = Units.unit(bandwidth, s.unitFormat);
        double st = sinceStart(irp.streamStartUs, irp.startUs);
        double et = sinceStart(irp.streamStartUs, irp.endUs);
        String omitted = irp.omitted ? REPORT_OMITTED : "";
        if (s.tcp()) {
            if (s.senderHasRetransmits == 1 && sp.sender) {
                jsonIntervalStreams.add(CJson.obj().add("socket", sp.socket).add("start", st).add("end", et)
                        .add("seconds", irp.duration).add("bytes", irp.bytesTransferred).add("bits_per_second", bandwidth * 8)
                        .add("retransmits", irp.intervalRetrans).add("snd_cwnd", irp.sndCwnd).add("rtt", irp.rtt)
                        .add("rttvar", irp.rttvar).add("pmtu", irp.pmtu).add("omitted", irp.omitted).add("sender", sp.sender));
                if (text) {
                    s.out.printf(REPORT_BW_RETRANS_CWND_FORMAT, sp.socket, mbuf, st, et, ubuf, nbuf, irp.intervalRetrans,
                            Units.unit(irp.sndCwnd, 'A'), omitted);
                }
            } else {
                jsonIntervalStreams.add(CJson.obj().add("socket", sp.socket).add("start", st).add("end", et)
                        .add("seconds", irp.duration).add("bytes", irp.bytesTransferred).add("bits_per_second", bandwidth * 8)
                        .add("omitted", irp.omitted).add("sender", sp.sender));
                if (text) {
                    s.out.printf(REPORT_BW_FORMAT, sp.socket, mbuf, st, et, ubuf, nbuf, omitted);
                }
            }
        } else if (sp.sender) {
            jsonIntervalStreams.add(CJson.obj().add("socket", sp.socket).add("start", st).add("end", et)
                    .add("seconds", irp.duration).add("bytes", irp.bytesTransferred).add("bits_per_second", bandwidth * 8)
                    .add("packets", irp.intervalPacketCount).add("omitted", irp.omitted).add("sender", sp.sender));
            if (text) {
                s.out.printf(REPORT_BW_UDP_SENDER_FORMAT, sp.socket, mbuf, st, et, ubuf, nbuf, zbuf, irp.intervalPacketCount,
                        omitted);
            }
        } else {
            double lostPercent = irp.intervalPacketCount > 0 ? 100.0 * irp.intervalCntError / irp.intervalPacketCount : 0.0;
            jsonIntervalStreams.add(CJson.obj().add("socket", sp.socket).add("start", st).add("end", et)
                    .add("seconds", irp.duration).add("bytes", irp.bytesTransferred).add("bits_per_second", bandwidth * 8)
                    .add("jitter_ms", irp.jitter * 1000.0).add("lost_packets", irp.intervalCntError)
                    .add("packets", irp.intervalPacketCount).add("lost_percent", lostPercent).add("omitted", irp.omitted)
                    .add("sender", sp.sender));
            if (text) {
                s.out.printf(REPORT_BW_UDP_FORMAT, sp.socket, mbuf, st, et, ubuf, nbuf, irp.jitter * 1000.0, irp.intervalCntError,
                        irp.intervalPacketCount, lostPercent, omitted);
            }
        }
    }

    /** iperf_print_results: the final summary (JSON always built, text unless -J). */
    public void printResults() {
        int tmpSenderHasRetransmits = s.senderHasRetransmits;
        List<Object> jsonSummaryStreams = new ArrayList<>();
        s.jsonEnd.add("streams", jsonSummaryStreams);
        if (!s.json) {
            printResultsHeader();
        }
        boolean[] order = s.mode.sumOrder(s.role);
        for (int pass = 0; pass < order.length; pass++) {
            boolean mustBeSender = order[pass];
            if (s.mode == Mode.BIDIRECTIONAL && mustBeSender) {
                s.senderHasRetransmits = tmpSenderHasRetransmits;
            } else if (s.mode == Mode.BIDIRECTIONAL) {
                s.senderHasRetransmits = s.otherSideHasRetransmits;
            }
            Summary sum = new Summary(mustBeSender, s.mode == Mode.BIDIRECTIONAL ? roleTag(mustBeSender) : "");
            if (!s.streams.isEmpty()) {
                summaryTimes(sum);
                for (IperfStream sp : s.streams) {
                    if (sp.sender == mustBeSender) {
                        CJson.Obj jsonSummaryStream = CJson.obj();
                        jsonSummaryStreams.add(jsonSummaryStream);
                        printStreamSummary(sp, sum, jsonSummaryStream);
                    }
                }
            }
            if (s.tcp()) {
                printTcpSums(sum);
            } else {
                printUdpSums(sum);
            }
            if (pass == order.length - 1) {
                addCpuAndCongestion(mustBeSender);
            }
            if (!s.json && s.role == Role.CLIENT && s.settings.getServerOutput) {
                printServerOutput();
            }
        }
        if (s.mode == Mode.BIDIRECTIONAL) {
            s.senderHasRetransmits = tmpSenderHasRetransmits;
        }
    }

    /** The sums of one group of streams (senders or receivers) in {@link #printResults}, and the times of the first stream. */
    private static final class Summary {
        final boolean mustBeSender;
        final String mbuf;
        long totalRetransmits;
        long totalPackets;
        long lostPackets;
        long senderTotalPackets;
        long receiverTotalPackets;
        long totalSent;
        long totalReceived;
        double avgJitter;
        final double startTime = 0.;
        double endTime;
        double senderTime;
        double receiverTime;

        Summary(boolean mustBeSender, String mbuf) {
            this.mustBeSender = mustBeSender;
            this.mbuf = mbuf;
        }
    }

    private void printResultsHeader() {
        s.out.print(REPORT_BW_SEPARATOR);
        if (s.tcp()) {
            if (s.senderHasRetransmits != 0 || s.otherSideHasRetransmits != 0) {
                s.out.print(s.settings.bidirectional ? REPORT_BW_RETRANS_HEADER_BIDIR : REPORT_BW_RETRANS_HEADER);
            } else {
                s.out.print(s.settings.bidirectional ? REPORT_BW_HEADER_BIDIR : REPORT_BW_HEADER);
            }
        } else {
            s.out.print(s.settings.bidirectional ? REPORT_BW_UDP_HEADER_BIDIR : REPORT_BW_UDP_HEADER);
        }
    }

    /** The summary's times, all from the first stream (iperf3's quirk), which keeps the peer's time where it has one. */
    private void summaryTimes(Summary sum) {
        IperfStream first = s.streams.get(0);
        sum.endTime = IperfTime.secs(s.meter.measuredUs());
        if (first.sender) {
            first.senderTime = sum.endTime;
            if (first.receiverTime == 0.0) {
                first.receiverTime = first.senderTime;
            }
        } else {
            first.receiverTime = sum.endTime;
            if (first.senderTime == 0.0) {
                first.senderTime = first.receiverTime;
            }
        }
        sum.senderTime = first.senderTime;
        sum.receiverTime = first.receiverTime;
    }

    /** One stream's lines of the summary: added to the sums, its sender line, its receiver line. */
    private void printStreamSummary(IperfStream sp, Summary sum, CJson.Obj jsonSummaryStream) {
        long bytesSentS = sp.sentBytes();
        long bytesReceivedS = sp.receivedBytes();
        sum.totalSent += bytesSentS;
        sum.totalReceived += bytesReceivedS;
        long senderPacketCount = sp.sender ? sp.packetCount : sp.peerPacketCount;
        long receiverPacketCount = sp.sender ? sp.peerPacketCount : sp.packetCount;
        if (s.tcp()) {
            if (s.senderHasRetransmits != 0) {
                sum.totalRetransmits += sp.streamRetrans;
            }
        } else {
            long packetCount = senderPacketCount != 0 ? senderPacketCount : receiverPacketCount;
            sum.totalPackets += packetCount - sp.omittedPacketCount;
            sum.senderTotalPackets += senderPacketCount - sp.omittedPacketCount;
            sum.receiverTotalPackets += receiverPacketCount - sp.omittedPacketCount;
            sum.lostPackets += sp.cntError - sp.omittedCntError;
            sum.avgJitter += sp.jitter;
        }
        printStreamSent(sp, sum, jsonSummaryStream, bytesSentS, senderPacketCount, receiverPacketCount);
        printStreamReceived(sp, sum, jsonSummaryStream, bytesReceivedS, receiverPacketCount);
    }

    private void printStreamSent(IperfStream sp, Summary sum, CJson.Obj jsonSummaryStream, long bytesSentS,
            long senderPacketCount, long receiverPacketCount) {
        boolean text = !s.json;
        String mbuf = sum.mbuf;
        double startTime = sum.startTime;
        double senderTime = sum.senderTime;
        String ubuf = Units.unit(bytesSentS, 'A');
        double bandwidth = senderTime > 0.0 ? bytesSentS / senderTime : 0.0;
        String nbuf = Units.unit(bandwidth, s.unitFormat);
        if (s.tcp()) {
            if (s.senderHasRetransmits != 0) {
                jsonSummaryStream.add("sender", CJson.obj().add("socket", sp.socket).add("start", startTime)
                        .add("end", senderTime).add("seconds", senderTime).add("bytes", bytesSentS)
                        .add("bits_per_second", bandwidth * 8).add("retransmits", sp.streamRetrans)
                        .add("max_snd_cwnd", sp.maxSndCwnd).add("max_rtt", sp.maxRtt).add("min_rtt", sp.minRtt)
                        .add("mean_rtt", sp.countRtt == 0 ? 0 : sp.sumRtt / sp.countRtt).add("sender", sum.mustBeSender));
                if (text && !(s.role == Role.SERVER && !sp.sender)) {
                    s.out.printf(REPORT_BW_RETRANS_FORMAT, sp.socket, mbuf, startTime, senderTime, ubuf, nbuf,
                            sp.streamRetrans, "sender");
                }
            } else {
                jsonSummaryStream.add("sender", CJson.obj().add("socket", sp.socket).add("start", startTime)
                        .add("end", senderTime).add("seconds", senderTime).add("bytes", bytesSentS)
                        .add("bits_per_second", bandwidth * 8).add("sender", sum.mustBeSender));
                if (text && !(s.role == Role.SERVER && !sp.sender)) {
                    s.out.printf(REPORT_BW_FORMAT, sp.socket, mbuf, startTime, senderTime, ubuf, nbuf, "sender");
                }
            }
            return;
        }
        long sent = senderPacketCount - sp.omittedPacketCount;
        double lostPercent = sent > 0 ? 100.0 * (sp.cntError - sp.omittedCntError) / sent : 0.0;
        long packetCount = senderPacketCount != 0 ? senderPacketCount : receiverPacketCount;
        jsonSummaryStream.add("udp", CJson.obj().add("socket", sp.socket).add("start", startTime)
                .add("end", senderTime).add("seconds", senderTime).add("bytes", bytesSentS)
                .add("bits_per_second", bandwidth * 8).add("jitter_ms", sp.jitter * 1000.0)
                .add("lost_packets", sp.cntError - sp.omittedCntError)
                .add("packets", packetCount - sp.omittedPacketCount).add("lost_percent", lostPercent)
                .add("out_of_order", sp.outoforderPackets - sp.omittedOutoforderPackets)
                .add("sender", sum.mustBeSender));
        if (text) {
            if (!(s.role == Role.SERVER && !sp.sender)) {
                s.out.printf(REPORT_BW_UDP_FORMAT, sp.socket, mbuf, startTime, senderTime, ubuf, nbuf, 0.0, 0,
                        sent, 0.0, "sender");
            }
            if (sp.outoforderPackets - sp.omittedOutoforderPackets > 0) {
                s.out.printf(REPORT_SUM_OUTOFORDER, mbuf, startTime, senderTime,
                        sp.outoforderPackets - sp.omittedOutoforderPackets);
            }
        }
    }

    private void printStreamReceived(IperfStream sp, Summary sum, CJson.Obj jsonSummaryStream, long bytesReceivedS,
            long receiverPacketCount) {
        boolean text = !s.json;
        double receiverTime = sum.receiverTime;
        String ubuf = Units.unit(bytesReceivedS, 'A');
        double bandwidth = receiverTime > 0 ? bytesReceivedS / receiverTime : 0.0;
        String nbuf = Units.unit(bandwidth, s.unitFormat);
        if (s.tcp()) {
            jsonSummaryStream.add("receiver", CJson.obj().add("socket", sp.socket).add("start", sum.startTime)
                    .add("end", receiverTime).add("seconds", sum.endTime).add("bytes", bytesReceivedS)
                    .add("bits_per_second", bandwidth * 8).add("sender", sum.mustBeSender));
            if (text && !(s.role == Role.SERVER && sp.sender)) {
                s.out.printf(REPORT_BW_FORMAT, sp.socket, sum.mbuf, sum.startTime, receiverTime, ubuf, nbuf, "receiver");
            }
        } else if (text) {
            long received = receiverPacketCount - sp.omittedPacketCount;
            double lostPercent = received > 0 ? 100.0 * (sp.cntError - sp.omittedCntError) / received : 0.0;
            if (!(s.role == Role.SERVER && sp.sender)) {
                s.out.printf(REPORT_BW_UDP_FORMAT, sp.socket, sum.mbuf, sum.startTime, receiverTime, ubuf, nbuf,
                        sp.jitter * 1000.0, sp.cntError - sp.omittedCntError, received, lostPercent, "receiver");
            }
        }
    }

    /** Whether the sums of this group carry the "_bidir_reverse" names (the streams that run against -R's direction). */
    private boolean reverseSums(boolean mustBeSender) {
        return s.mode == Mode.BIDIRECTIONAL && ((s.role == Role.CLIENT && !mustBeSender) || (s.role != Role.CLIENT && mustBeSender));
    }

    private void printTcpSums(Summary sum) {
        boolean textSum = !s.json && s.numStreams() > 1;
        boolean reverse = reverseSums(sum.mustBeSender);
        String sumSentName = reverse ? "sum_sent_bidir_reverse" : "sum_sent";
        String sumReceivedName = reverse ? "sum_received_bidir_reverse" : "sum_received";
        double startTime = sum.startTime;
        double senderTime = sum.senderTime;
        double receiverTime = sum.receiverTime;
        String ubuf = Units.unit(sum.totalSent, 'A');
        double bandwidth = senderTime > 0.0 ? sum.totalSent / senderTime : 0.0;
        String nbuf = Units.unit(bandwidth, s.unitFormat);
        if (s.senderHasRetransmits != 0) {
            s.jsonEnd.add(sumSentName, CJson.obj().add("start", startTime).add("end", senderTime)
                    .add("seconds", senderTime).add("bytes", sum.totalSent).add("bits_per_second", bandwidth * 8)
                    .add("retransmits", sum.totalRetransmits).add("sender", sum.mustBeSender));
            if (textSum && !(s.role == Role.SERVER && !sum.mustBeSender)) {
                s.out.printf(REPORT_SUM_BW_RETRANS_FORMAT, sum.mbuf, startTime, senderTime, ubuf, nbuf, sum.totalRetransmits,
                        "sender");
            }
        } else {
            s.jsonEnd.add(sumSentName, CJson.obj().add("start", startTime).add("end", senderTime)
                    .add("seconds", senderTime).add("bytes", sum.totalSent).add("bits_per_second", bandwidth * 8)
                    .add("sender", sum.mustBeSender));
            if (textSum && !(s.role == Role.SERVER && !sum.mustBeSender)) {
                s.out.printf(REPORT_SUM_BW_FORMAT, sum.mbuf, startTime, senderTime, ubuf, nbuf, "sender");
            }
        }
        ubuf = Units.unit(sum.totalReceived, 'A');
        bandwidth = receiverTime > 0.0 ? sum.totalReceived / receiverTime : 0.0;
        nbuf = Units.unit(bandwidth, s.unitFormat);
        s.jsonEnd.add(sumReceivedName, CJson.obj().add("start", startTime).add("end", receiverTime)
                .add("seconds", receiverTime).add("bytes", sum.totalReceived).add("bits_per_second", bandwidth * 8)
                .add("sender", sum.mustBeSender));
        if (textSum && !(s.role == Role.SERVER && sum.mustBeSender)) {
            s.out.printf(REPORT_SUM_BW_FORMAT, sum.mbuf, startTime, receiverTime, ubuf, nbuf, "receiver");
        }
    }

    private void printUdpSums(Summary sum) {
        boolean textSum = !s.json && s.numStreams() > 1;
        boolean reverse = reverseSums(sum.mustBeSender);
        String sumName = reverse ? "sum_bidir_reverse" : "sum";
        String sumSentName = reverse ? "sum_sent_bidir_reverse" : "sum_sent";
        String sumReceivedName = reverse ? "sum_received_bidir_reverse" : "sum_received";
        double startTime = sum.startTime;
        double senderTime = sum.senderTime;
        double receiverTime = sum.receiverTime;
        long totalSent = sum.totalSent;
        long totalReceived = sum.totalReceived;
        long lostPackets = sum.lostPackets;
        double bandwidth = senderTime > 0.0 ? totalSent / senderTime : 0.0;
        double avgJitter = sum.avgJitter / s.numStreams();
        double lostPercent = sum.totalPackets > 0 ? 100.0 * lostPackets / sum.totalPackets : 0.0;
        s.jsonEnd.add(sumName, CJson.obj().add("start", startTime).add("end", receiverTime)
                .add("seconds", receiverTime).add("bytes", totalSent).add("bits_per_second", bandwidth * 8)
                .add("jitter_ms", avgJitter * 1000.0).add("lost_packets", lostPackets)
                .add("packets", sum.totalPackets).add("lost_percent", lostPercent).add("sender", sum.mustBeSender));
        s.jsonEnd.add(sumSentName, CJson.obj().add("start", startTime).add("end", senderTime)
                .add("seconds", senderTime).add("bytes", totalSent)
                .add("bits_per_second", totalSent * 8 / senderTime).add("jitter_ms", 0.0)
                .add("lost_packets", 0).add("packets", sum.senderTotalPackets).add("lost_percent", 0.0)
                .add("sender", true));
        s.jsonEnd.add(sumReceivedName, CJson.obj().add("start", startTime).add("end", receiverTime)
                .add("seconds", receiverTime).add("bytes", totalReceived)
                .add("bits_per_second", totalReceived * 8 / receiverTime).add("jitter_ms", avgJitter * 1000.0)
                .add("lost_packets", lostPackets).add("packets", sum.receiverTotalPackets)
                .add("lost_percent", lostPercent).add("sender", false));
        if (!textSum) {
            return;
        }
        if (!(s.role == Role.SERVER && !sum.mustBeSender)) {
            s.out.printf(REPORT_SUM_BW_UDP_FORMAT, sum.mbuf, startTime, senderTime, Units.unit(totalSent, 'A'),
                    Units.unit(bandwidth, s.unitFormat), 0.0, 0, sum.senderTotalPackets, 0.0, "sender");
        }
        if (!(s.role == Role.SERVER && sum.mustBeSender)) {
            bandwidth = sum.endTime > 0.0 ? totalReceived / receiverTime : 0.0;
            s.out.printf(REPORT_SUM_BW_UDP_FORMAT, sum.mbuf, startTime, receiverTime, Units.unit(totalReceived, 'A'),
                    Units.unit(bandwidth, s.unitFormat), avgJitter * 1000.0, lostPackets, sum.receiverTotalPackets,
                    lostPercent, "receiver");
        }
    }

    private void addCpuAndCongestion(boolean mustBeSender) {
        s.jsonEnd.add("cpu_utilization_percent", CJson.obj().add("host_total", s.cpuUtil[0]).add("host_user", s.cpuUtil[1])
                .add("host_system", s.cpuUtil[2]).add("remote_total", s.remoteCpuUtil[0])
                .add("remote_user", s.remoteCpuUtil[1]).add("remote_system", s.remoteCpuUtil[2]));
        if (s.tcp()) {
            String snd = mustBeSender ? s.congestionUsed : s.remoteCongestionUsed;
            String rcv = mustBeSender ? s.remoteCongestionUsed : s.congestionUsed;
            if (snd != null) {
                s.jsonEnd.add("sender_tcp_congestion", snd);
            }
            if (rcv != null) {
                s.jsonEnd.add("receiver_tcp_congestion", rcv);
            }
        }
    }

    /** The server's output the client asked for (--get-server-output), printed once. */
    private void printServerOutput() {
        if (s.jsonServerOutput != null) {
            s.out.print("\nServer JSON output:\n" + CJson.print(s.jsonServerOutput) + "\n");
            s.jsonServerOutput = null;
        }
        if (s.serverOutputText != null) {
            s.out.print("\nServer output:\n" + s.serverOutputText + "\n");
            s.serverOutputText = null;
        }
    }
}
