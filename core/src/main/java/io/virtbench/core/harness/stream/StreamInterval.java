package io.virtbench.core.harness.stream;

/**
 * One stream's figures for one closed interval, handed to a {@link Sink} as the meter closes it.
 * The meter reuses one instance for every stream and interval: a sink copies what it keeps.
 * Times are microseconds of core's monotonic clock ({@link ByteStreamMeter#nowUs()}).
 */
public final class StreamInterval {
    /** Receives each stream's interval, in the order the streams were added. */
    @FunctionalInterface
    public interface Sink {
        void interval(StreamInterval interval);
    }

    int stream;
    StreamCounter counter;
    long startUs;
    long endUs;
    long phaseStartUs;
    long bytes;
    boolean first;
    boolean omitted;

    /** The stream's index, in the order it was added to the meter. */
    public int stream() {
        return stream;
    }

    /** The stream's counter (its totals as of this close). */
    public StreamCounter counter() {
        return counter;
    }

    /** Where the interval starts: the previous interval's end, or the start of the test. */
    public long startUs() {
        return startUs;
    }

    /** Where the interval ends: the instant it was closed. */
    public long endUs() {
        return endUs;
    }

    /** The start of the phase the interval belongs to (the test's start, or the end of the warm-up). */
    public long phaseStartUs() {
        return phaseStartUs;
    }

    /** Bytes counted in the interval. */
    public long bytes() {
        return bytes;
    }

    /** The test's first interval. */
    public boolean first() {
        return first;
    }

    /** An interval of the warm-up ({@link StreamPhase#OMIT}): not part of the measured totals. */
    public boolean omitted() {
        return omitted;
    }
}
