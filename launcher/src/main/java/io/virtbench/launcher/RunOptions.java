package io.virtbench.launcher;

import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.RunSettings;
import picocli.CommandLine.Option;

/** The options the harness owns, named as sysbench names them. */
final class RunOptions {
    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + RunSettings.DEFAULT_THREADS,
            description = "number of worker threads")
    int threads;

    @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "10",
            description = "limit for total execution time in seconds, 0 = no limit")
    double time;

    @Option(names = "--events", paramLabel = "N", defaultValue = "" + RunSettings.DEFAULT_EVENTS,
            description = "limit for the total number of events, 0 = no limit")
    long events;

    @Option(names = "--warmup-time", paramLabel = "SECONDS", defaultValue = "0",
            description = "run events for this many seconds with statistics disabled before measuring")
    double warmupTime;

    @Option(names = "--report-interval", paramLabel = "SECONDS", defaultValue = "0",
            description = "print intermediate results every this many seconds, 0 = off")
    double reportInterval;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "target events per second over all threads (Poisson arrivals), 0 = unlimited")
    double rate;

    @Option(names = "--percentile", paramLabel = "P", defaultValue = "" + RunSettings.DEFAULT_PERCENTILE,
            description = "latency percentile to report (1-100), 0 = disabled")
    int percentile;

    @Option(names = "--jit-warmup", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "on",
            converter = Converters.OnOff.class,
            description = "before the clock starts, run the hot path untimed until the JIT compilers are quiet "
                    + "(0.5-10 s; reported, never measured)")
    boolean jitWarmup;

    /** The settings, checked against the heap before any work starts. */
    RunSettings settings() {
        RunSettings s = new RunSettings(threads, time, events, warmupTime, reportInterval, rate, percentile, jitWarmup);
        Harness.requireHeap(s);
        return s;
    }
}
