package io.virtbench.net.session;

import io.virtbench.core.harness.stream.ByteStreamMeter;
import io.virtbench.core.harness.stream.StreamInterval;
import io.virtbench.net.protocol.CJson;
import io.virtbench.net.protocol.Mode;
import io.virtbench.net.protocol.ResultsException;
import io.virtbench.net.protocol.Role;
import io.virtbench.net.protocol.TestSettings;
import io.virtbench.net.report.IperfOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One iperf3 test session on either side (a "test" in iperf3's sense): its state, streams and
 * statistics, a re-creation of iperf_api.c's {@code iperf_stats_callback} and
 * {@code iperf_reset_stats}. Its reports are {@link IperfReport}'s, printed where
 * {@link IntervalReports} places them; the end-of-test exchange is {@link ResultsExchange}'s.
 * Everything runs on the test's event loop.
 */
public final class IperfSession {


    public final Role role;
    public final TestSettings settings;
    public final Mode mode;
    public final boolean json;
    public final char unitFormat;
    public final double statsInterval;
    public final IperfOutput out;
    public final List<IperfStream> streams = new ArrayList<>();
    public int senderHasRetransmits;
    public int otherSideHasRetransmits;
    public boolean done;
    public byte state;
    public long bytesSent;
    public long blocksSent;
    public long bytesReceived;
    public long blocksReceived;
    public final double[] cpuUtil = new double[3];
    public final double[] remoteCpuUtil = new double[3];
    public String congestionUsed;
    public String remoteCongestionUsed;
    CJson.Obj jsonTop;
    public CJson.Obj jsonStart;
    public CJson.Obj jsonEnd;
    public List<Object> jsonIntervals;
    List<Object> jsonConnected;
    public Object jsonServerOutput;
    public String serverOutputText;

    public IperfSession(Role role, TestSettings settings, boolean json, char unitFormat, double statsInterval, IperfOutput out) {
        this.role = role;
        this.settings = settings;
        this.json = json;
        this.unitFormat = unitFormat;
        this.statsInterval = statsInterval;
        this.out = out;
        mode = Mode.of(role, settings.reverse, settings.bidirectional);
        meter = new ByteStreamMeter((long) (statsInterval * 1_000_000) * 1000L, settings.omit * 1_000_000_000L);
    }

    /**
     * The test's time and counts on core's clock: its start, the end of -O, the interval closes,
     * and each stream's own bytes ({@link IperfStream#counter}).
     */
    public final ByteStreamMeter meter;

    /** In the -O period (or ended in it): intervals closed now are "(omitted)". */
    public boolean omitting() {
        return meter.omitting();
    }

    public boolean tcp() {
        return !settings.udp();
    }

    public int numStreams() {
        return settings.parallel;
    }

    /** iperf_add_stream's ids: 1, then the number of existing streams + 2 (1, 3, 4, 5, …). */
    public int nextStreamId() {
        return streams.isEmpty() ? 1 : streams.size() + 2;
    }

    public void addStream(IperfStream sp) {
        streams.add(sp);
        jsonConnected.add(CJson.obj().add("socket", sp.socket).add("local_host", sp.localHost)
                .add("local_port", sp.localPort).add("remote_host", sp.remoteHost).add("remote_port", sp.remotePort));
        if (!json) {
            out.printf(IperfReport.REPORT_CONNECTED, sp.socket, sp.localHost, sp.localPort, sp.remoteHost, sp.remotePort);
        }
    }

    int countStreams(boolean sender) {
        int n = 0;
        for (IperfStream s : streams) {
            if (s.sender == sender) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- JSON document

    public void jsonStart(String version, String systemInfo) {
        jsonStart(version, systemInfo, true);
    }

    /**
     * Starts the JSON document. Without {@code keepIntervals} (a server printing text) the
     * interval objects are not kept, so a day-long test with 128 streams does not hold millions
     * of them; the rest of the document is small.
     */
    public void jsonStart(String version, String systemInfo, boolean keepIntervals) {
        jsonTop = CJson.obj();
        jsonStart = CJson.obj();
        jsonTop.add("start", jsonStart);
        jsonConnected = new ArrayList<>();
        jsonStart.add("connected", jsonConnected);
        jsonIntervals = keepIntervals ? new ArrayList<>() : new java.util.AbstractList<>() {
            @Override
            public Object get(int index) {
                throw new IndexOutOfBoundsException(index);
            }

            @Override
            public int size() {
                return 0;
            }

            @Override
            public boolean add(Object o) {
                return true;
            }
        };
        jsonTop.add("intervals", jsonIntervals);
        jsonEnd = CJson.obj();
        jsonTop.add("end", jsonEnd);
        jsonStart.add("version", version);
        jsonStart.add("system_info", systemInfo);
    }

    /** iperf_on_test_start's JSON. */
    void onTestStart() {
        {
            jsonStart.add("test_start", CJson.obj().add("protocol", settings.udp() ? "UDP" : "TCP")
                    .add("num_streams", settings.parallel).add("blksize", settings.blksize).add("omit", settings.omit)
                    .add("duration", settings.duration).add("bytes", settings.bytes).add("blocks", settings.blocks)
                    .add("reverse", settings.reverse ? 1 : 0).add("tos", settings.tos).add("target_bitrate", settings.rate));
        }
    }

    /** Adds the "error" key (iperf_err in JSON mode). */
    public void jsonError(String message) {
        if (jsonTop != null) {
            jsonTop.remove("error");
            jsonTop.add("error", message);
        }
    }

    /** iperf_json_finish: title, extra data, the server's output, then the formatted text. */
    public String jsonFinish() {
        if (settings.title != null) {
            jsonTop.add("title", settings.title);
        }
        if (settings.extraData != null) {
            jsonTop.add("extra_data", settings.extraData);
        }
        if (jsonServerOutput != null) {
            jsonTop.add("server_output_json", jsonServerOutput);
        }
        if (serverOutputText != null) {
            jsonTop.add("server_output_text", serverOutputText);
        }
        return CJson.print(jsonTop);
    }

    // ---------------------------------------------------------------- statistics

    /**
     * Nanoseconds from now until {@code offsetNanos} after the test's start: iperf3 creates its
     * end, stats and pacing timers right after iperf_init_test, so they fire at whole periods from
     * the streams' start time; scheduled from it (not from whenever the slower Java code got
     * there), virtbench's fire at the same instants and in the same order.
     */
    public long nanosFromStart(long offsetNanos) {
        return meter.nanosFromStart(offsetNanos);
    }

    /** iperf_init_test: every stream starts now; returns the start. */
    public long initTest() {
        meterStreams();
        long now = meter.start();
        onTestStart();
        return now;
    }

    /** The streams' counters join the meter, which closes their intervals in this order. */
    private void meterStreams() {
        for (IperfStream sp : streams) {
            meter.add(sp.counter);
        }
    }

    /** iperf_init_test at {@code nowUs}, for a timeline replayed off the clock (the report's warm-up, tests). */
    public void initTest(long nowUs) {
        meterStreams();
        meter.startAt(nowUs);
        onTestStart();
    }

    /**
     * Counts what the streams' receiving threads ({@link UdpReceiver}) have read and the loop has
     * not counted yet: before an interval or the omit period closes, and before a watchdog looks.
     */
    public void drainReceivers() {
        for (IperfStream sp : streams) {
            sp.drainReceived();
        }
    }

    // ---------------------------------------------------------------- intervals closed after their boundary

    /**
     * How long after an interval boundary a UDP side does its once-a-second work, where a second
     * runnable thread at the boundary would meet the datagram due there (at iperf3's default rate
     * none is due 20 ms later): a sender hands its report over ({@link #placeReports}), a side whose
     * streams all receive on threads of their own closes the interval ({@link #closeLate}), and a
     * receiving side's watchdog looks ({@link #watchdogDelayMs}).
     */
    public static final long OFF_BOUNDARY_MS = 20;
    /** The interval in microseconds where intervals are closed late; 0 where they close when their timer fires. */
    private long lateIntervalUs;
    /**
     * Where intervals are closed late: the end of the interval still open (the boundary its close
     * waits for); datagrams that arrived from then on are not counted before that close. Otherwise
     * (and once the test has ended) no limit.
     */
    private long countLimitUs = Long.MAX_VALUE;
    /** The client's end timer's instant: a boundary there is not closed as an interval of its own. */
    private long endAtUs = Long.MAX_VALUE;

    /**
     * From now on closes this test's intervals {@link #OFF_BOUNDARY_MS} after their boundaries,
     * each at its boundary, where the side only receives UDP, every stream on a thread of its own
     * that time-stamps each datagram ({@code ios}), with intervals, and the test does not end by
     * bytes or blocks ({@code eachRead}). Why: at iperf3's default rate a datagram is due
     * at every whole second, when the stats timer wakes the event loop; a second runnable thread at
     * that instant makes the scheduler wake the receiving thread on the other, idle CPU (an
     * inter-processor wake-up, about 40 us more on this VM). Traced: one datagram in four came
     * 45 us late, each at an interval boundary; iperf3's receiver, one thread, sees none of this.
     * The interval still ends at its boundary: the receiving threads' records carry their arrival,
     * and those from the boundary on wait for the next interval ({@link #countLimitUs}).
     * Otherwise nothing changes. Call {@link #intervalsStartAt} afterwards.
     */
    public void closeLate(List<StreamIo> ios, boolean eachRead) {
        if (statsInterval == 0 || eachRead || mode != Mode.RECEIVER || !settings.udp() || ios.isEmpty()) {
            return;
        }
        for (StreamIo io : ios) {
            if (io.receiver() == null) {
                return;
            }
        }
        lateIntervalUs = Math.max(1, Math.round(statsInterval * 1_000_000));
    }

    /** Whether this test closes its intervals late ({@link #closeLate}). */
    boolean closesLate() {
        return lateIntervalUs != 0;
    }

    /** Nanoseconds from now until the stats or omit timer for the boundary {@code offsetNanos} after the start fires. */
    public long boundaryTimerNanos(long offsetNanos) {
        return nanosFromStart(offsetNanos) + (closesLate() ? TimeUnit.MILLISECONDS.toNanos(OFF_BOUNDARY_MS) : 0);
    }

    /**
     * Nanoseconds until the stats timer, of period {@code periodNanos}, first fires: a period after
     * the start, or ({@code fromStart} false) after the end of -O, which iperf3 takes as now
     * (where intervals close late: where -O was due to end, as in {@link #endOmit}).
     */
    public long firstStatsNanos(boolean fromStart, long periodNanos) {
        if (fromStart || closesLate()) {
            return boundaryTimerNanos((fromStart ? 0 : settings.omit * 1_000_000_000L) + periodNanos);
        }
        return periodNanos;
    }

    /**
     * The omit timer fired: the omit period ends now, or where intervals close late, at its
     * boundary, after the intervals closed by then (still omitted, as the stats timer due with it
     * fires first). The caller restarts the stats timer.
     */
    public void endOmit() {
        long end;
        if (closesLate()) {
            end = meter.startUs() + settings.omit * 1_000_000L;
            closeDueIntervals(end);
            countLimitUs = end; // the reset counts what came before it; what came later, after it
        } else {
            // iperf3 runs timers due at the same instant in the order they were made, the stats
            // timer first; Netty's two deadlines differ by when each was computed, so its omit
            // timer could come first and the omitted interval never closed (seen: a server with -O
            // printed no "(omitted)" line)
            if (statsInterval > 0 && statsTicks < (long) Math.floor(settings.omit / statsInterval + 1e-9)) {
                statsTimer();
            }
            end = ByteStreamMeter.nowUs();
        }
        resetStats(end);
        intervalsStartAt(end);
    }

    /**
     * The receive watchdog's first look, {@code periodMs} after the start: off the boundaries where
     * a side receives UDP (the watchdog, too, wakes the loop; see {@link #closeLate}).
     */
    public long watchdogDelayMs(long periodMs) {
        return periodMs + (settings.udp() && mode != Mode.SENDER ? OFF_BOUNDARY_MS : 0);
    }

    /** The intervals start at {@code fromUs} (the start, the end of -O): the first boundary. */
    public void intervalsStartAt(long fromUs) {
        if (closesLate()) {
            countLimitUs = fromUs + lateIntervalUs;
        }
    }

    /** The client's end timer fires at {@code us}: as when the stats timer fires then, the end closes that interval. */
    public void endsAt(long us) {
        endAtUs = us;
    }

    /** Records from a receiving thread that arrived at or after this instant are not counted yet. */
    long countLimitUs() {
        return countLimitUs;
    }

    /**
     * Closes and reports every interval whose boundary is before {@code untilUs} and not closed yet,
     * each at its boundary (with {@link #closeLate}; on the loop). Called by the stats timer, by a
     * receiving thread whose records wait in numbers ({@link UdpReceiver}), and by the end.
     */
    void closeDueIntervals(long untilUs) {
        if (closingDue) {
            return; // a receiving thread's records, drained by the close under way
        }
        closingDue = true;
        try {
            while (countLimitUs <= untilUs && countLimitUs < endAtUs) {
                long boundary = countLimitUs;
                closeInterval(boundary);
                countLimitUs = boundary + lateIntervalUs;
                reporterCallback(false);
            }
        } finally {
            closingDue = false;
        }
    }

    /** {@link #closeDueIntervals} is running (it drains the receiving threads, which may call it). */
    private boolean closingDue;

    /** Times the stats timer fired (before the end of -O: see {@link #endOmit}). */
    private long statsTicks;

    /** The stats timer fired ({@link #statsCallback} and the interval report, or the late close). */
    public void statsTimer() {
        statsTicks++;
        if (closesLate()) {
            closeDueIntervals(ByteStreamMeter.nowUs());
            return;
        }
        statsCallback(ByteStreamMeter.nowUs());
        reporterCallback(false);
    }

    /** iperf_reset_stats: the end of the omit period. */
    void resetStats(long nowUs) {
        drainReceivers();
        bytesSent = 0;
        blocksSent = 0;
        meter.endOmitAt(nowUs);
        for (IperfStream sp : streams) {
            sp.omittedPacketCount = sp.packetCount;
            sp.omittedCntError = sp.cntError;
            sp.omittedOutoforderPackets = sp.outoforderPackets;
            sp.jitter = 0;
            if (senderHasRetransmits == 1) {
                TcpInfo ti = TcpInfo.read(sp.channel);
                if (ti != null) {
                    sp.streamPrevTotalRetrans = ti.totalRetrans();
                }
            }
            sp.streamRetrans = 0;
        }
    }

    /**
     * iperf_stats_callback at the end of a test: closes the current interval of every stream.
     * Where intervals close late, first those whose boundary passed.
     */
    public void statsCallback(long nowUs) {
        if (closesLate()) {
            closeDueIntervals(nowUs - 1);
            countLimitUs = Long.MAX_VALUE;
        }
        closeInterval(nowUs);
    }

    /** The end of the test: the last interval closes now, on core's clock. */
    public void endStats() {
        statsCallback(ByteStreamMeter.nowUs());
        meter.end();
    }

    /** iperf_stats_callback: closes the current interval of every stream at {@code nowUs}. */
    private void closeInterval(long nowUs) {
        drainReceivers();
        meter.closeInterval(nowUs, intervalSink);
    }

    /** What a close hands over, one stream at a time (made once: closes allocate no sink). */
    private final StreamInterval.Sink intervalSink = this::closeStreamInterval;

    /** iperf_stats_callback's work for one stream: its interval result from core's figures, and TCP_INFO or UDP counts. */
    private void closeStreamInterval(StreamInterval si) {
        IperfStream sp = streams.get(si.stream());
        {
            IntervalResult t = new IntervalResult();
            t.omitted = si.omitted();
            t.bytesTransferred = si.bytes();
            IntervalResult irp = sp.lastInterval();
            t.startUs = si.startUs();
            t.endUs = si.endUs();
            t.streamStartUs = si.phaseStartUs();
            t.first = si.first();
            t.duration = IperfTime.floatSecs(t.endUs - t.startUs);
            if (tcp()) {
                if (senderHasRetransmits == 1) {
                    TcpInfo ti = TcpInfo.read(sp.channel);
                    if (ti != null) {
                        long total = ti.totalRetrans();
                        t.intervalRetrans = total - sp.streamPrevTotalRetrans;
                        sp.streamRetrans += t.intervalRetrans;
                        sp.streamPrevTotalRetrans = total;
                        t.sndCwnd = ti.sndCwndBytes();
                        sp.maxSndCwnd = Math.max(sp.maxSndCwnd, t.sndCwnd);
                        t.sndWnd = -1;
                        t.rtt = ti.rtt();
                        sp.maxRtt = Math.max(sp.maxRtt, t.rtt);
                        if (sp.minRtt == 0 || t.rtt < sp.minRtt) {
                            sp.minRtt = t.rtt;
                        }
                        sp.sumRtt += t.rtt;
                        sp.countRtt++;
                        t.rttvar = ti.rttvar();
                        t.pmtu = ti.pmtu();
                    }
                }
            } else {
                if (irp == null) {
                    t.intervalPacketCount = sp.packetCount;
                    t.intervalOutoforder = sp.outoforderPackets;
                    t.intervalCntError = sp.cntError;
                } else {
                    t.intervalPacketCount = sp.packetCount - irp.packetCount;
                    t.intervalOutoforder = sp.outoforderPackets - irp.outoforder;
                    t.intervalCntError = sp.cntError - irp.cntError;
                }
                t.packetCount = sp.packetCount;
                t.jitter = sp.jitter;
                t.outoforder = sp.outoforderPackets;
                t.cntError = sp.cntError;
            }
            sp.addInterval(t);
        }
    }

    /**
     * iperf_reporter_callback: the interval report, and at the end the summary too. With a
     * {@linkplain #reportOffLoop reporter thread}, the interval report of a running test is
     * formatted and printed there (see {@link #intervalReport()}); the summary waits for it.
     */
    public void reporterCallback(boolean end) {
        if (!end) {
            intervalReport();
            return;
        }
        printIntermediate();
        printResults();
    }


    /** Interval reports: printed inline, or on a reporter thread ({@link IntervalReports}). */
    final IntervalReports reports = new IntervalReports(this);
    /** The text and JSON reports of this test. */
    final IperfReport report = new IperfReport(this);

    /** Prints this test's interval reports on a daemon thread shared by all tests. */
    public void reportOffLoop() {
        reports.reportOffLoop();
    }

    /** Prints this test's interval reports on {@code thread}, which must run its tasks one at a time, in order. */
    public void reportOffLoop(ExecutorService thread) {
        reports.reportOffLoop(thread);
    }

    /** See {@link IntervalReports#placeReports}. */
    public void placeReports(ScheduledExecutorService loop) {
        reports.placeReports(loop);
    }

    /** Whether interval reports run on the reporter thread (for tests). */
    public boolean reportsOffLoop() {
        return reports.reportsOffLoop();
    }

    /** Whether interval reports are handed over late (for tests). */
    public boolean reportsHandedOffLate() {
        return reports.reportsHandedOffLate();
    }

    /** The interval report just closed by {@link #statsCallback}: inline, or on the reporter thread. */
    void intervalReport() {
        reports.intervalReport();
    }

    /** Waits until the interval reports handed to the reporter thread are printed. */
    public void awaitReports() {
        reports.awaitReports();
    }

    /** iperf_print_intermediate (see {@link IperfReport#printIntermediate()}). */
    public void printIntermediate() {
        report.printIntermediate();
    }

    /** iperf_print_results (see {@link IperfReport#printResults()}). */
    void printResults() {
        report.printResults();
    }

    /** send_results (see {@link ResultsExchange#resultsJson}). */
    public String resultsJson(String capturedServerText) {
        return ResultsExchange.resultsJson(this, capturedServerText);
    }

    /** get_results (see {@link ResultsExchange#apply}). */
    public void applyResults(String text) throws ResultsException {
        ResultsExchange.apply(this, text);
    }
}
