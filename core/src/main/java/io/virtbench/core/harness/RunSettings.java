package io.virtbench.core.harness;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;

/**
 * The options the harness owns, with sysbench's names and defaults (src/sysbench.c
 * general_args). Times are in seconds; fractions are allowed (sysbench takes integers only), and
 * each is at most {@link Limits#MAX_SECONDS} so that no deadline wraps.
 *
 * @param threads        {@code --threads}: worker threads (default 1)
 * @param time           {@code --time}: time limit in seconds, 0 = none (default 10)
 * @param events         {@code --events}: limit on the total number of events, 0 = none
 * @param warmupTime     {@code --warmup-time}: seconds of events with statistics disabled first
 * @param reportInterval {@code --report-interval}: seconds between interval lines, 0 = off
 * @param rate           {@code --rate}: target events per second over all threads, 0 = unlimited
 * @param percentile     {@code --percentile}: the percentile reported, 0 = disabled (default 95)
 * @param jitWarmup      {@code --jit-warmup}: run the hot path untimed until the JIT is quiet
 *                       before the clock starts ({@link JitWarmup}); the command line's default is
 *                       on, the record's ({@link #defaults()}, the 7-argument constructor) off,
 *                       as sysbench, which has no JIT
 */
public record RunSettings(int threads, double time, long events, double warmupTime,
                          double reportInterval, double rate, int percentile, boolean jitWarmup) {

    public static final int DEFAULT_THREADS = 1;
    public static final double DEFAULT_TIME = 10;
    public static final long DEFAULT_EVENTS = 0;
    public static final double DEFAULT_WARMUP_TIME = 0;
    public static final double DEFAULT_REPORT_INTERVAL = 0;
    public static final double DEFAULT_RATE = 0;
    public static final int DEFAULT_PERCENTILE = 95;
    /** Upper bound on {@code --threads}, far above any sensible use, to refuse typos early. */
    public static final int MAX_THREADS = 10_000;

    /** Settings without the JIT warm-up. */
    public RunSettings(int threads, double time, long events, double warmupTime, double reportInterval, double rate,
                       int percentile) {
        this(threads, time, events, warmupTime, reportInterval, rate, percentile, false);
    }

    public RunSettings {
        if (threads < 1 || threads > MAX_THREADS) {
            throw UserException.usage("invalid value for --threads: " + threads + " (must be 1.." + MAX_THREADS + ")");
        }
        Limits.seconds("--time", time);
        Limits.seconds("--warmup-time", warmupTime);
        Limits.seconds("--report-interval", reportInterval);
        Limits.rate("--rate", rate);
        if (events < 0) {
            throw UserException.usage("invalid value for --events: " + events + " (must be >= 0)");
        }
        if (percentile < 0 || percentile > 100) {
            throw UserException.usage("invalid value for --percentile: " + percentile + " (must be 0..100)");
        }
    }

    /** sysbench's defaults: 1 thread, 10 s, no event limit, no warm-up, no intervals, 95th percentile. */
    public static RunSettings defaults() {
        return new RunSettings(DEFAULT_THREADS, DEFAULT_TIME, DEFAULT_EVENTS, DEFAULT_WARMUP_TIME,
                DEFAULT_REPORT_INTERVAL, DEFAULT_RATE, DEFAULT_PERCENTILE);
    }

    public RunSettings withThreads(int t) {
        return new RunSettings(t, time, events, warmupTime, reportInterval, rate, percentile, jitWarmup);
    }

    public RunSettings withTime(double t) {
        return new RunSettings(threads, t, events, warmupTime, reportInterval, rate, percentile, jitWarmup);
    }

    public RunSettings withEvents(long e) {
        return new RunSettings(threads, time, e, warmupTime, reportInterval, rate, percentile, jitWarmup);
    }

    public RunSettings withReportInterval(double r) {
        return new RunSettings(threads, time, events, warmupTime, r, rate, percentile, jitWarmup);
    }

    public RunSettings withWarmupTime(double w) {
        return new RunSettings(threads, time, events, w, reportInterval, rate, percentile, jitWarmup);
    }

    public RunSettings withRate(double r) {
        return new RunSettings(threads, time, events, warmupTime, reportInterval, r, percentile, jitWarmup);
    }

    public RunSettings withJitWarmup(boolean on) {
        return new RunSettings(threads, time, events, warmupTime, reportInterval, rate, percentile, on);
    }

    /** True when neither a time nor an event limit is set (sysbench warns: an endless test). */
    public boolean endless() {
        return time == 0 && events == 0;
    }
}
