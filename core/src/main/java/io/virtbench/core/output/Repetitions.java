package io.virtbench.core.output;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.harness.Signals;
import io.virtbench.core.result.RepeatSummary;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a measurement {@code --repeat N} times (the study ran everything 10 times), writes every
 * result as soon as it exists, prints it in the chosen format, and ends with the statistics
 * over the runs. An interrupted or failed run ends the series; what was measured is kept.
 */
public final class Repetitions {

    /** Exit status after Ctrl-C (128 + SIGINT): {@link Signals#EXIT_INTERRUPTED}. */
    public static final int EXIT_INTERRUPTED = Signals.EXIT_INTERRUPTED;

    /** One measured run. The implementation prints its text report live when the format is text. */
    @FunctionalInterface
    public interface OneRun {
        RunResult run(int repetition) throws Exception;
    }

    /** One run of a sweep at one level (threads, concurrency) in one iteration. */
    @FunctionalInterface
    public interface LevelRun {
        RunResult run(int level, int repetition) throws Exception;
    }

    /** What a series produced, and the exit status it deserves. */
    public record Outcome(List<RunResult> results, RepeatSummary summary, int exitCode) {
    }

    private Repetitions() {
    }

    /**
     * Runs {@code fn} up to {@code repeat} times with {@code pauseSeconds} between runs and
     * returns the results (also printed and written, see the class comment).
     */
    public static Outcome run(Output o, int repeat, double pauseSeconds, OneRun fn) throws Exception {
        Limits.count("--repeat", repeat, Limits.MAX_RUNS);
        List<RunResult> results = new ArrayList<>();
        int exit = 0;
        if (o.format() == OutputFormat.CSV) {
            CsvReport.header(o.out());
        }
        for (int rep = 1; rep <= repeat; rep++) {
            if (rep > 1 && pauseSeconds > 0 && !pause(o, pauseSeconds)) {
                break;
            }
            if (o.stop().requested()) {
                break;
            }
            if (repeat > 1) {
                o.err().printf("virtbench: run %d of %d%n", rep, repeat);
            }
            RunResult r = stamped(fn.run(rep), rep, o);
            results.add(r);
            if (o.format() == OutputFormat.JSON && repeat == 1) {
                o.out().println(ResultFiles.toJson(r));
            }
            exit = keep(o, r);
            if (exit != 0) {
                break;
            }
        }
        if (exit == 0 && o.stop().requested()) {
            exit = EXIT_INTERRUPTED;
        }
        RepeatSummary summary = results.isEmpty() ? null : RepeatSummary.of(results);
        finish(o, results, summary, repeat);
        return new Outcome(List.copyOf(results), summary, exit);
    }

    /**
     * The study's sweep: {@code repeat} iterations, each over every level in order, with
     * {@code pauseSeconds} between runs (the study: 10 iterations, 5 s). Every result is kept as
     * it comes ({@link #keep}); the summaries per level are the workload's, printed by its caller
     * from the outcome's results (its summary is null). {@code levelName} names the level in the
     * progress lines ({@code --threads}, {@code concurrency}).
     */
    public static Outcome sweep(Output o, int repeat, List<Integer> levels, double pauseSeconds, String levelName,
                                LevelRun fn) throws Exception {
        checkSweep(repeat, pauseSeconds);
        if (levels.isEmpty()) {
            throw UserException.usage("invalid value for --sweep: no levels");
        }
        if (o.format() == OutputFormat.CSV) {
            CsvReport.header(o.out());
        }
        List<RunResult> results = new ArrayList<>();
        int exit = 0;
        int total = repeat * levels.size();
        int n = 0;
        outer:
        for (int rep = 1; rep <= repeat; rep++) {
            for (int level : levels) {
                if (n > 0 && pauseSeconds > 0 && !pause(o, pauseSeconds)) {
                    break outer;
                }
                if (o.stop().requested()) {
                    break outer;
                }
                n++;
                o.err().printf("virtbench: run %d of %d (%s %d, iteration %d of %d)%n", n, total, levelName, level, rep, repeat);
                RunResult r = stamped(fn.run(level, rep), rep, o);
                results.add(r);
                exit = keep(o, r);
                if (exit != 0) {
                    break outer;
                }
            }
        }
        if (exit == 0 && o.stop().requested()) {
            exit = EXIT_INTERRUPTED;
        }
        return new Outcome(List.copyOf(results), null, exit);
    }

    /** The checks of a sweep's repeat count and pause, for callers that validate more before it starts. */
    public static void checkSweep(int repeat, double pauseSeconds) {
        Limits.count("--repeat", repeat, Limits.MAX_RUNS);
        Limits.seconds("--sweep-pause", pauseSeconds);
    }

    /**
     * Keeps one run of a series as soon as it exists: writes its result file (with --out),
     * prints its CSV row (with --format csv; text was printed live, JSON comes with the
     * summary), and returns the series' exit status so far: 0 to go on, or
     * {@link #EXIT_INTERRUPTED} / {@link UserException#FAILURE} (with a message) to end it.
     */
    public static int keep(Output o, RunResult r) {
        if (o.outDir() != null) {
            Path file = ResultFiles.write(o.outDir(), r);
            o.err().println("virtbench: result written to " + file);
        }
        if (o.format() == OutputFormat.CSV) {
            CsvReport.run(r, o.out());
        }
        o.out().flush();
        if (r.status() == RunStatus.INTERRUPTED) {
            o.err().println("virtbench: interrupted; the results measured so far are kept");
            return EXIT_INTERRUPTED;
        }
        if (r.status() == RunStatus.FAILED) {
            o.err().println("virtbench: " + r.message());
            return UserException.FAILURE;
        }
        return 0;
    }

    /** A run's result as the series keeps it: its repetition number, the host, this JVM's footprint. */
    private static RunResult stamped(RunResult r, int rep, Output o) {
        if (r.repetition() != rep) {
            r = r.withRepetition(rep);
        }
        if (r.host() == null) {
            r = r.withHost(o.host());
        }
        return r.withOwnFootprint();
    }

    private static void finish(Output o, List<RunResult> results, RepeatSummary summary, int repeat) {
        if (repeat == 1 || summary == null) {
            return;
        }
        String platform = o.platform();
        switch (o.format()) {
            case TEXT -> SummaryText.print(summary, o.out());
            case CSV -> CsvReport.summary(summary, platform, o.out());
            case JSON -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("runs", results);
                doc.put("summary", summary);
                o.out().println(ResultFiles.toJson(doc));
            }
        }
        o.out().flush();
    }

    /** Sleeps between runs; false if a stop was requested meanwhile. */
    public static boolean pause(Output o, double seconds) {
        Deadline deadline = Deadline.inNanos((long) (seconds * 1e9));
        long d;
        while ((d = deadline.remainingNanos()) > 0) {
            if (o.stop().requested()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(d, 50_000_000L));
        }
        return !o.stop().requested();
    }
}
