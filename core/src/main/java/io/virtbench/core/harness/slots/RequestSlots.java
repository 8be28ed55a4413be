package io.virtbench.core.harness.slots;

import io.virtbench.core.clock.MonotonicClock;
import io.virtbench.core.harness.StopSignal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run of requests over {@code -c} slots, on core's clock: the shape of a closed-loop request
 * client such as ab. It owns the run's limits and time: it hands out requests ({@link #claim()},
 * at most {@code -n}), stamps each request's phases in its {@link Slot}, records every completed
 * request's times by completion index ({@link #complete(Slot)}), and ends the run once: when
 * {@code -n} requests completed, when every request is claimed and no slot is active any more, at
 * the time limit, on a stop request, or when the workload gives up ({@link #finish}).
 *
 * <p>The workload drives its own event loops and protocol; the slots may be used from any
 * threads, each slot from one thread at a time. Typical use:
 * <pre>
 *   RequestSlots run = new RequestSlots(limits, onEnd);  // onEnd: tell the loops to stop
 *   run.start();                                          // the clock's zero
 *   ... loops: slot.activate(), run.claim(), slot.begin()/connected()/sending()/received(),
 *       run.complete(slot), slot.deactivate() ...
 *   run.await(stop);                                      // until the run ends
 *   ... wait until the loops have stopped touching their slots ...
 *   SlotsResult r = run.result();
 * </pre>
 */
public final class RequestSlots {
    private final SlotLimits limits;
    private final Runnable onEnd;
    private final Slot[] slots;
    private final RequestTimes times;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicReference<SlotsEnd> end = new AtomicReference<>();
    private volatile long baseNs;
    private volatile long endUs;
    private Instant wallStart;

    /**
     * @param onEnd called once when the run ends, on the thread that ended it (it must not block:
     *              typically it asks the event loops to drop their connections)
     */
    public RequestSlots(SlotLimits limits, Runnable onEnd) {
        this.limits = limits;
        this.onEnd = onEnd;
        this.times = new RequestTimes(limits.requests(), limits.paced());
        this.slots = new Slot[limits.concurrency()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(this, i);
        }
    }

    public SlotLimits limits() {
        return limits;
    }

    public Slot slot(int i) {
        return slots[i];
    }

    /** The clock's zero: the run starts now. */
    public void start() {
        wallStart = Instant.now();
        baseNs = MonotonicClock.nanos();
    }

    /** µs since {@link #start()}. */
    public long nowMicros() {
        return (MonotonicClock.nanos() - baseNs) / 1000;
    }

    /** The monotonic clock, for comparing with {@link Slot#idleFor}. */
    public long nowNanos() {
        return MonotonicClock.nanos();
    }

    /** Claims the next request, false once {@code -n} are claimed (ab's {@code started < requests}). */
    public boolean claim() {
        while (true) {
            int s = started.get();
            if (s >= limits.requests()) {
                return false;
            }
            if (started.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** Gives a claimed request back (it was never sent). */
    public void unclaim() {
        started.decrementAndGet();
    }

    /** Whether every request has been claimed. */
    public boolean allClaimed() {
        return started.get() >= limits.requests();
    }

    /**
     * The slot's request is over: stamps its end and, while fewer than {@code -n} have completed,
     * records its times. Returns its completion index (0-based), or -1 when {@code -n} requests had
     * already completed. The {@code -n}-th completion ends the run ({@link SlotsEnd#COMPLETE}).
     */
    public int complete(Slot slot) {
        int at = done.getAndIncrement();
        boolean kept = at < limits.requests();
        slot.done(kept ? at : -1, times);
        if (kept && at + 1 == limits.requests()) {
            finish(SlotsEnd.COMPLETE);
        }
        return kept ? at : -1;
    }

    /** Whether the run has ended; the loops stop their work when it has. */
    public boolean ended() {
        return end.get() != null;
    }

    /** How the run ended, or null while it runs. */
    public SlotsEnd end() {
        return end.get();
    }

    /** Ends the run (once; later calls return false and change nothing). */
    public boolean finish(SlotsEnd how) {
        if (!end.compareAndSet(null, how)) {
            return false;
        }
        endUs = nowMicros();
        onEnd.run();
        synchronized (this) {
            notifyAll();
        }
        return true;
    }

    void activated() {
        active.incrementAndGet();
    }

    void deactivated() {
        if (active.decrementAndGet() == 0 && allClaimed() && !ended()) {
            // every request was claimed and nothing is in flight any more (some claimed requests
            // never completed): nothing left to wait for
            finish(SlotsEnd.COMPLETE);
        }
    }

    /**
     * Waits until the run ends, ending it at the time limit or on a stop request. Interrupted, it
     * ends the run ({@link SlotsEnd#INTERRUPTED}) and throws.
     */
    public SlotsEnd await(StopSignal stop) throws InterruptedException {
        long limit = limits.timeLimitSeconds() > 0 ? baseNs + (long) (limits.timeLimitSeconds() * 1e9) : Long.MAX_VALUE;
        try (AutoCloseable ignored = stop.onRequest(() -> finish(SlotsEnd.INTERRUPTED))) {
            while (!ended()) {
                long now = MonotonicClock.nanos();
                if (limit != Long.MAX_VALUE && now - limit >= 0) {
                    finish(SlotsEnd.TIME_LIMIT);
                    break;
                }
                long waitNs = limit == Long.MAX_VALUE ? 50_000_000L : Math.min(limit - now, 50_000_000L);
                synchronized (this) {
                    if (!ended()) {
                        TimeUnit.NANOSECONDS.timedWait(this, Math.max(waitNs, 1));
                    }
                }
            }
        } catch (InterruptedException e) {
            finish(SlotsEnd.INTERRUPTED);
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return end.get();
    }

    /**
     * What the run measured; call it after the run ended and every slot's thread has stopped
     * touching its slot. Its duration is ab's: from the start to the last activity of any slot
     * (the last completed request), at least the time limit when it ended there, and up to the
     * stop when it was interrupted.
     */
    public SlotsResult result() {
        SlotsEnd how = end.get();
        if (how == null) {
            throw new IllegalStateException("the run has not ended");
        }
        long last = 0;
        for (Slot s : slots) {
            last = Math.max(last, s.lastUs());
        }
        long us = switch (how) {
            case INTERRUPTED -> endUs;
            case TIME_LIMIT -> Math.max(last, (long) (limits.timeLimitSeconds() * 1e6));
            default -> last;
        };
        int completed = Math.min(done.get(), limits.requests());
        return new SlotsResult(how, wallStart, Instant.now(), us / 1e6, Math.min(started.get(), limits.requests()),
                completed, times);
    }
}
