package io.virtbench.core.clock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The time of a job made of named phases, one after another (a CI job's checkout, compile, test,
 * static check): each {@link #lap} ends the running phase and starts the next at the same
 * instant, so the phases add up to the whole job without gaps. Not thread-safe: the job runs on
 * one thread.
 */
public final class JobTimer {
    private final Stopwatch whole;
    private final Map<String, Double> laps = new LinkedHashMap<>();
    private long lapStartNanos;

    private JobTimer(Stopwatch whole) {
        this.whole = whole;
        this.lapStartNanos = whole.startNanos();
    }

    public static JobTimer start() {
        return new JobTimer(Stopwatch.start());
    }

    /** Ends the running phase under {@code phase} and returns its seconds; the next phase starts now. */
    public double lap(String phase) {
        if (laps.containsKey(phase)) {
            throw new IllegalArgumentException("phase '" + phase + "' was already timed");
        }
        long now = MonotonicClock.nanos();
        double seconds = (now - lapStartNanos) / 1e9;
        lapStartNanos = now;
        laps.put(phase, seconds);
        return seconds;
    }

    /** The phases ended so far, in order, in seconds; a copy the caller may keep. */
    public Map<String, Double> laps() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(laps));
    }

    /** Since the job started, phases ended or not. */
    public Stopwatch whole() {
        return whole;
    }
}
