package io.virtbench.core;

import java.util.Locale;

/**
 * The bounds every duration and rate option is checked against before a run, so that the
 * arithmetic on them (nanoseconds in a {@code long}, deadlines as start + duration) cannot wrap:
 * a wrapped deadline would end a run at once or print a negative time.
 */
public final class Limits {
    /** The longest duration any option takes: 10^9 s (about 31 years); two of them still fit in a long of nanoseconds. */
    public static final double MAX_SECONDS = 1e9;
    /** The highest rate any option takes: one event per nanosecond. */
    public static final double MAX_RATE = 1e9;

    /**
     * The most runs {@code --repeat} and {@code --runs} take: every run's result is kept for the
     * summary, so the count is bounded by memory, and 1000 is far above any study's use.
     */
    public static final int MAX_RUNS = 1000;

    private Limits() {
    }

    /** Checks a duration in seconds (0 allowed) and returns it. */
    public static double seconds(String option, double v) {
        if (!(v >= 0 && v <= MAX_SECONDS)) {
            throw UserException.usage("invalid value for " + option + ": " + format(v)
                    + " (must be a number of seconds from 0 to " + format(MAX_SECONDS) + ")");
        }
        return v;
    }

    /** Checks a duration in seconds that must be above zero and returns it. */
    public static double positiveSeconds(String option, double v) {
        if (!(v > 0 && v <= MAX_SECONDS)) {
            throw UserException.usage("invalid value for " + option + ": " + format(v)
                    + " (must be a number of seconds above 0, at most " + format(MAX_SECONDS) + ")");
        }
        return v;
    }

    /** Checks a rate per second (0 = unlimited) and returns it. */
    public static double rate(String option, double v) {
        if (!(v == 0 || v >= 1 / MAX_SECONDS && v <= MAX_RATE)) {
            throw UserException.usage("invalid value for " + option + ": " + format(v)
                    + " (must be 0 or a rate per second from " + format(1 / MAX_SECONDS) + " to " + format(MAX_RATE) + ")");
        }
        return v;
    }

    /** Checks a count from 1 to {@code max} and returns it. */
    public static int count(String option, int v, int max) {
        if (v < 1 || v > max) {
            throw UserException.usage("invalid value for " + option + ": " + v + " (must be 1.." + max + ")");
        }
        return v;
    }

    /** Nanoseconds of a duration already checked by {@link #seconds}. */
    public static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
