package io.virtbench.core.clock;

import java.time.Duration;

/**
 * A point on the monotonic clock after which a wait gives up: start-up of a server, a child
 * process, a poll loop. Not a measurement; it bounds one, so that no loop runs without a limit.
 * Compares by difference, as {@link System#nanoTime()} requires, so it holds across the clock's
 * wrap.
 */
public final class Deadline {
    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    public static Deadline in(Duration d) {
        return inNanos(d.toNanos());
    }

    public static Deadline inMillis(long millis) {
        return inNanos(Math.multiplyExact(Math.max(0, millis), 1_000_000L));
    }

    public static Deadline inNanos(long nanos) {
        return new Deadline(MonotonicClock.nanos() + Math.max(0, nanos));
    }

    /**
     * {@code nanos} after {@code from} started: the limit of a job counted from its start, as the
     * job's own time is, rather than from whenever the wait begins.
     */
    public static Deadline after(Stopwatch from, long nanos) {
        return new Deadline(from.startNanos() + Math.max(0, nanos));
    }

    /** This deadline or {@code nanos} from now, whichever comes first: one slice of a longer wait. */
    public Deadline within(long nanos) {
        Deadline slice = inNanos(nanos);
        return slice.atNanos - atNanos < 0 ? slice : this;
    }

    /** {@code nanos} after this deadline: the next point of a fixed-rate schedule (a progress line). */
    public Deadline plusNanos(long nanos) {
        return new Deadline(atNanos + Math.max(0, nanos));
    }

    /** Nanoseconds left, 0 once passed. */
    public long remainingNanos() {
        return Math.max(0, atNanos - MonotonicClock.nanos());
    }

    /** Milliseconds left, at least 1 until passed (for APIs where 0 means "forever"), 0 after. */
    public long remainingMillis() {
        long n = remainingNanos();
        return n == 0 ? 0 : Math.max(1, n / 1_000_000L);
    }

    public boolean passed() {
        return atNanos - MonotonicClock.nanos() <= 0;
    }

    /** The deadline on {@link MonotonicClock#nanos()}, for APIs that take one. */
    public long atNanos() {
        return atNanos;
    }
}
