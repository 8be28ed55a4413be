package io.virtbench.core.harness.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ByteStreamMeterTest {

    /** A copy of what a close handed over. */
    record Closed(int stream, long startUs, long endUs, long phaseStartUs, long bytes, boolean first, boolean omitted) {
    }

    private static StreamInterval.Sink into(List<Closed> list) {
        return s -> list.add(new Closed(s.stream(), s.startUs(), s.endUs(), s.phaseStartUs(), s.bytes(), s.first(),
                s.omitted()));
    }

    /**
     * A test driven as a protocol drives it, on one real event-loop thread with real timers: two
     * streams count bytes every millisecond, intervals close every 20 ms, the warm-up ends at
     * 50 ms and the test at 150 ms. Asserted is the structure, not how many bytes or intervals.
     */
    @Test
    void intervalsTileTheTestAndTheMeasuredBytesAreTheirSum() throws Exception {
        ByteStreamMeter meter = new ByteStreamMeter(20_000_000L, 50_000_000L);
        StreamCounter a = meter.add(new StreamCounter());
        StreamCounter b = meter.add(new StreamCounter());
        List<Closed> closed = new ArrayList<>();
        List<Long> omittedAtEnd = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            loop.execute(() -> {
                meter.start();
                a.add(1000); // counted in the warm-up whatever the timers do
                b.add(10);
                ScheduledFuture<?> send = loop.scheduleAtFixedRate(() -> {
                    if (a.operations() < 10_000) {
                        a.add(1460);
                        b.add(7);
                    }
                }, 1, 1, TimeUnit.MILLISECONDS);
                ScheduledFuture<?> stats = loop.scheduleAtFixedRate(() -> meter.closeInterval(into(closed)),
                        meter.nanosFromStart(20_000_000L), 20_000_000L, TimeUnit.NANOSECONDS);
                loop.schedule(() -> {
                    meter.endOmit();
                    omittedAtEnd.add(a.omittedBytes());
                }, meter.nanosFromStart(50_000_000L), TimeUnit.NANOSECONDS);
                loop.schedule(() -> {
                    send.cancel(false);
                    stats.cancel(false);
                    meter.closeInterval(into(closed));
                    meter.end();
                    done.countDown();
                }, meter.nanosFromStart(150_000_000L), TimeUnit.NANOSECONDS);
            });
            assertTrue(done.await(10, TimeUnit.SECONDS), "the test ended");
        } finally {
            loop.shutdownNow();
        }
        assertEquals(StreamPhase.ENDED, meter.phase());
        assertEquals(closed.size(), 2 * meter.intervals(), "one interval per stream per close");
        for (int stream = 0; stream < 2; stream++) {
            StreamCounter c = stream == 0 ? a : b;
            long prevEnd = meter.startUs();
            long measured = 0;
            boolean seenMeasured = false;
            boolean first = true;
            for (Closed x : closed) {
                if (x.stream() != stream) {
                    continue;
                }
                assertEquals(prevEnd, x.startUs(), "each interval starts where the previous ended");
                assertTrue(x.endUs() >= x.startUs());
                assertEquals(first, x.first());
                first = false;
                if (x.omitted()) {
                    assertFalse(seenMeasured, "no omitted interval after a measured one");
                    assertEquals(meter.startUs(), x.phaseStartUs());
                } else {
                    seenMeasured = true;
                    measured += x.bytes();
                    assertEquals(meter.phaseStartUs(), x.phaseStartUs());
                }
                prevEnd = x.endUs();
            }
            assertTrue(seenMeasured, "the measured phase closed intervals");
            assertEquals(meter.lastEndUs(), prevEnd, "the last interval ends the test");
            assertEquals(c.measuredBytes(), measured, "the measured intervals sum to the measured bytes");
            assertEquals(c.bytes() - c.omittedBytes(), c.measuredBytes());
        }
        assertTrue(omittedAtEnd.get(0) >= 1000, "the warm-up's bytes are omitted");
        assertEquals(a.omittedBytes(), omittedAtEnd.get(0), "nothing is omitted after the warm-up");
        assertEquals(a.measuredBytes() + b.measuredBytes(), meter.measuredBytes());
        assertEquals(meter.lastEndUs() - meter.phaseStartUs(), meter.measuredUs());
        assertTrue(meter.phaseStartUs() >= meter.startUs() + 50_000, "the measured phase starts after the warm-up");
    }

    @Test
    void aWarmUpThatClosedNoIntervalStartsTheFirstInterval() {
        ByteStreamMeter meter = new ByteStreamMeter(0, 1_000_000_000L);
        StreamCounter c = meter.add(new StreamCounter());
        meter.startAt(1_000_000);
        assertTrue(meter.omitting());
        c.add(500);
        meter.endOmitAt(2_000_000);
        assertEquals(StreamPhase.MEASURE, meter.phase());
        c.add(300);
        List<Closed> closed = new ArrayList<>();
        meter.closeInterval(2_500_000, into(closed));
        assertEquals(List.of(new Closed(0, 2_000_000, 2_500_000, 2_000_000, 300, true, false)), closed);
        assertEquals(300, c.measuredBytes());
        assertEquals(500, c.omittedBytes());
        assertEquals(2, c.measuredOperations() + 1, "one measured operation");
        assertEquals(500_000, meter.measuredUs());
    }

    @Test
    void withoutWarmUpEverythingIsMeasured() {
        ByteStreamMeter meter = new ByteStreamMeter(1_000_000_000L, 0);
        StreamCounter c = meter.add(new StreamCounter());
        meter.startAt(0);
        assertEquals(StreamPhase.MEASURE, meter.phase());
        c.add(5);
        List<Closed> closed = new ArrayList<>();
        meter.closeInterval(1_000_000, into(closed));
        c.add(6);
        meter.closeInterval(2_000_000, into(closed));
        assertEquals(List.of(new Closed(0, 0, 1_000_000, 0, 5, true, false),
                new Closed(0, 1_000_000, 2_000_000, 0, 6, false, false)), closed);
        assertEquals(11, meter.measuredBytes());
    }

    @Test
    void streamsAreAddedBeforeTheStart() {
        ByteStreamMeter meter = new ByteStreamMeter(0, 0);
        meter.start();
        assertThrows(IllegalStateException.class, () -> meter.add(new StreamCounter()));
        assertThrows(IllegalArgumentException.class, () -> new ByteStreamMeter(-1, 0));
    }

    @Test
    void countingAndClosingAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ByteStreamMeter meter = new ByteStreamMeter(1_000_000, 0);
        StreamCounter c = meter.add(new StreamCounter());
        meter.start();
        long[] seen = new long[1];
        StreamInterval.Sink sink = s -> seen[0] += s.bytes();
        for (int warm = 0; warm < 20_000; warm++) {
            c.add(1);
            meter.closeInterval(warm, sink);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            c.add(1460);
            if (i % 100 == 0) {
                meter.closeInterval(i, sink);
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 100000 counts");
        assertEquals(20_000 + 100_000 / 100 * 100 * 1460L - 99 * 1460L, seen[0]);
    }
}
