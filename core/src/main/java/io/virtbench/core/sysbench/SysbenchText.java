package io.virtbench.core.sysbench;

import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.result.Fairness;
import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.RunResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The parts of sysbench 1.0.20's text report that every sysbench test shares (src/sysbench.c
 * print_run_mode, sb_report_cumulative): the run header, the start lines and the common final
 * block (General statistics, Latency, Threads fairness), with sysbench's exact widths.
 *
 * <p>The first line names virtbench instead of sysbench ({@link #FIRST_LINE}); everything after it
 * is laid out as sysbench lays it out, so the two outputs compare line by line.
 */
public final class SysbenchText {
    /** The version virtbench's sysbench-compatible workloads follow. */
    public static final String SYSBENCH_VERSION = "1.0.20";
    /** First line of a virtbench report in sysbench layout. */
    public static final String FIRST_LINE = "virtbench (sysbench " + SYSBENCH_VERSION + " compatible)";

    private SysbenchText() {
    }

    /** The first line and an empty line, as sysbench prints before prepare/cleanup output. */
    public static void banner(PrintStream out) {
        out.println(FIRST_LINE);
        out.println();
    }

    /**
     * The run header up to and including the empty lines after the random-number line; a test's
     * print_mode lines follow it.
     *
     * @param randSeed the {@code --rand-seed}, 0 = from the current time
     */
    public static void header(PrintStream out, RunSettings s, long randSeed) {
        banner(out);
        out.println("Running the test with following options:");
        out.println("Number of threads: " + s.threads());
        if (s.warmupTime() > 0) {
            out.println("Warmup time: " + number(s.warmupTime()) + "s");
        }
        if (s.rate() > 0) {
            out.println("Target transaction rate: " + number(s.rate()) + "/sec");
        }
        if (s.reportInterval() > 0) {
            out.println("Report intermediate results every " + number(s.reportInterval()) + " second(s)");
        }
        if (randSeed != 0) {
            out.println("Initializing random number generator from seed (" + randSeed + ").");
        } else {
            out.println("Initializing random number generator from current time");
        }
        out.println();
        out.println();
    }

    /** "Initializing worker threads..." and its empty line. */
    public static void initializingWorkers(PrintStream out) {
        out.println("Initializing worker threads...");
        out.println();
    }

    /** "Threads started!" and its empty line. */
    public static void threadsStarted(PrintStream out) {
        out.println("Threads started!");
        out.println();
    }

    /** The warm-up notice of sysbench's later releases. */
    public static void warmingUp(PrintStream out, double seconds) {
        out.println("Warming up for " + number(seconds) + " seconds...");
        out.println();
    }

    /** The {@code [ Xs ] } prefix of an interval line (elapsed seconds, rounded). */
    public static String intervalPrefix(IntervalSample s) {
        return String.format(Locale.ROOT, "[ %.0fs ] ", s.time());
    }

    /** With {@code --rate}, the extra interval line; {@code comma} is true for Lua (OLTP) tests. */
    public static void rateLine(PrintStream out, IntervalSample s, boolean comma) {
        out.println(intervalPrefix(s) + "queue length: " + s.queueLength() + (comma ? ", " : " ") + "concurrency: "
                + s.concurrency());
    }

    /** The common final block: General statistics, Latency (ms), Threads fairness. */
    public static void commonBlock(PrintStream out, RunResult r) {
        LatencySummary l = r.latency();
        Fairness f = r.fairness();
        double total = r.value("total_time_seconds");
        long events = (long) r.value("total_events");
        out.println();
        out.println("General statistics:");
        out.printf(Locale.ROOT, "    total time:                          %.4fs%n", total);
        out.println("    total number of events:              " + events);
        out.println();
        out.println("Latency (ms):");
        out.printf(Locale.ROOT, "         min: %39.2f%n", l.minMs());
        out.printf(Locale.ROOT, "         avg: %39.2f%n", l.avgMs());
        out.printf(Locale.ROOT, "         max: %39.2f%n", l.maxMs());
        if (l.percentile() > 0) {
            out.printf(Locale.ROOT, "        %3dth percentile: %27.2f%n", l.percentile(), l.percentileMs());
        } else {
            out.println("         percentile stats:               disabled");
        }
        out.printf(Locale.ROOT, "         sum: %39.2f%n", l.sumMs());
        out.println();
        out.println("Threads fairness:");
        out.printf(Locale.ROOT, "    events (avg/stddev):           %.4f/%3.2f%n", f.eventsAvg(), f.eventsStddev());
        out.printf(Locale.ROOT, "    execution time (avg/stddev):   %.4f/%3.2f%n", f.executionTimeAvg(),
                f.executionTimeStddev());
        out.println();
    }

    /** An integer without decimals, otherwise the shortest decimal form. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
