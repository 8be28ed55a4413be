package io.virtbench.core.harness;

/**
 * What happened during one report interval, as deltas since the previous interval
 * (sysbench's intermediate report, src/sysbench.c report_intermediate).
 *
 * @param time          seconds since the measured start, at the end of this interval
 * @param seconds       the measured length of this interval (rates divide by this, not by the nominal interval)
 * @param threads       worker threads still running
 * @param counters      per-counter deltas, indexed by {@link Counter#ordinal()}
 * @param percentileMs  the interval's latency percentile in ms, sysbench's bucket value (0 when disabled)
 * @param queueLength   with {@code --rate}: events due but not yet started; otherwise 0
 * @param concurrency   with {@code --rate}: events executing at the moment; otherwise 0
 */
public record IntervalSample(double time, double seconds, int threads, long[] counters,
                             double percentileMs, long queueLength, long concurrency) {

    public long delta(Counter c) {
        return counters[c.ordinal()];
    }

    /** The counter's delta per second of this interval. */
    public double perSecond(Counter c) {
        return seconds > 0 ? counters[c.ordinal()] / seconds : 0;
    }
}
