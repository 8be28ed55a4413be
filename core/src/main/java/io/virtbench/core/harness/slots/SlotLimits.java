package io.virtbench.core.harness.slots;

/**
 * The limits of a run of requests.
 *
 * @param requests          requests to complete at most ({@code -n}); the timings are sized to it
 * @param timeLimitSeconds  the run ends after this many seconds ({@code -t}); 0 = no limit
 * @param concurrency       slots, each with one request in flight at a time ({@code -c})
 * @param rate              requests per second over all slots, 0 = as fast as they complete; slot
 *                          {@code i}'s {@code k}-th request is due at {@code (k * concurrency + i) / rate}
 */
public record SlotLimits(int requests, double timeLimitSeconds, int concurrency, double rate) {
    public SlotLimits {
        if (requests < 1 || concurrency < 1 || !(timeLimitSeconds >= 0) || !(rate >= 0)
                || Double.isInfinite(timeLimitSeconds) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("requests and concurrency must be positive, the time limit and rate"
                    + " finite and not negative: " + requests + ", " + concurrency + ", " + timeLimitSeconds + ", " + rate);
        }
    }

    public boolean paced() {
        return rate > 0;
    }
}
