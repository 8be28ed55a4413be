package io.virtbench.net;

import io.virtbench.core.clock.Stopwatch;
import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.stream.ByteStreamMeter;
import io.virtbench.net.client.ClientOptions;
import io.virtbench.net.client.IperfClient;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.protocol.Role;
import io.virtbench.net.protocol.TestSettings;
import io.virtbench.net.report.IperfOutput;
import io.virtbench.net.server.IperfServer;
import io.virtbench.net.server.ServerOptions;
import io.virtbench.net.session.IperfSession;
import io.virtbench.net.session.IperfStream;
import io.virtbench.net.session.StreamIo;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh JVM interprets its code until the JIT compiler has seen it run thousands of times.
 * For a network test that is not negligible: at iperf3's default 1 Mbit/s a UDP test carries
 * fewer than a thousand datagrams, so every arrival would be time-stamped by interpreted code,
 * whose variable delay shows as jitter that the network does not have; at 1 Gbit/s the slow
 * first seconds lose datagrams. So before its first test a virtbench process runs short tests
 * over its own loopback (a server and a client inside this JVM, nothing on the network under
 * test): TCP both ways, UDP both ways (short datagrams so the hot paths run often, and
 * loopback's long ones, see {@link #UDP_LENGTHS}), and last UDP paced by a fast pacing timer
 * both ways ({@link #PACED_TIMER_US}); see {@link #plan}. Then it waits until the JIT compiler
 * is idle (core's {@link JitWarmup#plan}: compilations it queued would otherwise run during the
 * test, on a small machine taking a CPU from the event loop just when a datagram arrives, and
 * show as jitter) and collects the garbage that start-up left. Four to seven seconds, once per
 * process; {@code --jit-warmup=off} (or {@code --no-warmup}) skips it.
 */
public final class Warmup {
    private static boolean done;

    private Warmup() {
    }

    /**
     * Rounds of interval reports per kind: past the thresholds of the JIT compiler's last tier
     * (C2: 5000 invocations of a method), counting the four kinds together.
     */
    static final int REPORT_ROUNDS = 4000;

    /**
     * The interval report (iperf_stats_callback and iperf_reporter_callback) runs once a second
     * per test, far too rarely to be compiled during a test, and the short warm-up tests above
     * take none or one. Interpreted, it takes about a millisecond of a CPU: the closing of the
     * interval on the event loop, the formatting and printing on the reporter thread
     * ({@link IperfSession#reportOffLoop}), on a 2-core machine next to the loop that time-stamps
     * datagrams. So the report path runs here, 4000 times per kind (UDP sender and receiver,
     * text and JSON), into nowhere. (TCP's report shares most of that code, and a late report
     * costs a TCP test nothing measurable.)
     */
    static void reports(PrintStream none) {
        IperfOutput out = new IperfOutput(none);
        TestSettings settings = new TestSettings();
        settings.protocol = TestSettings.Protocol.UDP;
        for (boolean json : new boolean[] {false, true}) {
            for (Role role : Role.values()) {
                IperfSession test = null;
                IperfStream sp = null;
                long now = ByteStreamMeter.nowUs();
                for (int i = 0; i < REPORT_ROUNDS; i++) {
                    if (i % 100 == 0) { // a fresh test now and then, so that the JSON intervals do not pile up
                        test = new IperfSession(role, settings, json, 'a', 1.0, out);
                        test.jsonStart("warm-up", "warm-up");
                        sp = new IperfStream(1, role == Role.CLIENT, 5, null);
                        test.addStream(sp);
                        test.initTest(now);
                    }
                    // every other round an interval of iperf3's default rate on the loopback (four 32 KiB
                    // datagrams a second): formatted only from the other kind, "128 KBytes  1.05 Mbits/sec"
                    // took branches the compiled report had never seen, and it was thrown away at a
                    // real test's first report (-XX:+PrintCompilation) and run interpreted
                    boolean slow = i % 2 == 1;
                    int len = slow ? UDP_LONG : 1460;
                    for (int k = slow ? 4 : 1; k > 0; k--) {
                        now += slow ? 250_000 : 1000;
                        if (sp.sender) {
                            sp.packetCount++;
                            sp.counter.add(len);
                        } else {
                            sp.udpReceived(len, sp.packetCount + 1, now - 50, now);
                        }
                    }
                    test.statsCallback(now);
                    test.reporterCallback(false);
                }
            }
        }
    }

    /** UDP datagrams of iperf3's default length on the loopback (from its MSS) and, below, on Ethernet. */
    static final int UDP_LONG = 32768;
    static final int UDP_SHORT = 1024;
    /**
     * The UDP warm-up tests' datagram lengths, in order: short ones (8192 datagrams, enough to
     * compile the receive path), long ones (64), short ones again. The receive path's buffers take
     * other branches for long datagrams (another size class of the allocator); compiled from
     * short ones only, the whole receive path (Netty's epollInReady with our handler inlined) was
     * deoptimized at the first long datagram of a real test, and at iperf3's default rate on the
     * loopback (four datagrams a second) it then stayed interpreted or in C1's profiling code for
     * the server's life, time-stamping datagrams late. The long ones after the first short ones
     * put both branches in the profile; the short ones after them compile it again with both.
     */
    static final int[] UDP_LENGTHS = {UDP_SHORT, UDP_LONG, UDP_SHORT};

    /**
     * The paced warm-up tests' pacing timer, target rate and duration. At a target rate a sender
     * sends from its pacing timer (every 1000 us by default): at iperf3's default 1 Mbit/s the
     * loop wakes a thousand times a second and sends a datagram at one wake-up in 250. The
     * unpaced UDP warm-up tests send at 2 Gbit/s, so the pacing timer's path (Netty's periodic
     * timer, its epoll wait with a timeout, {@link StreamIo}'s tick, the throttle check) ran a few
     * hundred times there, and a real paced test compiled it while it ran (-XX:+PrintCompilation,
     * the client at iperf3's defaults: 68 compilations during its 8 s, C2's of the loop's run
     * method, its epoll wait and the pacing tick among them, the last 6 s in), interpreted until
     * then, next to the sending loop on a 2-core machine. A timer of 20 us at 40 Mbit/s of
     * 1024-byte datagrams runs that path some 20000 times a second, with both outcomes of the
     * throttle check (about one tick in ten sends), for a second per direction. Like a real test
     * it ends by time and reports intervals (every 0.1 s), and it runs last: with a profile
     * without those (a test that ends by bytes, the TCP tests after it) the JIT compiler threw
     * compiled code away during the real test and compiled it again there. With these (and the
     * two shapes of interval in {@link #reports}), the same test compiled one method of the loop early (Netty's outer
     * SingleThreadIoEventLoop.run) and the rest after its last datagram.
     */
    static final int PACED_TIMER_US = 20;
    static final long PACED_RATE = 40_000_000L;
    static final int PACED_SECONDS = 1;
    /** The paced tests, last in {@link #plan}: one each way. */
    static final int PACED_TESTS = 2;

    /**
     * The warm-up tests against the private server on {@code port}, in order: TCP both ways, UDP
     * both ways in {@link #UDP_LENGTHS}, then the paced UDP tests (see {@link #PACED_TIMER_US}).
     * TCP first: what runs last shapes the profile the JIT compiler keeps.
     */
    static List<ClientOptions> plan(int port) {
        List<ClientOptions> plan = new ArrayList<>();
        for (boolean udp : new boolean[] {false, true}) {
            for (boolean reverse : new boolean[] {false, true}) {
                for (int length : udp ? UDP_LENGTHS : new int[] {0}) {
                    long bytes = udp ? (length == UDP_LONG ? 64L * UDP_LONG : 8192L * length) : 128L << 20;
                    plan.add(ClientOptions.builder("127.0.0.1").port(port).udp(udp).time(0).bytes(bytes)
                            .bitrate(udp ? 2_000_000_000L : -1).length(length).reverse(reverse).interval(0).build());
                }
            }
        }
        for (boolean reverse : new boolean[] {false, true}) { // PACED_TESTS
            plan.add(ClientOptions.builder("127.0.0.1").port(port).udp(true).time(PACED_SECONDS).bitrate(PACED_RATE)
                    .length(UDP_SHORT).reverse(reverse).interval(Iperf3.MIN_INTERVAL).pacingTimerUs(PACED_TIMER_US)
                    .build());
        }
        return plan;
    }

    /** Runs one warm-up test, stopped after ten seconds at most. */
    static IperfClient.Outcome run(ClientOptions o, PrintStream none) {
        Stopwatch took = Stopwatch.start();
        StopSignal stop = new StopSignal();
        Thread limit = new Thread(() -> {
            try {
                Thread.sleep(10_000);
                stop.request(); // a warm-up never holds up the real test for long
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "virtbench-warmup-limit");
        limit.setDaemon(true);
        limit.start();
        IperfClient.Outcome r = IperfClient.run(o, none, none, stop);
        limit.interrupt();
        if (System.getProperty("virtbench.warmup.debug") != null) {
            System.err.printf("warm-up %s%s%s%s: %.0f ms%s%n", o.udp() ? "udp" : "tcp", o.reverse() ? " -R" : "",
                    o.udp() ? " -l " + o.length() : "", o.time() != 0 ? " -t " + o.time() + " --pacing-timer " + o.pacingTimerUs() : "",
                    took.elapsedMillis(), r.ok() ? "" : " (" + r.error() + ")");
        }
        return r;
    }

    /** What the warm-up says it touched, in its line and the result. */
    static final String TOUCHED = "an iperf3 server of its own on 127.0.0.1, nothing on the network under test";
    /** Bound of one warm-up: the plan takes four to seven seconds here, more on a loaded machine. */
    static final double MAX_SECONDS = 30;

    /**
     * Before a process's first test: the whole warm-up (see the class comment), once.
     *
     * @return what it did, or null when it ran before
     */
    public static synchronized JitWarmup.Summary ensure() {
        if (done) {
            return null;
        }
        done = true;
        JitWarmup.Summary s = warm(false);
        unused = true;
        return s;
    }

    /** A warm-up ran and no client test has run since ({@link #beforeTest}). */
    private static boolean unused;
    /** What the latest warm-up did. */
    private static JitWarmup.Summary last;
    /** How often {@link #beforeTest} ran the paced tests again (for tests). */
    static int pacedAgain;

    /** Whether a warm-up ran and no client test since (for tests). */
    static synchronized boolean unused() {
        return unused;
    }

    /**
     * Before each client test of a process (every --repeat, each of the crosscheck's virtbench
     * clients): the whole warm-up before the first, and before a later one the paced tests again
     * and the wait for the JIT compiler, about two and a half seconds. The end of a test runs
     * timer tasks the compiled sending path had not seen, so the JIT compiler threw part of it
     * away there (-XX:+PrintCompilation: Netty's ScheduledFutureTask.run) and the next test
     * compiled it again while it sent. Nothing when no test ran since the last warm-up.
     *
     * @return the warm-up this test follows (the one just run, or the last one when no test
     *         came after it), or null when none could run
     */
    public static synchronized JitWarmup.Summary beforeTest() {
        if (!done) {
            ensure();
        } else if (!unused) {
            warm(true);
            pacedAgain++;
        }
        unused = false;
        return last;
    }

    /**
     * Core's {@link JitWarmup#plan}: the loopback tests, then the report rounds, then the wait
     * until the compilers are quiet; then the garbage that start-up left is collected.
     */
    private static JitWarmup.Summary warm(boolean pacedOnly) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        JitWarmup.Summary summary = null;
        try (IperfServer s = IperfServer.start(ServerOptions.defaults().withPort(0).withBind("127.0.0.1")
                .withCtrlTimeoutMs(5000), none, none)) {
            List<ClientOptions> tests = plan(s.port());
            List<JitWarmup.Round> rounds = new ArrayList<>();
            for (ClientOptions o : pacedOnly ? tests.subList(tests.size() - PACED_TESTS, tests.size()) : tests) {
                rounds.add(() -> run(o, none));
            }
            if (!pacedOnly) {
                rounds.add(() -> reports(none));
            }
            summary = JitWarmup.plan(rounds, TOUCHED, MAX_SECONDS, () -> false);
        } catch (Exception e) {
            // a warm-up that cannot run (no loopback?) only costs accuracy, never the test
        }
        if (System.getProperty("virtbench.warmup.debug") != null) {
            // "warm-up reports:" marks the warm-up's end (ServersListenAtOnceIT waits for it)
            System.err.println("warm-up" + (pacedOnly ? " again, no" : "") + " reports: "
                    + (summary == null ? "the loopback tests could not run" : summary.line()));
        }
        System.gc();
        last = summary;
        return summary;
    }
}
