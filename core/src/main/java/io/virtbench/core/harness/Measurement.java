package io.virtbench.core.harness;

import io.virtbench.core.result.ThreadTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The raw outcome of one {@link Harness} run: everything the harness measured, before a
 * workload turns it into metrics.
 *
 * @param start             wall-clock time when measuring started (after any warm-up)
 * @param end               wall-clock time when the run ended
 * @param totalTimeSeconds  sysbench's "total time": from the measured start until every worker
 *                          finished (includes the last events' tails and each thread's finish)
 * @param counters          totals over all threads, indexed by {@link Counter#ordinal()}
 * @param threads           each worker's event timer
 * @param latencyNs         every measured event's latency, merged over threads
 * @param intendedLatencyNs with {@code --rate}: latency from the intended start time
 *                          (coordinated omission corrected); otherwise null
 * @param intervals         the interval samples, when intervals were reported
 * @param status            how the run ended
 * @param failure           the first fatal error's message, or null
 * @param errors            fatal errors by exception class
 * @param jitWarmup         what the JIT warm-up before the measured start did, or null without one
 */
public record Measurement(Instant start, Instant end, double totalTimeSeconds, long[] counters,
                          List<ThreadTotals> threads, Histogram latencyNs, Histogram intendedLatencyNs,
                          List<IntervalSample> intervals, Status status, String failure,
                          Map<String, Long> errors, JitWarmup.Summary jitWarmup) {

    /** How a run ended. */
    public enum Status {
        /** Reached its time or event limit. */
        COMPLETE,
        /** Stopped early on request (Ctrl-C); the figures cover the time until then. */
        INTERRUPTED,
        /** Stopped by a fatal error; the figures cover the time until then. */
        FAILED
    }

    public long total(Counter c) {
        return counters[c.ordinal()];
    }

    public long events() {
        return total(Counter.EVENTS);
    }

    /** The total of counter {@code c} per second of total time (sysbench's rates). */
    public double perSecond(Counter c) {
        return totalTimeSeconds > 0 ? total(c) / totalTimeSeconds : 0;
    }
}
