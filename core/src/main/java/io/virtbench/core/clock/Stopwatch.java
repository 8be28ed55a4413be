package io.virtbench.core.clock;

/**
 * Elapsed time on the monotonic clock every figure of virtbench is measured with. Workloads take
 * their durations from here (or from the harness, which uses the same clock) instead of reading
 * {@link System#nanoTime()} themselves, so that what a figure means is decided in one place and
 * the architecture tests can tell a measurement from a stray clock read.
 */
public final class Stopwatch {
    private final long startNanos;

    private Stopwatch(long startNanos) {
        this.startNanos = startNanos;
    }

    public static Stopwatch start() {
        return new Stopwatch(MonotonicClock.nanos());
    }

    public long elapsedNanos() {
        return MonotonicClock.nanos() - startNanos;
    }

    public double elapsedSeconds() {
        return elapsedNanos() / 1e9;
    }

    public double elapsedMillis() {
        return elapsedNanos() / 1e6;
    }

    /** When it was started, on {@link MonotonicClock#nanos()}. */
    public long startNanos() {
        return startNanos;
    }
}
