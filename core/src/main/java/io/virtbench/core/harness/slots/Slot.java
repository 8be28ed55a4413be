package io.virtbench.core.harness.slots;

import io.virtbench.core.clock.MonotonicClock;

/**
 * One of the run's {@code -c} slots: one request at a time, its phases stamped on the run's clock
 * (µs since the run's start). A slot belongs to one thread (its event loop); the run reads it
 * after every slot has stopped.
 *
 * <p>A request's phases, as ab times them: {@link #begin()} (a new connection is opened) or
 * {@link #beginOnConnection()} (an open one is reused: no connect time), {@link #connected()},
 * {@link #sending()} when the request is written and {@link #sent()} when the write completed
 * later, {@link #received()} on every piece of the response (the first one ends the waiting
 * time), then {@link RequestSlots#complete(Slot)}.
 */
public final class Slot {
    private final RequestSlots run;
    private final int index;
    private long startUs;
    private long connectUs;
    private long sentUs;
    private long firstByteUs = -1;
    private long doneUs;
    private long lastUs;
    private long lastActivityNs;
    private boolean active;
    // paced runs: this slot's k-th request is due at (k * c + index) / rate
    private long k;
    private long dueUs;

    Slot(RequestSlots run, int index) {
        this.run = run;
        this.index = index;
    }

    public int index() {
        return index;
    }

    /** Counts the slot as in use (once); false when it already was. */
    public boolean activate() {
        if (active) {
            return false;
        }
        active = true;
        run.activated();
        if (run.limits().paced()) {
            dueUs = dueOf(0);
        }
        return true;
    }

    /** The slot has nothing more to do; the run ends when no slot is active and every request is claimed. */
    public void deactivate() {
        if (active) {
            active = false;
            run.deactivated();
        }
    }

    /** A request starts with a new connection. */
    public long begin() {
        long now = run.nowMicros();
        startUs = now;
        lastUs = now;
        firstByteUs = -1;
        lastActivityNs = MonotonicClock.nanos();
        return now;
    }

    /** A request starts on an open connection: no connect time. */
    public long beginOnConnection() {
        long now = run.nowMicros();
        startUs = connectUs = now;
        lastUs = now;
        firstByteUs = -1;
        return now;
    }

    /** The next request will reuse the connection the last one completed on: it starts when that one ended. */
    public void reuseConnection() {
        startUs = connectUs = doneUs;
        lastUs = doneUs;
        firstByteUs = -1;
    }

    public void connected() {
        connectUs = run.nowMicros();
    }

    /** The request is being written; the time counts as sent unless {@link #sent()} comes later. */
    public void sending() {
        long now = run.nowMicros();
        sentUs = now;
        lastUs = now;
        firstByteUs = -1;
        lastActivityNs = MonotonicClock.nanos();
    }

    /** The request is written in full. */
    public void sent() {
        sentUs = run.nowMicros();
        lastUs = sentUs;
    }

    /** A piece of the response arrived. */
    public void received() {
        lastActivityNs = MonotonicClock.nanos();
        if (firstByteUs < 0) {
            firstByteUs = run.nowMicros();
        }
    }

    /** Whether nothing happened on this slot's request for {@code nanos} (a read of core's clock by the caller's timer). */
    public boolean idleFor(long nanos, long nowNanos) {
        return nowNanos - lastActivityNs >= nanos;
    }

    /** Paced runs: whether the next request is due at {@code nowUs}; always true otherwise. */
    public boolean due(long nowUs) {
        return !run.limits().paced() || nowUs >= dueUs;
    }

    /** Paced runs: whether the next request is due now. */
    public boolean due() {
        return !run.limits().paced() || run.nowMicros() >= dueUs;
    }

    /** When this slot's last completed request ended, µs since the start. */
    public long doneUs() {
        return doneUs;
    }

    // ---------------------------------------------------------- for the run

    /** Stamps the end of the request and stores its times at {@code at}, or only stamps it when {@code at < 0}. */
    void done(int at, RequestTimes times) {
        long now = run.nowMicros();
        doneUs = now;
        if (at >= 0) {
            long wait = firstByteUs < 0 ? 0 : Math.max(0, firstByteUs - sentUs);
            times.set(at, startUs, Math.max(0, connectUs - startUs), Math.max(0, now - startUs), wait);
            if (times.paced()) {
                times.setSinceDue(at, Math.max(0, now - dueUs));
            }
            lastUs = now;
        }
        if (run.limits().paced()) {
            k++;
            dueUs = dueOf(k);
        }
    }

    private long dueOf(long kk) {
        SlotLimits l = run.limits();
        return (long) ((kk * l.concurrency() + index) * 1e6 / l.rate());
    }

    long lastUs() {
        return lastUs;
    }
}
