package io.virtbench.core.harness.slots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.StopSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request slots on real threads and the real clock; assertions on structure, never on speed. */
@Timeout(60)
class RequestSlotsTest {

    /** One slot's closed loop, as a client's event loop drives it: one request at a time until none is left. */
    private static Thread client(RequestSlots run, int i, boolean keepAlive, long pauseMs) {
        Thread t = new Thread(() -> {
            Slot s = run.slot(i);
            s.activate();
            boolean open = false;
            while (!run.ended() && run.claim()) {
                if (open) {
                    s.beginOnConnection();
                } else {
                    s.begin();
                    s.connected();
                }
                s.sending();
                s.sent();
                s.received();
                s.received();
                pause(pauseMs);
                run.complete(s);
                open = keepAlive;
            }
            s.deactivate();
        }, "slot-" + i);
        t.start();
        return t;
    }

    private static void pause(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static SlotsResult runToEnd(RequestSlots run, List<Thread> clients, StopSignal stop) throws Exception {
        run.await(stop);
        for (Thread t : clients) {
            t.join(30_000);
            assertFalse(t.isAlive(), t.getName() + " stopped after the run ended");
        }
        return run.result();
    }

    @Test
    void everyRequestIsCompletedOnceAndItsTimesAreConsistent() throws Exception {
        int n = 2000;
        int c = 4;
        AtomicInteger ends = new AtomicInteger();
        RequestSlots run = new RequestSlots(new SlotLimits(n, 0, c, 0), ends::incrementAndGet);
        run.start();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            clients.add(client(run, i, i % 2 == 0, 0));
        }
        SlotsResult r = runToEnd(run, clients, StopSignal.never());
        assertEquals(SlotsEnd.COMPLETE, r.how());
        assertEquals(1, ends.get(), "the end callback runs once");
        assertEquals(n, r.completed());
        assertEquals(n, r.started());
        assertFalse(r.end().isBefore(r.start()));
        int[] start = r.times().column(RequestTimes.START_MS, n);
        int[] connect = r.times().column(RequestTimes.CONNECT_US, n);
        int[] total = r.times().column(RequestTimes.TOTAL_US, n);
        int[] wait = r.times().column(RequestTimes.WAIT_US, n);
        long maxEndUs = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(connect[i] <= total[i] && wait[i] <= total[i], "request " + i + ": phases inside its total time");
            maxEndUs = Math.max(maxEndUs, start[i] * 1000L + total[i]);
        }
        // the run lasts until its last completion (start is stored in whole ms, rounded down)
        assertTrue(r.seconds() * 1e6 + 1 >= maxEndUs - 1000, r.seconds() + " s, last end " + maxEndUs + " µs");
        Histogram h = r.totalNanos();
        assertEquals(n, h.getTotalCount());
        assertNull(r.sinceDueNanos(), "no pacing column without a rate");
    }

    @Test
    void completionsBeyondTheLimitAreNotRecorded() throws Exception {
        RequestSlots run = new RequestSlots(new SlotLimits(2, 0, 2, 0), () -> { });
        run.start();
        Slot a = run.slot(0);
        Slot b = run.slot(1);
        assertTrue(run.claim());
        assertTrue(run.claim());
        assertFalse(run.claim(), "only -n requests are handed out");
        run.unclaim();
        assertFalse(run.allClaimed());
        assertTrue(run.claim());
        a.begin();
        b.begin();
        assertEquals(0, run.complete(a));
        assertFalse(run.ended());
        assertEquals(1, run.complete(b));
        assertTrue(run.ended(), "the n-th completion ends the run");
        assertEquals(-1, run.complete(a));
        assertEquals(SlotsEnd.COMPLETE, run.await(StopSignal.never()));
        assertEquals(2, run.result().completed());
    }

    @Test
    void theTimeLimitEndsARunThatHasRequestsLeft() throws Exception {
        RequestSlots run = new RequestSlots(new SlotLimits(1_000_000, 0.2, 2, 0), () -> { });
        run.start();
        List<Thread> clients = List.of(client(run, 0, false, 1), client(run, 1, true, 1));
        SlotsResult r = runToEnd(run, clients, StopSignal.never());
        assertEquals(SlotsEnd.TIME_LIMIT, r.how());
        assertTrue(r.completed() < 1_000_000);
        assertTrue(r.seconds() >= 0.2, "a timed run lasts at least its limit: " + r.seconds());
    }

    @Test
    void aStopRequestEndsTheRunAsInterrupted() throws Exception {
        AtomicInteger ends = new AtomicInteger();
        RequestSlots run = new RequestSlots(new SlotLimits(1_000_000, 60, 1, 0), ends::incrementAndGet);
        run.start();
        StopSignal stop = new StopSignal();
        Thread t = client(run, 0, false, 1);
        Thread stopper = new Thread(() -> {
            pause(100);
            stop.request();
        });
        stopper.start();
        SlotsResult r = runToEnd(run, List.of(t), stop);
        stopper.join();
        assertEquals(SlotsEnd.INTERRUPTED, r.how());
        assertEquals(1, ends.get());
        assertFalse(run.finish(SlotsEnd.FAILED), "a run ends once");
        assertEquals(SlotsEnd.INTERRUPTED, run.end());
    }

    @Test
    void aRunWhoseClaimedRequestsNeverCompleteEndsWhenItsSlotsGoIdle() throws Exception {
        RequestSlots run = new RequestSlots(new SlotLimits(3, 0, 1, 0), () -> { });
        run.start();
        Slot s = run.slot(0);
        assertTrue(s.activate());
        assertFalse(s.activate(), "a slot counts once");
        assertTrue(run.claim());
        s.begin();
        assertEquals(0, run.complete(s));
        assertTrue(run.claim());
        assertTrue(run.claim()); // two requests lost (the server never answered in full)
        assertFalse(run.ended());
        s.deactivate();
        assertTrue(run.ended());
        SlotsResult r = run.result();
        assertEquals(SlotsEnd.COMPLETE, r.how());
        assertEquals(1, r.completed());
        assertEquals(3, r.started());
    }

    @Test
    void aKeptAliveConnectionHasNoConnectTimeAndStartsWhenTheLastRequestEnded() throws Exception {
        RequestSlots run = new RequestSlots(new SlotLimits(3, 0, 1, 0), () -> { });
        run.start();
        Slot s = run.slot(0);
        s.begin();
        Thread.sleep(2);
        s.connected();
        s.sending();
        assertEquals(0, run.complete(s));
        long firstEnd = s.doneUs();
        s.reuseConnection();
        s.sending();
        assertEquals(1, run.complete(s));
        s.beginOnConnection();
        s.sending();
        assertEquals(2, run.complete(s));
        int[] connect = run.result().times().column(RequestTimes.CONNECT_US, 3);
        int[] start = run.result().times().column(RequestTimes.START_MS, 3);
        int[] wait = run.result().times().column(RequestTimes.WAIT_US, 3);
        assertTrue(connect[0] >= 2000, "a new connection's connect time: " + connect[0]);
        assertEquals(0, connect[1]);
        assertEquals(0, connect[2]);
        assertEquals(firstEnd / 1000, start[1]);
        assertEquals(0, wait[0], "no response byte, no waiting time");
    }

    @Test
    void aPacedSlotIsDueOnItsScheduleAndRecordsHowLateItEnded() throws Exception {
        // 10 requests/s over 2 slots: slot i's k-th request is due at (2k + i) / 10 s
        RequestSlots run = new RequestSlots(new SlotLimits(4, 0, 2, 10), () -> { });
        Slot a = run.slot(0);
        Slot b = run.slot(1);
        a.activate();
        b.activate();
        assertTrue(a.due(0));
        assertFalse(b.due(99_999));
        assertTrue(b.due(100_000));
        run.start();
        assertTrue(run.claim());
        a.begin();
        assertEquals(0, run.complete(a));
        assertFalse(a.due(199_999), "slot 0's second request is due at 0.2 s");
        assertTrue(a.due(200_000));
        Histogram late = run.finish(SlotsEnd.FAILED) ? run.result().sinceDueNanos() : null;
        assertNotNull(late);
        assertEquals(1, late.getTotalCount());
    }

    @Test
    void limitsAndColumnsRejectWhatCannotBe() {
        assertThrows(IllegalArgumentException.class, () -> new SlotLimits(0, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlotLimits(1, -1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlotLimits(1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlotLimits(1, 0, 1, Double.NaN));
        RequestTimes t = new RequestTimes(3);
        assertThrows(IllegalStateException.class, () -> t.setSinceDue(0, 1));
        assertThrows(IllegalArgumentException.class, () -> t.column(RequestTimes.SINCE_DUE_US, 1));
        RequestSlots run = new RequestSlots(new SlotLimits(1, 0, 1, 0), () -> { });
        assertThrows(IllegalStateException.class, run::result, "no result before the run ended");
    }

    @Test
    void timesSpanChunksAndAreClamped() {
        int n = (1 << 16) + 3;
        RequestTimes t = new RequestTimes(n, true);
        t.set(n - 1, 5_000, -4, 7, Long.MAX_VALUE);
        t.setSinceDue(n - 1, 9);
        t.set(0, 1_999, 1, 2, 3);
        assertEquals(5, t.column(RequestTimes.START_MS, n)[n - 1]);
        assertEquals(0, t.column(RequestTimes.CONNECT_US, n)[n - 1]);
        assertEquals(7, t.column(RequestTimes.TOTAL_US, n)[n - 1]);
        assertEquals(Integer.MAX_VALUE, t.column(RequestTimes.WAIT_US, n)[n - 1]);
        assertEquals(9, t.column(RequestTimes.SINCE_DUE_US, n)[n - 1]);
        assertEquals(1, t.column(RequestTimes.START_MS, 1)[0]);
        assertEquals(0, t.column(RequestTimes.TOTAL_US, n)[70], "an unwritten request reads as 0");
        assertEquals(20, RequestTimes.bytesPerRequest(true));
    }
}
