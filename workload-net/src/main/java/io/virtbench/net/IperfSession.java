package io.virtbench.net;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The state of one iperf3 test on either side, its statistics and its reports: a re-creation of
 * iperf_api.c's {@code iperf_stats_callback}, {@code iperf_reset_stats},
 * {@code iperf_print_intermediate}, {@code print_interval_results}, {@code iperf_print_results},
 * {@code send_results} and {@code get_results}, with the same formulas, the same quirks (the
 * summary times come from the first stream; sums divide jitter by the stream count) and the same
 * text and JSON layouts. Everything runs on the test's event loop.
 */
final class IperfSession {

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
    static final String REPORT_CONNECTED = "[%3d] local %s port %d connected to %s port %d\n";
    static final String REPORT_OMITTED = "(omitted)";

    final Role role;
    final TestSettings settings;
    final Mode mode;
    final boolean json;
    final char unitFormat;
    final double statsInterval;
    final IperfOutput out;
    final List<IperfStream> streams = new ArrayList<>();
    int senderHasRetransmits;
    int otherSideHasRetransmits;
    boolean omitting;
    boolean done;
    byte state;
    long bytesSent;
    long blocksSent;
    long bytesReceived;
    long blocksReceived;
    final double[] cpuUtil = new double[3];
    final double[] remoteCpuUtil = new double[3];
    String congestionUsed;
    String remoteCongestionUsed;
    CJson.Obj jsonTop;
    CJson.Obj jsonStart;
    CJson.Obj jsonEnd;
    List<Object> jsonIntervals;
    List<Object> jsonConnected;
    Object jsonServerOutput;
    String serverOutputText;

    IperfSession(Role role, TestSettings settings, boolean json, char unitFormat, double statsInterval, IperfOutput out) {
        this.role = role;
        this.settings = settings;
        this.json = json;
        this.unitFormat = unitFormat;
        this.statsInterval = statsInterval;
        this.out = out;
        mode = Mode.of(role, settings.reverse, settings.bidirectional);
    }

    boolean tcp() {
        return !settings.udp();
    }

    int numStreams() {
        return settings.parallel;
    }

    /** iperf_add_stream's ids: 1, then the number of existing streams + 2 (1, 3, 4, 5, …). */
    int nextStreamId() {
        return streams.isEmpty() ? 1 : streams.size() + 2;
    }

    void addStream(IperfStream sp) {
        streams.add(sp);
        jsonConnected.add(CJson.obj().add("socket", sp.socket).add("local_host", sp.localHost)
                .add("local_port", sp.localPort).add("remote_host", sp.remoteHost).add("remote_port", sp.remotePort));
        if (!json) {
            out.printf(REPORT_CONNECTED, sp.socket, sp.localHost, sp.localPort, sp.remoteHost, sp.remotePort);
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

    void jsonStart(String version, String systemInfo) {
        jsonStart(version, systemInfo, true);
    }

    /**
     * Starts the JSON document. Without {@code keepIntervals} (a server printing text) the
     * interval objects are not kept, so a day-long test with 128 streams does not hold millions
     * of them; the rest of the document is small.
     */
    void jsonStart(String version, String systemInfo, boolean keepIntervals) {
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
    void jsonError(String message) {
        if (jsonTop != null) {
            jsonTop.remove("error");
            jsonTop.add("error", message);
        }
    }

    /** iperf_json_finish: title, extra data, the server's output, then the formatted text. */
    String jsonFinish() {
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

    /** When the test started (iperf_init_test), in {@link System#nanoTime()} nanoseconds. */
    long startNanos;

    /**
     * Nanoseconds from now until {@code offsetNanos} after the test's start: iperf3 creates its
     * end, stats and pacing timers right after iperf_init_test, so they fire at whole periods from
     * the streams' start time; scheduled from it (not from whenever the slower Java code got
     * there), virtbench's fire at the same instants and in the same order.
     */
    long nanosFromStart(long offsetNanos) {
        return Math.max(0, startNanos + offsetNanos - System.nanoTime());
    }

    /** iperf_init_test: every stream starts now. */
    void initTest(long nowUs) {
        startNanos = nowUs * 1000L;
        for (IperfStream sp : streams) {
            sp.startUs = nowUs;
            sp.startFixedUs = nowUs;
        }
        onTestStart();
    }

    /**
     * Counts what the streams' receiving threads ({@link UdpReceiver}) have read and the loop has
     * not counted yet: before an interval or the omit period closes, and before a watchdog looks.
     */
    void drainReceivers() {
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
    static final long OFF_BOUNDARY_MS = 20;
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
    void closeLate(List<StreamIo> ios, boolean eachRead) {
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
    long boundaryTimerNanos(long offsetNanos) {
        return nanosFromStart(offsetNanos) + (closesLate() ? TimeUnit.MILLISECONDS.toNanos(OFF_BOUNDARY_MS) : 0);
    }

    /**
     * Nanoseconds until the stats timer, of period {@code periodNanos}, first fires: a period after
     * the start, or ({@code fromStart} false) after the end of -O, which iperf3 takes as now
     * (where intervals close late: where -O was due to end, as in {@link #endOmit}).
     */
    long firstStatsNanos(boolean fromStart, long periodNanos) {
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
    void endOmit() {
        long end;
        if (closesLate()) {
            end = startNanos / 1000 + settings.omit * 1_000_000L;
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
            end = Clock.nowUs();
        }
        omitting = false;
        resetStats(end);
        intervalsStartAt(end);
    }

    /**
     * The receive watchdog's first look, {@code periodMs} after the start: off the boundaries where
     * a side receives UDP (the watchdog, too, wakes the loop; see {@link #closeLate}).
     */
    long watchdogDelayMs(long periodMs) {
        return periodMs + (settings.udp() && mode != Mode.SENDER ? OFF_BOUNDARY_MS : 0);
    }

    /** The intervals start at {@code fromUs} (the start, the end of -O): the first boundary. */
    void intervalsStartAt(long fromUs) {
        if (closesLate()) {
            countLimitUs = fromUs + lateIntervalUs;
        }
    }

    /** The client's end timer fires at {@code us}: as when the stats timer fires then, the end closes that interval. */
    void endsAt(long us) {
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
    void statsTimer() {
        statsTicks++;
        if (closesLate()) {
            closeDueIntervals(Clock.nowUs());
            return;
        }
        statsCallback(Clock.nowUs());
        reporterCallback(false);
    }

    /** iperf_reset_stats: the end of the omit period. */
    void resetStats(long nowUs) {
        drainReceivers();
        bytesSent = 0;
        blocksSent = 0;
        for (IperfStream sp : streams) {
            sp.omittedPacketCount = sp.packetCount;
            sp.omittedCntError = sp.cntError;
            sp.omittedOutoforderPackets = sp.outoforderPackets;
            sp.jitter = 0;
            sp.bytesSentOmit = sp.bytesSent;
            sp.bytesReceived = 0;
            sp.bytesSentThisInterval = 0;
            sp.bytesReceivedThisInterval = 0;
            if (senderHasRetransmits == 1) {
                TcpInfo ti = TcpInfo.read(sp.channel);
                if (ti != null) {
                    sp.streamPrevTotalRetrans = ti.totalRetrans();
                }
            }
            sp.streamRetrans = 0;
            sp.startUs = nowUs;
        }
    }

    /**
     * iperf_stats_callback at the end of a test: closes the current interval of every stream.
     * Where intervals close late, first those whose boundary passed.
     */
    void statsCallback(long nowUs) {
        if (closesLate()) {
            closeDueIntervals(nowUs - 1);
            countLimitUs = Long.MAX_VALUE;
        }
        closeInterval(nowUs);
    }

    /** iperf_stats_callback: closes the current interval of every stream at {@code nowUs}. */
    private void closeInterval(long nowUs) {
        drainReceivers();
        for (IperfStream sp : streams) {
            IntervalResult t = new IntervalResult();
            t.omitted = omitting;
            t.bytesTransferred = sp.sender ? sp.bytesSentThisInterval : sp.bytesReceivedThisInterval;
            IntervalResult irp = sp.lastInterval();
            t.startUs = irp != null ? sp.endUs : sp.startUs;
            sp.endUs = nowUs;
            t.endUs = sp.endUs;
            t.streamStartUs = sp.startUs;
            t.first = irp == null;
            t.duration = Clock.floatSecs(t.endUs - t.startUs);
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
            sp.bytesSentThisInterval = 0;
            sp.bytesReceivedThisInterval = 0;
        }
    }

    /**
     * iperf_reporter_callback: the interval report, and at the end the summary too. With a
     * {@linkplain #reportOffLoop reporter thread}, the interval report of a running test is
     * formatted and printed there (see {@link #intervalReport()}); the summary waits for it.
     */
    void reporterCallback(boolean end) {
        if (!end) {
            intervalReport();
            return;
        }
        printIntermediate();
        printResults();
    }

    /**
     * Where interval reports are formatted and printed while the test runs: on a thread of their
     * own, not on the event loop. iperf3 prints its report in its select loop, which costs it
     * microseconds; in Java the same report, run once a second with cold caches, holds the loop
     * for 0.15–1 ms (more on a loaded machine), and a datagram that arrives meanwhile is
     * time-stamped late: at iperf3's default 1 Mbit/s UDP one datagram in four is due just when
     * the report is, and a late one shows as jitter that the network does not have (seen in
     * per-datagram traces under load; on a quiet machine the receiver's median jitter did not
     * measurably change, see the module README). The interval itself is still closed on the loop
     * ({@link #statsCallback}), at the same moment as before; only the printing moves. Null (the
     * default): printed inline.
     */
    private ExecutorService reporter;
    /** The latest report handed to {@link #reporter}; reports run in order, so it is the last to finish. */
    private Future<?> pendingReport;

    /** Prints this test's interval reports on {@link #REPORTER}, a daemon thread shared by all tests. */
    void reportOffLoop() {
        reportOffLoop(REPORTER);
    }

    /**
     * Reports on the reporter thread ({@link #reportOffLoop()}); where this side only sends UDP,
     * each handed over {@link #OFF_BOUNDARY_MS} after its interval closed, on {@code loop} (the
     * test's event loop, which closes the intervals). A reporter thread woken at the interval
     * boundary is a second runnable thread just when the datagram due at that boundary is sent and
     * wakes its receiver, which the scheduler then places on the other, idle CPU (an
     * inter-processor wake-up: about 50 us on this VM against under 20 on the sender's CPU), one
     * datagram in four at iperf3's default rate. Measured: the sender's jitter as iperf3's server saw
     * it, 0.023 ms with the reporter woken at the boundary, 0.0095 with no reporter thread at all,
     * iperf3's own sender 0.010, handed over late 0.011 against iperf3's 0.011 in another run
     * (module README). Not inline, as iperf3 prints: that measured as well, but the loop would
     * again wait for a slow terminal or a report run cold (the reasons for the reporter thread).
     */
    void placeReports(java.util.concurrent.ScheduledExecutorService loop) {
        reportOffLoop();
        if (settings.udp() && mode == Mode.SENDER) {
            handOffLoop = loop;
        }
    }

    /** With {@link #placeReports}, for a UDP sender: the loop that hands reports over late. */
    private java.util.concurrent.ScheduledExecutorService handOffLoop;
    /** Reports closed and not yet handed over, oldest first (on the loop). */
    private final java.util.ArrayDeque<Runnable> deferredReports = new java.util.ArrayDeque<>();

    /** Whether interval reports run on the reporter thread (for tests). */
    boolean reportsOffLoop() {
        return reporter != null;
    }

    /** Whether interval reports are handed over late (for tests). */
    boolean reportsHandedOffLate() {
        return handOffLoop != null;
    }

    /** Hands every deferred report to the reporter thread, in order (on the loop). */
    private void handOffDeferred() {
        Runnable r;
        while ((r = deferredReports.poll()) != null) {
            pendingReport = reporter.submit(r);
        }
    }

    /** Prints this test's interval reports on {@code thread}, which must run its tasks one at a time, in order. */
    void reportOffLoop(ExecutorService thread) {
        reporter = thread;
    }

    /** One thread for the interval reports of every test in this process (tests on it run in order). */
    private static final ExecutorService REPORTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "virtbench-net-report");
        t.setDaemon(true);
        return t;
    });

    /** The interval report just closed by {@link #statsCallback}: inline, or on the reporter thread. */
    void intervalReport() {
        if (reporter == null) {
            printIntermediate();
            return;
        }
        // what the report reads that the loop changes later: taken now, handed over
        IntervalResult[] last = lastIntervals();
        boolean omit = omitting;
        Runnable print = () -> printIntermediate(last, omit);
        if (handOffLoop != null) {
            deferredReports.add(print);
            handOffLoop.schedule(this::handOffDeferred, OFF_BOUNDARY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        pendingReport = reporter.submit(print);
    }

    /**
     * Waits until the interval reports handed to the reporter thread are printed, so that what the
     * loop prints next (the summary, a last interval) follows them, and what they added to the
     * JSON document is visible here. A report that fails is reported as if it had failed inline.
     */
    void awaitReports() {
        handOffDeferred();
        Future<?> f = pendingReport;
        if (f == null) {
            return;
        }
        pendingReport = null;
        try {
            f.get(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // a report blocked on its output stream: go on (the inline print would have blocked the loop)
        }
    }

    /** How long the end of a test waits for interval reports still being printed. */
    static final int REPORT_WAIT_SECONDS = 10;

    private IntervalResult[] lastIntervals() {
        IntervalResult[] last = new IntervalResult[streams.size()];
        for (int i = 0; i < last.length; i++) {
            last[i] = streams.get(i).lastInterval();
        }
        return last;
    }

    private String roleTag(boolean sender) {
        return "[" + (sender ? "TX" : "RX") + "-" + (role == Role.CLIENT ? "C" : "S") + "]";
    }

    /**
     * iperf_time_diff: the absolute difference. The first interval after -O began before the
     * reset start time (at the last omitted interval's end: where -O ends between two stats ticks,
     * -O 1 -i 0.75, a quarter of a second before), and iperf3 prints its start as "0.25", not "-0.25".
     */
    private static double sinceStart(long startUs, long us) {
        return Clock.secs(Math.abs(us - startUs));
    }

    /**
     * iperf_print_intermediate. The JSON document is always built (virtbench derives its result
     * from it, exactly as from a native iperf3's -J output); the text is printed unless -J.
     */
    void printIntermediate() {
        awaitReports();
        printIntermediate(lastIntervals(), omitting);
    }

    /** {@link #printIntermediate()} of the intervals {@code last} (one per stream, in order), taken when {@code omitting}. */
    private void printIntermediate(IntervalResult[] last, boolean omitting) {
        boolean text = !json;
        boolean intervalOk = false;
        for (IntervalResult irp : last) {
            if (irp != null) {
                double len = Clock.secs(irp.endUs - irp.startUs);
                if (len >= statsInterval * 0.10 || irp.bytesTransferred > 0) {
                    intervalOk = true;
                }
            }
        }
        if (!intervalOk) {
            return;
        }
        CJson.Obj jsonInterval = CJson.obj();
        jsonIntervals.add(jsonInterval);
        List<Object> jsonIntervalStreams = new ArrayList<>();
        jsonInterval.add("streams", jsonIntervalStreams);
        for (boolean mustBeSender : mode.sumOrder(role)) {
            String mbuf = mode == Mode.BIDIRECTIONAL ? roleTag(mustBeSender) : "";
            String zbuf = mode == Mode.BIDIRECTIONAL ? "          " : "";
            long bytes = 0;
            long retransmits = 0;
            long totalPackets = 0;
            long lostPackets = 0;
            double avgJitter = 0;
            for (int i = 0; i < streams.size(); i++) {
                IperfStream sp = streams.get(i);
                if (sp.sender == mustBeSender) {
                    IntervalResult irp = last[i];
                    printIntervalResults(sp, irp, jsonIntervalStreams);
                    if (irp == null) {
                        return;
                    }
                    bytes += irp.bytesTransferred;
                    if (tcp()) {
                        if (senderHasRetransmits == 1) {
                            retransmits += irp.intervalRetrans;
                        }
                    } else {
                        totalPackets += irp.intervalPacketCount;
                        lostPackets += irp.intervalCntError;
                        avgJitter += irp.jitter;
                    }
                }
            }
            if (streams.isEmpty()) {
                continue;
            }
            boolean textSum = text && numStreams() > 1;
            String sumName = "sum";
            if (mode == Mode.BIDIRECTIONAL && ((role == Role.CLIENT && !mustBeSender) || (role != Role.CLIENT && mustBeSender))) {
                sumName = "sum_bidir_reverse";
            }
            IperfStream sp = streams.get(0);
            IntervalResult irp = last[0];
            String ubuf = Units.unit(bytes, 'A');
            double bandwidth = bytes / irp.duration;
            String nbuf = Units.unit(bandwidth, unitFormat);
            double st = sinceStart(irp.streamStartUs, irp.startUs);
            double et = sinceStart(irp.streamStartUs, irp.endUs);
            if (tcp()) {
                if (senderHasRetransmits == 1 && mustBeSender) {
                    jsonInterval.add(sumName, CJson.obj().add("start", st).add("end", et).add("seconds", irp.duration)
                            .add("bytes", bytes).add("bits_per_second", bandwidth * 8).add("retransmits", retransmits)
                            .add("omitted", irp.omitted).add("sender", mustBeSender));
                    if (textSum) {
                        out.printf(REPORT_SUM_BW_RETRANS_FORMAT, mbuf, st, et, ubuf, nbuf, retransmits,
                                irp.omitted ? REPORT_OMITTED : "");
                    }
                } else {
                    jsonInterval.add(sumName, CJson.obj().add("start", st).add("end", et).add("seconds", irp.duration)
                            .add("bytes", bytes).add("bits_per_second", bandwidth * 8).add("omitted", omitting)
                            .add("sender", mustBeSender));
                    if (textSum) {
                        out.printf(REPORT_SUM_BW_FORMAT, mbuf, st, et, ubuf, nbuf, omitting ? REPORT_OMITTED : "");
                    }
                }
            } else if (mustBeSender) {
                jsonInterval.add(sumName, CJson.obj().add("start", st).add("end", et).add("seconds", irp.duration)
                        .add("bytes", bytes).add("bits_per_second", bandwidth * 8).add("packets", totalPackets)
                        .add("omitted", omitting).add("sender", mustBeSender));
                if (textSum) {
                    out.printf(REPORT_SUM_BW_UDP_SENDER_FORMAT, mbuf, st, et, ubuf, nbuf, zbuf, totalPackets,
                            omitting ? REPORT_OMITTED : "");
                }
            } else {
                avgJitter /= numStreams();
                double lostPercent = totalPackets > 0 ? 100.0 * lostPackets / totalPackets : 0.0;
                jsonInterval.add(sumName, CJson.obj().add("start", st).add("end", et).add("seconds", irp.duration)
                        .add("bytes", bytes).add("bits_per_second", bandwidth * 8).add("jitter_ms", avgJitter * 1000.0)
                        .add("lost_packets", lostPackets).add("packets", totalPackets).add("lost_percent", lostPercent)
                        .add("omitted", omitting).add("sender", mustBeSender));
                if (textSum) {
                    out.printf(REPORT_SUM_BW_UDP_FORMAT, mbuf, st, et, ubuf, nbuf, avgJitter * 1000.0, lostPackets,
                            totalPackets, lostPercent, omitting ? REPORT_OMITTED : "");
                }
            }
        }
    }

    /** print_interval_results for one stream. */
    private void printIntervalResults(IperfStream sp, IntervalResult irp, List<Object> jsonIntervalStreams) {
        boolean text = !json;
        String mbuf = mode == Mode.BIDIRECTIONAL ? roleTag(sp.sender) : "";
        String zbuf = mode == Mode.BIDIRECTIONAL ? "          " : "";
        if (irp == null) {
            return;
        }
        if (text && sp == streams.get(0)) {
            if (irp.first) {
                if (tcp()) {
                    if (senderHasRetransmits == 1) {
                        out.print(settings.bidirectional ? REPORT_BW_RETRANS_CWND_HEADER_BIDIR : REPORT_BW_RETRANS_CWND_HEADER);
                    } else {
                        out.print(settings.bidirectional ? REPORT_BW_HEADER_BIDIR : REPORT_BW_HEADER);
                    }
                } else if (mode == Mode.SENDER) {
                    out.print(REPORT_BW_UDP_SENDER_HEADER);
                } else if (mode == Mode.RECEIVER) {
                    out.print(REPORT_BW_UDP_HEADER);
                } else {
                    out.print(REPORT_BW_UDP_HEADER_BIDIR);
                }
            } else if (numStreams() > 1) {
                out.print(REPORT_BW_SEPARATOR);
            }
        }
        String ubuf = Units.unit(irp.bytesTransferred, 'A');
        double bandwidth = irp.duration > 0.0 ? irp.bytesTransferred / irp.duration : 0.0;
        String nbuf = Units.unit(bandwidth, unitFormat);
        double st = sinceStart(irp.streamStartUs, irp.startUs);
        double et = sinceStart(irp.streamStartUs, irp.endUs);
        String omitted = irp.omitted ? REPORT_OMITTED : "";
        if (tcp()) {
            if (senderHasRetransmits == 1 && sp.sender) {
                jsonIntervalStreams.add(CJson.obj().add("socket", sp.socket).add("start", st).add("end", et)
                        .add("seconds", irp.duration).add("bytes", irp.bytesTransferred).add("bits_per_second", bandwidth * 8)
                        .add("retransmits", irp.intervalRetrans).add("snd_cwnd", irp.sndCwnd).add("rtt", irp.rtt)
                        .add("rttvar", irp.rttvar).add("pmtu", irp.pmtu).add("omitted", irp.omitted).add("sender", sp.sender));
                if (text) {
                    out.printf(REPORT_BW_RETRANS_CWND_FORMAT, sp.socket, mbuf, st, et, ubuf, nbuf, irp.intervalRetrans,
                            Units.unit(irp.sndCwnd, 'A'), omitted);
                }
            } else {
                jsonIntervalStreams.add(CJson.obj().add("socket", sp.socket).add("start", st).add("end", et)
                        .add("seconds", irp.duration).add("bytes", irp.bytesTransferred).add("bits_per_second", bandwidth * 8)
                        .add("omitted", irp.omitted).add("sender", sp.sender));
                if (text) {
                    out.printf(REPORT_BW_FORMAT, sp.socket, mbuf, st, et, ubuf, nbuf, omitted);
                }
            }
        } else if (sp.sender) {
            jsonIntervalStreams.add(CJson.obj().add("socket", sp.socket).add("start", st).add("end", et)
                    .add("seconds", irp.duration).add("bytes", irp.bytesTransferred).add("bits_per_second", bandwidth * 8)
                    .add("packets", irp.intervalPacketCount).add("omitted", irp.omitted).add("sender", sp.sender));
            if (text) {
                out.printf(REPORT_BW_UDP_SENDER_FORMAT, sp.socket, mbuf, st, et, ubuf, nbuf, zbuf, irp.intervalPacketCount,
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
                out.printf(REPORT_BW_UDP_FORMAT, sp.socket, mbuf, st, et, ubuf, nbuf, irp.jitter * 1000.0, irp.intervalCntError,
                        irp.intervalPacketCount, lostPercent, omitted);
            }
        }
    }

    /** iperf_print_results: the final summary (JSON always built, text unless -J). */
    void printResults() {
        boolean text = !json;
        int tmpSenderHasRetransmits = senderHasRetransmits;
        List<Object> jsonSummaryStreams = new ArrayList<>();
        jsonEnd.add("streams", jsonSummaryStreams);
        if (text) {
            out.print(REPORT_BW_SEPARATOR);
            if (tcp()) {
                if (senderHasRetransmits != 0 || otherSideHasRetransmits != 0) {
                    out.print(settings.bidirectional ? REPORT_BW_RETRANS_HEADER_BIDIR : REPORT_BW_RETRANS_HEADER);
                } else {
                    out.print(settings.bidirectional ? REPORT_BW_HEADER_BIDIR : REPORT_BW_HEADER);
                }
            } else {
                out.print(settings.bidirectional ? REPORT_BW_UDP_HEADER_BIDIR : REPORT_BW_UDP_HEADER);
            }
        }
        boolean[] order = mode.sumOrder(role);
        for (int pass = 0; pass < order.length; pass++) {
            boolean mustBeSender = order[pass];
            long totalRetransmits = 0;
            long totalPackets = 0;
            long lostPackets = 0;
            long senderTotalPackets = 0;
            long receiverTotalPackets = 0;
            long totalSent = 0;
            long totalReceived = 0;
            double endTime = 0.0;
            double avgJitter = 0.0;
            double lostPercent;
            double senderTime = 0.0;
            double receiverTime = 0.0;
            double bandwidth;
            String mbuf = mode == Mode.BIDIRECTIONAL ? roleTag(mustBeSender) : "";
            if (mode == Mode.BIDIRECTIONAL && mustBeSender) {
                senderHasRetransmits = tmpSenderHasRetransmits;
            } else if (mode == Mode.BIDIRECTIONAL) {
                senderHasRetransmits = otherSideHasRetransmits;
            }
            double startTime = 0.;
            if (!streams.isEmpty()) {
                IperfStream first = streams.get(0);
                endTime = Clock.secs(first.endUs - first.startUs);
                if (first.sender) {
                    first.senderTime = endTime;
                    if (first.receiverTime == 0.0) {
                        first.receiverTime = first.senderTime;
                    }
                } else {
                    first.receiverTime = endTime;
                    if (first.senderTime == 0.0) {
                        first.senderTime = first.receiverTime;
                    }
                }
                senderTime = first.senderTime;
                receiverTime = first.receiverTime;
                for (IperfStream sp : streams) {
                    if (sp.sender != mustBeSender) {
                        continue;
                    }
                    CJson.Obj jsonSummaryStream = CJson.obj();
                    jsonSummaryStreams.add(jsonSummaryStream);
                    long bytesSentS = sp.bytesSent - sp.bytesSentOmit;
                    long bytesReceivedS = sp.bytesReceived;
                    totalSent += bytesSentS;
                    totalReceived += bytesReceivedS;
                    long senderPacketCount;
                    long receiverPacketCount;
                    if (sp.sender) {
                        senderPacketCount = sp.packetCount;
                        receiverPacketCount = sp.peerPacketCount;
                    } else {
                        senderPacketCount = sp.peerPacketCount;
                        receiverPacketCount = sp.packetCount;
                    }
                    if (tcp()) {
                        if (senderHasRetransmits != 0) {
                            totalRetransmits += sp.streamRetrans;
                        }
                    } else {
                        long packetCount = senderPacketCount != 0 ? senderPacketCount : receiverPacketCount;
                        totalPackets += packetCount - sp.omittedPacketCount;
                        senderTotalPackets += senderPacketCount - sp.omittedPacketCount;
                        receiverTotalPackets += receiverPacketCount - sp.omittedPacketCount;
                        lostPackets += sp.cntError - sp.omittedCntError;
                        avgJitter += sp.jitter;
                    }
                    String ubuf = Units.unit(bytesSentS, 'A');
                    bandwidth = senderTime > 0.0 ? bytesSentS / senderTime : 0.0;
                    String nbuf = Units.unit(bandwidth, unitFormat);
                    if (tcp()) {
                        if (senderHasRetransmits != 0) {
                            jsonSummaryStream.add("sender", CJson.obj().add("socket", sp.socket).add("start", startTime)
                                    .add("end", senderTime).add("seconds", senderTime).add("bytes", bytesSentS)
                                    .add("bits_per_second", bandwidth * 8).add("retransmits", sp.streamRetrans)
                                    .add("max_snd_cwnd", sp.maxSndCwnd).add("max_rtt", sp.maxRtt).add("min_rtt", sp.minRtt)
                                    .add("mean_rtt", sp.countRtt == 0 ? 0 : sp.sumRtt / sp.countRtt).add("sender", mustBeSender));
                            if (text && !(role == Role.SERVER && !sp.sender)) {
                                out.printf(REPORT_BW_RETRANS_FORMAT, sp.socket, mbuf, startTime, senderTime, ubuf, nbuf,
                                        sp.streamRetrans, "sender");
                            }
                        } else {
                            jsonSummaryStream.add("sender", CJson.obj().add("socket", sp.socket).add("start", startTime)
                                    .add("end", senderTime).add("seconds", senderTime).add("bytes", bytesSentS)
                                    .add("bits_per_second", bandwidth * 8).add("sender", mustBeSender));
                            if (text && !(role == Role.SERVER && !sp.sender)) {
                                out.printf(REPORT_BW_FORMAT, sp.socket, mbuf, startTime, senderTime, ubuf, nbuf, "sender");
                            }
                        }
                    } else {
                        long sent = senderPacketCount - sp.omittedPacketCount;
                        lostPercent = sent > 0 ? 100.0 * (sp.cntError - sp.omittedCntError) / sent : 0.0;
                        long packetCount = senderPacketCount != 0 ? senderPacketCount : receiverPacketCount;
                        jsonSummaryStream.add("udp", CJson.obj().add("socket", sp.socket).add("start", startTime)
                                .add("end", senderTime).add("seconds", senderTime).add("bytes", bytesSentS)
                                .add("bits_per_second", bandwidth * 8).add("jitter_ms", sp.jitter * 1000.0)
                                .add("lost_packets", sp.cntError - sp.omittedCntError)
                                .add("packets", packetCount - sp.omittedPacketCount).add("lost_percent", lostPercent)
                                .add("out_of_order", sp.outoforderPackets - sp.omittedOutoforderPackets)
                                .add("sender", mustBeSender));
                        if (text) {
                            if (!(role == Role.SERVER && !sp.sender)) {
                                out.printf(REPORT_BW_UDP_FORMAT, sp.socket, mbuf, startTime, senderTime, ubuf, nbuf, 0.0, 0,
                                        sent, 0.0, "sender");
                            }
                            if (sp.outoforderPackets - sp.omittedOutoforderPackets > 0) {
                                out.printf(REPORT_SUM_OUTOFORDER, mbuf, startTime, senderTime,
                                        sp.outoforderPackets - sp.omittedOutoforderPackets);
                            }
                        }
                    }
                    ubuf = Units.unit(bytesReceivedS, 'A');
                    bandwidth = receiverTime > 0 ? bytesReceivedS / receiverTime : 0.0;
                    nbuf = Units.unit(bandwidth, unitFormat);
                    if (tcp()) {
                        jsonSummaryStream.add("receiver", CJson.obj().add("socket", sp.socket).add("start", startTime)
                                .add("end", receiverTime).add("seconds", endTime).add("bytes", bytesReceivedS)
                                .add("bits_per_second", bandwidth * 8).add("sender", mustBeSender));
                        if (text && !(role == Role.SERVER && sp.sender)) {
                            out.printf(REPORT_BW_FORMAT, sp.socket, mbuf, startTime, receiverTime, ubuf, nbuf, "receiver");
                        }
                    } else if (text) {
                        long received = receiverPacketCount - sp.omittedPacketCount;
                        lostPercent = received > 0 ? 100.0 * (sp.cntError - sp.omittedCntError) / received : 0.0;
                        if (!(role == Role.SERVER && sp.sender)) {
                            out.printf(REPORT_BW_UDP_FORMAT, sp.socket, mbuf, startTime, receiverTime, ubuf, nbuf,
                                    sp.jitter * 1000.0, sp.cntError - sp.omittedCntError, received, lostPercent, "receiver");
                        }
                    }
                }
            }
            boolean textSum = text && numStreams() > 1;
            String sumName = "sum";
            String sumSentName = "sum_sent";
            String sumReceivedName = "sum_received";
            if (mode == Mode.BIDIRECTIONAL && ((role == Role.CLIENT && !mustBeSender) || (role != Role.CLIENT && mustBeSender))) {
                sumName = "sum_bidir_reverse";
                sumSentName = "sum_sent_bidir_reverse";
                sumReceivedName = "sum_received_bidir_reverse";
            }
            String ubuf = Units.unit(totalSent, 'A');
            bandwidth = senderTime > 0.0 ? totalSent / senderTime : 0.0;
            String nbuf = Units.unit(bandwidth, unitFormat);
            if (tcp()) {
                if (senderHasRetransmits != 0) {
                    jsonEnd.add(sumSentName, CJson.obj().add("start", startTime).add("end", senderTime)
                            .add("seconds", senderTime).add("bytes", totalSent).add("bits_per_second", bandwidth * 8)
                            .add("retransmits", totalRetransmits).add("sender", mustBeSender));
                    if (textSum && !(role == Role.SERVER && !mustBeSender)) {
                        out.printf(REPORT_SUM_BW_RETRANS_FORMAT, mbuf, startTime, senderTime, ubuf, nbuf, totalRetransmits,
                                "sender");
                    }
                } else {
                    jsonEnd.add(sumSentName, CJson.obj().add("start", startTime).add("end", senderTime)
                            .add("seconds", senderTime).add("bytes", totalSent).add("bits_per_second", bandwidth * 8)
                            .add("sender", mustBeSender));
                    if (textSum && !(role == Role.SERVER && !mustBeSender)) {
                        out.printf(REPORT_SUM_BW_FORMAT, mbuf, startTime, senderTime, ubuf, nbuf, "sender");
                    }
                }
                ubuf = Units.unit(totalReceived, 'A');
                bandwidth = receiverTime > 0.0 ? totalReceived / receiverTime : 0.0;
                nbuf = Units.unit(bandwidth, unitFormat);
                jsonEnd.add(sumReceivedName, CJson.obj().add("start", startTime).add("end", receiverTime)
                        .add("seconds", receiverTime).add("bytes", totalReceived).add("bits_per_second", bandwidth * 8)
                        .add("sender", mustBeSender));
                if (textSum && !(role == Role.SERVER && mustBeSender)) {
                    out.printf(REPORT_SUM_BW_FORMAT, mbuf, startTime, receiverTime, ubuf, nbuf, "receiver");
                }
            } else {
                avgJitter /= numStreams();
                lostPercent = totalPackets > 0 ? 100.0 * lostPackets / totalPackets : 0.0;
                jsonEnd.add(sumName, CJson.obj().add("start", startTime).add("end", receiverTime)
                        .add("seconds", receiverTime).add("bytes", totalSent).add("bits_per_second", bandwidth * 8)
                        .add("jitter_ms", avgJitter * 1000.0).add("lost_packets", lostPackets)
                        .add("packets", totalPackets).add("lost_percent", lostPercent).add("sender", mustBeSender));
                jsonEnd.add(sumSentName, CJson.obj().add("start", startTime).add("end", senderTime)
                        .add("seconds", senderTime).add("bytes", totalSent)
                        .add("bits_per_second", totalSent * 8 / senderTime).add("jitter_ms", 0.0)
                        .add("lost_packets", 0).add("packets", senderTotalPackets).add("lost_percent", 0.0)
                        .add("sender", true));
                jsonEnd.add(sumReceivedName, CJson.obj().add("start", startTime).add("end", receiverTime)
                        .add("seconds", receiverTime).add("bytes", totalReceived)
                        .add("bits_per_second", totalReceived * 8 / receiverTime).add("jitter_ms", avgJitter * 1000.0)
                        .add("lost_packets", lostPackets).add("packets", receiverTotalPackets)
                        .add("lost_percent", lostPercent).add("sender", false));
                if (textSum) {
                    if (!(role == Role.SERVER && !mustBeSender)) {
                        out.printf(REPORT_SUM_BW_UDP_FORMAT, mbuf, startTime, senderTime, ubuf, nbuf,
                                0.0, 0, senderTotalPackets, 0.0, "sender");
                    }
                    if (!(role == Role.SERVER && mustBeSender)) {
                        bandwidth = endTime > 0.0 ? totalReceived / receiverTime : 0.0;
                        out.printf(REPORT_SUM_BW_UDP_FORMAT, mbuf, startTime, receiverTime, Units.unit(totalReceived, 'A'),
                                Units.unit(bandwidth, unitFormat), avgJitter * 1000.0, lostPackets, receiverTotalPackets,
                                lostPercent, "receiver");
                    }
                }
            }
            if (pass == order.length - 1) {
                jsonEnd.add("cpu_utilization_percent", CJson.obj().add("host_total", cpuUtil[0]).add("host_user", cpuUtil[1])
                        .add("host_system", cpuUtil[2]).add("remote_total", remoteCpuUtil[0])
                        .add("remote_user", remoteCpuUtil[1]).add("remote_system", remoteCpuUtil[2]));
                if (tcp()) {
                    String snd = mustBeSender ? congestionUsed : remoteCongestionUsed;
                    String rcv = mustBeSender ? remoteCongestionUsed : congestionUsed;
                    if (snd != null) {
                        jsonEnd.add("sender_tcp_congestion", snd);
                    }
                    if (rcv != null) {
                        jsonEnd.add("receiver_tcp_congestion", rcv);
                    }
                }
            }
            if (text && role == Role.CLIENT && settings.getServerOutput) {
                if (jsonServerOutput != null) {
                    out.print("\nServer JSON output:\n" + CJson.print(jsonServerOutput) + "\n");
                    jsonServerOutput = null;
                }
                if (serverOutputText != null) {
                    out.print("\nServer output:\n" + serverOutputText + "\n");
                    serverOutputText = null;
                }
            }
        }
        if (mode == Mode.BIDIRECTIONAL) {
            senderHasRetransmits = tmpSenderHasRetransmits;
        }
    }

    // ---------------------------------------------------------------- results exchange

    /** send_results: this side's figures as the compact JSON for the control connection. */
    String resultsJson(String capturedServerText) {
        CJson.Obj j = CJson.obj();
        j.add("cpu_util_total", cpuUtil[0]).add("cpu_util_user", cpuUtil[1]).add("cpu_util_system", cpuUtil[2]);
        j.add("sender_has_retransmits", mode == Mode.RECEIVER ? -1 : senderHasRetransmits);
        if (congestionUsed != null) {
            j.add("congestion_used", congestionUsed);
        }
        if (role == Role.SERVER && settings.getServerOutput) {
            if (json) {
                j.add("server_output_json", jsonTop);
            } else if (capturedServerText != null) {
                j.add("server_output_text", capturedServerText);
            }
        }
        List<Object> js = new ArrayList<>();
        j.add("streams", js);
        for (IperfStream sp : streams) {
            long bytes = sp.sender ? sp.bytesSent - sp.bytesSentOmit : sp.bytesReceived;
            long retransmits = sp.sender && senderHasRetransmits != 0 ? sp.streamRetrans : -1;
            js.add(CJson.obj().add("id", sp.id).add("bytes", bytes).add("retransmits", retransmits).add("jitter", sp.jitter)
                    .add("errors", sp.cntError).add("packets", sp.packetCount).add("start_time", 0)
                    .add("end_time", Clock.secs(sp.endUs - sp.startUs)));
        }
        return CJson.compact(j);
    }

    /** A results object that cannot be used (get_results' IERECVRESULTS / IESTREAMID). */
    static final class ResultsException extends Exception {
        private static final long serialVersionUID = 1L;
        final int ierrno;

        ResultsException(String message, int ierrno) {
            super(message);
            this.ierrno = ierrno;
        }
    }

    /** get_results: the peer's figures into this side's streams. */
    void applyResults(String text) throws ResultsException {
        JsonNode j;
        try {
            j = CJson.parse(text);
        } catch (IOException e) {
            throw new ResultsException("results are not JSON", Iperf3.IERECVRESULTS);
        }
        JsonNode total = j.get("cpu_util_total");
        JsonNode user = j.get("cpu_util_user");
        JsonNode system = j.get("cpu_util_system");
        JsonNode shr = j.get("sender_has_retransmits");
        if (total == null || user == null || system == null || shr == null || !total.isNumber() || !user.isNumber()
                || !system.isNumber() || !shr.isNumber()) {
            throw new ResultsException("results lack the cpu_util_* or sender_has_retransmits numbers", Iperf3.IERECVRESULTS);
        }
        remoteCpuUtil[0] = total.asDouble();
        remoteCpuUtil[1] = user.asDouble();
        remoteCpuUtil[2] = system.asDouble();
        int resultHasRetransmits = CJson.cInt(shr);
        if (mode == Mode.RECEIVER) {
            senderHasRetransmits = resultHasRetransmits;
            otherSideHasRetransmits = 0;
        } else if (mode == Mode.BIDIRECTIONAL) {
            otherSideHasRetransmits = resultHasRetransmits;
        }
        JsonNode js = j.get("streams");
        if (js == null || !js.isArray()) {
            throw new ResultsException("results have no streams array", Iperf3.IERECVRESULTS);
        }
        for (JsonNode s : js) {
            JsonNode id = s.get("id");
            JsonNode bytes = s.get("bytes");
            JsonNode retransmits = s.get("retransmits");
            JsonNode jitter = s.get("jitter");
            JsonNode errors = s.get("errors");
            JsonNode packets = s.get("packets");
            if (id == null || bytes == null || retransmits == null || jitter == null || errors == null || packets == null
                    || !id.isNumber() || !bytes.isNumber() || !retransmits.isNumber() || !jitter.isNumber()
                    || !errors.isNumber() || !packets.isNumber()) {
                throw new ResultsException("a stream in the results lacks id, bytes, retransmits, jitter, errors or packets",
                        Iperf3.IERECVRESULTS);
            }
            int sid = CJson.cInt(id);
            IperfStream sp = null;
            for (IperfStream x : streams) {
                if (x.id == sid) {
                    sp = x;
                    break;
                }
            }
            if (sp == null) {
                throw new ResultsException("stream has an invalid id: " + sid, Iperf3.IESTREAMID);
            }
            JsonNode st = s.get("start_time");
            JsonNode et = s.get("end_time");
            double peerTime = st != null && et != null && st.isNumber() && et.isNumber() ? et.asDouble() - st.asDouble() : 0.0;
            if (sp.sender) {
                sp.jitter = jitter.asDouble();
                sp.cntError = CJson.cInt(errors);
                sp.peerPacketCount = CJson.cInt(packets);
                sp.bytesReceived = CJson.int64(bytes);
                sp.receiverTime = peerTime;
            } else {
                sp.peerPacketCount = CJson.cInt(packets);
                sp.bytesSent = CJson.int64(bytes);
                sp.streamRetrans = CJson.cInt(retransmits);
                sp.senderTime = peerTime;
            }
        }
        if (role == Role.CLIENT && settings.getServerOutput) {
            JsonNode so = j.get("server_output_json");
            if (so != null && so.isObject()) {
                jsonServerOutput = CJson.fromJackson(so);
            } else {
                JsonNode st = j.get("server_output_text");
                if (st != null && st.isTextual()) {
                    serverOutputText = st.textValue();
                }
            }
        }
        JsonNode cc = j.get("congestion_used");
        if (cc != null && cc.isTextual()) {
            remoteCongestionUsed = cc.textValue();
        }
    }
}
