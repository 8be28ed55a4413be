package io.virtbench.core.clock;

import java.util.concurrent.locks.LockSupport;

/**
 * The schedule of a probe repeated every period (is the guest up yet?): the first probe is due
 * when the job's stopwatch started, each next one a period after the one before. A probe that
 * took longer than the period moves the schedule, so the next probe runs at once and no burst of
 * overdue probes follows. The caller bounds the loop with a {@link Deadline}.
 */
public final class Poller {
    private final long periodNanos;
    private long dueNanos;
    private boolean first = true;

    private Poller(long dueNanos, long periodNanos) {
        this.dueNanos = dueNanos;
        this.periodNanos = Math.max(0, periodNanos);
    }

    /** Probes every {@code periodNanos}, the first due when {@code from} started. */
    public static Poller every(long periodNanos, Stopwatch from) {
        return new Poller(from.startNanos(), periodNanos);
    }

    /**
     * Parks until the next probe is due (at once if it already is). Returns early, with the
     * interrupt status kept, when the thread is interrupted.
     */
    public void awaitNext() {
        long now = MonotonicClock.nanos();
        if (!first) {
            long next = dueNanos + periodNanos;
            dueNanos = next - now < 0 ? now : next;
        }
        first = false;
        for (long left = dueNanos - now; left > 0 && !Thread.currentThread().isInterrupted();
                left = dueNanos - MonotonicClock.nanos()) {
            LockSupport.parkNanos(left);
        }
    }

    /** When the probe awaited last was due, on {@link MonotonicClock#nanos()}. */
    public long dueNanos() {
        return dueNanos;
    }
}
