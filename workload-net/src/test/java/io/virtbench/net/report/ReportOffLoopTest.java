package io.virtbench.net.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.net.protocol.Role;
import io.virtbench.net.protocol.TestSettings;
import io.virtbench.net.session.IperfSession;
import io.virtbench.net.session.IperfStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interval reports printed on a reporter thread ({@link IperfSession#reportOffLoop}) read the
 * interval as it was when the loop closed it, come out in order, and come before the summary: the
 * text and JSON are the same as when every report is printed inline.
 */
class ReportOffLoopTest {
    /** Text printed, and the name of the thread that printed each piece. */
    private static final class Recording {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> threads = new ArrayList<>();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8) {
            @Override
            public void print(String s) {
                synchronized (threads) {
                    threads.add(Thread.currentThread().getName() + ": " + s);
                }
                super.print(s);
            }
        };

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static String run(IperfSession test, Recording rec, Runnable afterEachInterval) {
        return run(test, rec, afterEachInterval, false);
    }

    /** Three seconds of four datagrams each, received or ({@code sending}) sent, with a report a second. */
    private static String run(IperfSession test, Recording rec, Runnable afterEachInterval, boolean sending) {
        test.jsonStart("x", "y");
        IperfStream s = new IperfStream(1, sending, 5, null);
        test.addStream(s);
        test.initTest(0);
        long pcount = 0;
        for (int second = 1; second <= 3; second++) {
            for (int i = 0; i < 4; i++) { // four datagrams a second, each with its own transit time
                long sent = (second - 1) * 1_000_000L + i * 250_000L;
                if (sending) {
                    s.packetCount = ++pcount;
                    s.counter.add(1460);
                    continue;
                }
                s.udpReceived(1460, ++pcount, sent, sent + 40 + 17 * i * second);
            }
            if (second == 2) {
                pcount++; // one lost
            }
            test.statsCallback(second * 1_000_000L);
            test.reporterCallback(false);
            afterEachInterval.run();
        }
        if (!sending) {
            s.udpReceived(1460, ++pcount, 3_100_000L, 3_100_090L);
        }
        test.statsCallback(3_200_000L);
        test.reporterCallback(true);
        return rec.text();
    }

    @Test
    void everySideReportsOnTheReporterThreadAndASideThatOnlySendsUdpHandsOverLate() {
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        java.util.concurrent.ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            for (boolean udp : new boolean[] {false, true}) {
                for (int direction = 0; direction < 3; direction++) { // forward, -R, --bidir
                    TestSettings settings = new TestSettings();
                    settings.protocol = udp ? TestSettings.Protocol.UDP : TestSettings.Protocol.TCP;
                    settings.reverse = direction == 1;
                    settings.bidirectional = direction == 2;
                    for (Role role : Role.values()) {
                        IperfSession t = new IperfSession(role, settings, false, 'a', 1.0, new IperfOutput(none));
                        t.placeReports(loop);
                        boolean sendsOnly = udp && direction != 2 && (role == Role.CLIENT) == (direction == 0);
                        String what = (udp ? "udp" : "tcp") + " direction " + direction + " role " + role;
                        assertTrue(t.reportsOffLoop(), what);
                        assertEquals(sendsOnly, t.reportsHandedOffLate(), what);
                    }
                }
            }
        } finally {
            loop.shutdownNow();
        }
    }

    /** A UDP sender's reports, handed over late, print what inline reports print, in order, before the summary. */
    @Test
    void reportsHandedOverLateEqualInlineReports() throws Exception {
        TestSettings settings = new TestSettings();
        settings.protocol = TestSettings.Protocol.UDP;
        settings.reverse = true; // the server sends

        Recording inlineRec = new Recording();
        IperfSession inline = new IperfSession(Role.SERVER, settings, false, 'a', 1.0, new IperfOutput(inlineRec.stream));
        String expected = run(inline, inlineRec, () -> { }, true);

        Recording lateRec = new Recording();
        IperfSession late = new IperfSession(Role.SERVER, settings, false, 'a', 1.0, new IperfOutput(lateRec.stream));
        java.util.concurrent.ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            // the whole test is one task of the loop, so no hand-off can run before its end: the
            // summary must hand over and wait for every report still held back
            String got = loop.submit(() -> {
                late.placeReports(loop);
                return run(late, lateRec, () -> assertFalse(lateRec.text().contains("0.00-1.00"), "handed over late"), true);
            }).get(10, TimeUnit.SECONDS);
            assertEquals(expected, got);
            assertEquals(inline.jsonFinish(), late.jsonFinish());
            assertTrue(expected.contains("  0.00-1.00 ") && expected.contains("  2.00-3.00 ") && expected.contains("sender"), expected);
            assertTrue(lateRec.threads.stream().anyMatch(t -> t.startsWith("virtbench-net-report: ") && t.contains("  1.00-2.00 ")),
                    lateRec.threads.toString());
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void reportsFromTheReporterThreadEqualInlineReportsAndPrecedeTheSummary() throws Exception {
        TestSettings settings = new TestSettings();
        settings.protocol = TestSettings.Protocol.UDP;

        Recording inlineRec = new Recording();
        IperfSession inline = new IperfSession(Role.SERVER, settings, false, 'a', 1.0, new IperfOutput(inlineRec.stream));
        String expected = run(inline, inlineRec, () -> { });

        Recording offRec = new Recording();
        IperfSession off = new IperfSession(Role.SERVER, settings, false, 'a', 1.0, new IperfOutput(offRec.stream));
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "reporter-under-test"));
        CountDownLatch release = new CountDownLatch(1);
        try {
            // hold the reporter back until the loop has closed every interval: each report must
            // still print the interval of its own second, not the latest
            thread.execute(() -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            off.reportOffLoop(thread);
            int[] second = {0};
            String got = run(off, offRec, () -> {
                if (++second[0] == 3) {
                    assertFalse(offRec.text().contains("0.00-1.00"), "no report printed while the reporter is held");
                    release.countDown();
                }
            });
            assertEquals(expected, got);
            assertEquals(inline.jsonFinish(), off.jsonFinish());
        } finally {
            thread.shutdownNow();
        }
        assertTrue(expected.contains("  0.00-1.00 ") && expected.contains("  2.00-3.00 ") && expected.contains("receiver"),
                expected);

        String caller = Thread.currentThread().getName();
        List<String> intervalLines = offRec.threads.stream().filter(t -> t.matches("(?s).*\\] +[0-9.]+-[0-9.]+ +sec .*")
                && !t.contains("receiver")).toList();
        assertEquals(3 + 1, intervalLines.size(), offRec.threads.toString()); // three seconds, then the last part
        for (int i = 0; i < 3; i++) {
            assertTrue(intervalLines.get(i).startsWith("reporter-under-test: "), intervalLines.get(i));
        }
        assertTrue(intervalLines.get(3).startsWith(caller + ": "), "the last interval is printed with the summary");
        assertTrue(offRec.threads.stream().filter(t -> t.contains("receiver")).allMatch(t -> t.startsWith(caller + ": ")));
    }
}
