package io.virtbench.core.harness.slots;

import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * What a run of request slots measured.
 *
 * @param how       how it ended
 * @param start     wall-clock time at the clock's zero
 * @param end       wall-clock time when the result was taken (every slot stopped)
 * @param seconds   from the start to the last activity (see {@link RequestSlots#result()})
 * @param started   requests claimed (at most {@code -n})
 * @param completed requests completed (at most {@code -n}); their times are indexes 0 .. completed − 1
 * @param times     every completed request's times
 */
public record SlotsResult(SlotsEnd how, Instant start, Instant end, double seconds, int started, int completed,
                          RequestTimes times) {

    /** Total time of every completed request, µs resolution, in ns. */
    public Histogram totalNanos() {
        return times.histogramNanos(RequestTimes.TOTAL_US, completed);
    }

    /** Paced runs: from each request's due time to its end, in ns; null otherwise. */
    public Histogram sinceDueNanos() {
        return times.paced() ? times.histogramNanos(RequestTimes.SINCE_DUE_US, completed) : null;
    }
}
