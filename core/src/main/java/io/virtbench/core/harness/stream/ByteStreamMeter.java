package io.virtbench.core.harness.stream;

import io.virtbench.core.clock.MonotonicClock;
import java.util.ArrayList;
import java.util.List;

/**
 * The time and the counts of a test that moves bytes over streams in intervals (iperf3's shape):
 * it reads core's clock, owns the phases (warm-up {@code -O}, measured, ended), counts each
 * stream's bytes in a {@link StreamCounter}, and closes intervals, handing each stream's
 * {@link StreamInterval} to the caller, which formats it. The protocol drives it: its timers call
 * {@link #closeInterval} at the interval cadence ({@link #nanosFromStart} places them on whole
 * periods from the start) and {@link #endOmit} where the warm-up ends.
 *
 * <p>Intervals are contiguous: each starts where the previous one ended (the first at the start),
 * whichever phase it belongs to, so the intervals of a test tile it from start to end (from the
 * end of the warm-up if the warm-up closed no interval, as iperf3 counts). An interval
 * closed during the warm-up is {@linkplain StreamInterval#omitted() omitted}; its bytes are not in
 * the measured totals. Times are microseconds of {@link MonotonicClock}. One thread uses a meter
 * (a protocol's event loop); counting and closing allocate nothing.
 */
public final class ByteStreamMeter {
    private final long intervalNanos;
    private final long omitNanos;
    private final List<StreamCounter> counters = new ArrayList<>();
    private final StreamInterval sample = new StreamInterval();
    private StreamPhase phase = StreamPhase.IDLE;
    private long startUs;
    private long phaseStartUs;
    private long lastEndUs;
    private int intervals;
    /** Between the start and the end of the warm-up; still set if the test ended in it. */
    private boolean inOmit;

    /**
     * @param intervalNanos the interval cadence ({@code -i}); 0: no intervals but the last
     * @param omitNanos     the warm-up ({@code -O}); 0: the test measures from its start
     */
    public ByteStreamMeter(long intervalNanos, long omitNanos) {
        if (intervalNanos < 0 || omitNanos < 0) {
            throw new IllegalArgumentException("negative interval or omit: " + intervalNanos + ", " + omitNanos);
        }
        this.intervalNanos = intervalNanos;
        this.omitNanos = omitNanos;
    }

    /** Core's clock in microseconds: the time base of every figure of this meter. */
    public static long nowUs() {
        return MonotonicClock.nanos() / 1000;
    }

    /** Adds a stream (before the start); returns its counter. */
    public StreamCounter add(StreamCounter counter) {
        if (phase != StreamPhase.IDLE) {
            throw new IllegalStateException("streams are added before the start");
        }
        counters.add(counter);
        return counter;
    }

    /** The streams' counters, in the order they were added. */
    public List<StreamCounter> counters() {
        return counters;
    }

    /** Every stream starts now; returns the start. */
    public long start() {
        return startAt(nowUs());
    }

    /**
     * Every stream starts at {@code us}: the warm-up begins (or, without one, the measured phase).
     * With an explicit time for a timeline replayed off the clock (a JIT warm-up of the report).
     */
    public long startAt(long us) {
        startUs = us;
        phaseStartUs = us;
        lastEndUs = us;
        intervals = 0;
        inOmit = omitNanos > 0;
        phase = inOmit ? StreamPhase.OMIT : StreamPhase.MEASURE;
        return us;
    }

    /**
     * Nanoseconds from now until {@code offsetNanos} after the start (0 if that has passed): timers
     * placed with it fire at whole periods from the start, not from whenever their code ran.
     */
    public long nanosFromStart(long offsetNanos) {
        return Math.max(0, startUs * 1000L + offsetNanos - MonotonicClock.nanos());
    }

    /** Nanoseconds since the start (negative before it, on a timeline started ahead). */
    public long sinceStartNanos() {
        return MonotonicClock.nanos() - startUs * 1000L;
    }

    /** Microseconds since the start, on the meter's microsecond clock. */
    public long sinceStartUs() {
        return nowUs() - startUs;
    }

    /** The warm-up ends now; returns that instant. */
    public long endOmit() {
        return endOmitAt(nowUs());
    }

    /**
     * The warm-up ends at {@code us}: what the streams counted so far is omitted, the open interval
     * restarts at zero bytes (it still starts where the previous one ended, or at {@code us} if the
     * warm-up closed none) and the measured phase starts at {@code us}.
     */
    public long endOmitAt(long us) {
        for (int i = 0; i < counters.size(); i++) {
            counters.get(i).endOmit();
        }
        phaseStartUs = us;
        if (intervals == 0) {
            lastEndUs = us; // a warm-up that closed no interval is not the start of the first one
        }
        inOmit = false;
        if (phase == StreamPhase.OMIT) {
            phase = StreamPhase.MEASURE;
        }
        return us;
    }

    /** Closes every stream's interval now; returns its end. */
    public long closeInterval(StreamInterval.Sink sink) {
        return closeInterval(nowUs(), sink);
    }

    /**
     * Closes every stream's open interval at {@code endUs}, handing each to {@code sink} in the
     * order the streams were added; the next interval starts there.
     */
    public long closeInterval(long endUs, StreamInterval.Sink sink) {
        StreamInterval s = sample;
        for (int i = 0; i < counters.size(); i++) {
            StreamCounter c = counters.get(i);
            s.stream = i;
            s.counter = c;
            s.startUs = lastEndUs;
            s.endUs = endUs;
            s.phaseStartUs = phaseStartUs;
            s.bytes = c.takeInterval();
            s.first = intervals == 0;
            s.omitted = inOmit;
            sink.interval(s);
        }
        s.counter = null;
        lastEndUs = endUs;
        intervals++;
        return endUs;
    }

    /** The test ended: nothing more is counted as measured (the caller closed the last interval). */
    public void end() {
        phase = StreamPhase.ENDED;
    }

    public StreamPhase phase() {
        return phase;
    }

    /** In the warm-up (or the test ended in it): intervals closed now are omitted. */
    public boolean omitting() {
        return inOmit;
    }

    /** Whether the test has started. */
    public boolean started() {
        return phase != StreamPhase.IDLE;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    public long omitNanos() {
        return omitNanos;
    }

    /** The start of the test (of the warm-up, if there is one). */
    public long startUs() {
        return startUs;
    }

    /** The start of the current phase: the test's start, or the end of the warm-up. */
    public long phaseStartUs() {
        return phaseStartUs;
    }

    /** The end of the last closed interval (the start, before the first close). */
    public long lastEndUs() {
        return lastEndUs;
    }

    /** Intervals closed so far. */
    public int intervals() {
        return intervals;
    }

    /** The measured time: from the end of the warm-up to the end of the last closed interval. */
    public long measuredUs() {
        return lastEndUs - phaseStartUs;
    }

    /** The measured bytes of all streams. */
    public long measuredBytes() {
        long sum = 0;
        for (int i = 0; i < counters.size(); i++) {
            sum += counters.get(i).measuredBytes();
        }
        return sum;
    }
}
