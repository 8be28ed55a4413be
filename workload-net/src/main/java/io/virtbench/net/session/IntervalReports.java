package io.virtbench.net.session;

import io.virtbench.net.protocol.Mode;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Where and when the interval reports of one test are printed: inline, or on a reporter thread. */
final class IntervalReports {

    private final IperfSession s;

    public IntervalReports(IperfSession session) {
        this.s = session;
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
     * ({@link IperfSession#statsCallback}), at the same moment as before; only the printing moves. Null (the
     * default): printed inline.
     */
    private ExecutorService reporter;
    /** The latest report handed to {@link #reporter}; reports run in order, so it is the last to finish. */
    private Future<?> pendingReport;

    /** Prints this test's interval reports on {@link #REPORTER}, a daemon thread shared by all tests. */
    public void reportOffLoop() {
        reportOffLoop(REPORTER);
    }

    /**
     * Reports on the reporter thread ({@link #reportOffLoop()}); where this side only sends UDP,
     * each handed over {@link IperfSession#OFF_BOUNDARY_MS} after its interval closed, on {@code loop} (the
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
    public void placeReports(ScheduledExecutorService loop) {
        reportOffLoop();
        if (s.settings.udp() && s.mode == Mode.SENDER) {
            handOffLoop = loop;
        }
    }

    /** With {@link #placeReports}, for a UDP sender: the loop that hands reports over late. */
    private ScheduledExecutorService handOffLoop;
    /** Reports closed and not yet handed over, oldest first (on the loop). */
    private final ArrayDeque<Runnable> deferredReports = new ArrayDeque<>();

    /** Whether interval reports run on the reporter thread (for tests). */
    public boolean reportsOffLoop() {
        return reporter != null;
    }

    /** Whether interval reports are handed over late (for tests). */
    public boolean reportsHandedOffLate() {
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
    public void reportOffLoop(ExecutorService thread) {
        reporter = thread;
    }

    /** One thread for the interval reports of every test in this process (tests on it run in order). */
    private static final ExecutorService REPORTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "virtbench-net-report");
        t.setDaemon(true);
        return t;
    });

    /** The interval report just closed by {@link IperfSession#statsCallback}: inline, or on the reporter thread. */
    public void intervalReport() {
        if (reporter == null) {
            s.report.printIntermediate();
            return;
        }
        // what the report reads that the loop changes later: taken now, handed over
        IntervalResult[] last = s.report.lastIntervals();
        boolean omit = s.omitting();
        Runnable print = () -> s.report.printIntermediate(last, omit);
        if (handOffLoop != null) {
            deferredReports.add(print);
            handOffLoop.schedule(this::handOffDeferred, IperfSession.OFF_BOUNDARY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        pendingReport = reporter.submit(print);
    }

    /**
     * Waits until the interval reports handed to the reporter thread are printed, so that what the
     * loop prints next (the summary, a last interval) follows them, and what they added to the
     * JSON document is visible here. A report that fails is reported as if it had failed inline.
     */
    public void awaitReports() {
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
}
