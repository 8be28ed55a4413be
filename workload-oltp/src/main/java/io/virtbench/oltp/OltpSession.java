package io.virtbench.oltp;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.CsvReport;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.output.SummaryText;
import io.virtbench.core.result.RepeatSummary;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchText;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.LocalMariaDb;
import io.virtbench.oltp.nativetool.SysbenchOltp;
import io.virtbench.oltp.report.OltpMetrics;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code virtbench oltp prepare|run|cleanup} and {@code virtbench crosscheck oltp}
 * commands do, so that the launcher only parses options: the concurrency sweep with its pauses,
 * the repeats, and the throwaway database of {@code --embedded}.
 */
public final class OltpSession {
    /** The study's concurrency levels. */
    public static final List<Integer> STUDY_SWEEP = List.of(10, 20, 30, 40, 50, 60, 70);
    /** The study paused 5 s between runs. */
    public static final double DEFAULT_PAUSE = 5;

    private OltpSession() {
    }

    /** {@code prepare}: sysbench's header line, then its prepare lines. */
    public static int prepare(OltpOptions o, DbTarget t, int threads, Output out) throws Exception {
        SysbenchText.banner(out.live());
        OltpSchema.prepare(t, o, threads, out.live(), out.err(), out.stop());
        return 0;
    }

    /** {@code cleanup}: drops the tables. */
    public static int cleanup(OltpOptions o, DbTarget t, Output out) {
        SysbenchText.banner(out.live());
        OltpSchema.cleanup(t, o, out.live());
        return 0;
    }

    /**
     * A throwaway MariaDB for {@code --embedded}: started, given the database and user of
     * {@code t}, and stopped when closed. {@link #target()} points at it.
     */
    public static final class Embedded implements AutoCloseable {
        private final LocalMariaDb db;
        private final DbTarget target;

        public Embedded(DbTarget t, PrintStream progress) throws Exception {
            if (t.url() != null) {
                throw UserException.usage("--embedded starts its own database: leave out --db-url");
            }
            if ("root".equals(t.user())) {
                throw UserException.usage("invalid value for --mysql-user: root (with --embedded the benchmark logs in as a user "
                        + "of its own, with rights on its database only; leave --mysql-user at sbtest or pick another name)");
            }
            db = LocalMariaDb.start(LocalMariaDb.find(), progress);
            try {
                db.createDatabase(t.db(), t.user(), t.password());
            } catch (Exception e) {
                db.close();
                throw e;
            }
            target = t.at(db.host(), db.port());
        }

        public DbTarget target() {
            return target;
        }

        public LocalMariaDb server() {
            return db;
        }

        @Override
        public void close() {
            db.close();
        }
    }

    /**
     * {@code run}: one level or a sweep of levels ({@code sweep} non-empty overrides
     * {@code --threads}), {@code repeat} iterations over the levels (the study: 10 iterations of
     * 10..70), {@code pause} seconds between runs. With {@code embedded}, a throwaway MariaDB is
     * started and the tables are prepared first. Returns the exit status.
     */
    public static int run(OltpOptions o, DbTarget t, RunSettings s, Output out, int repeat, List<Integer> sweep,
                          double pause, boolean embedded) throws Exception {
        Limits.count("--repeat", repeat, Limits.MAX_RUNS);
        Limits.seconds("--sweep-pause", pause);
        List<Integer> levels = sweep == null || sweep.isEmpty() ? List.of(s.threads()) : List.copyOf(sweep);
        for (int l : levels) {
            if (l < 1 || l > RunSettings.MAX_THREADS) {
                throw UserException.usage("invalid value for --sweep: " + l + " (thread counts must be 1.." + RunSettings.MAX_THREADS + ")");
            }
            // every level's heap is checked before the first runs, not when a late level is reached
            Harness.requireHeap(s.withThreads(l));
        }
        if (!embedded) {
            return series(o, t, s, out, repeat, levels, pause);
        }
        try (Embedded e = new Embedded(t, out.err())) {
            int prepThreads = Math.min(o.tables(), levels.stream().mapToInt(Integer::intValue).max().orElse(1));
            out.err().println("virtbench: preparing " + o.tables() + " table(s) of " + o.tableSize() + " rows in the throwaway database");
            SysbenchText.banner(out.live());
            OltpSchema.prepare(e.target(), o, prepThreads, out.live(), out.err(), out.stop());
            out.live().println();
            return series(o, e.target(), s, out, repeat, levels, pause);
        }
    }

    private static int series(OltpOptions o, DbTarget t, RunSettings s, Output out, int repeat, List<Integer> levels,
                              double pause) throws Exception {
        if (levels.size() == 1) {
            RunSettings one = s.withThreads(levels.get(0));
            return Repetitions.run(out, repeat, repeat > 1 ? pause : 0,
                    rep -> OltpBenchmark.run(o, t, one, out, rep)).exitCode();
        }
        return sweep(out, repeat, levels, pause, (threads, rep) -> OltpBenchmark.run(o, t, s.withThreads(threads), out, rep));
    }

    /**
     * The sweep: {@code repeat} iterations, each over every level in order, as the study ran it;
     * every result written and printed as it comes, then one summary per level and the mean over
     * the levels (how the study scored a sweep).
     */
    public static int sweep(Output o, int repeat, List<Integer> levels, double pause, Repetitions.LevelRun fn)
            throws Exception {
        Repetitions.Outcome r = Repetitions.sweep(o, repeat, levels, pause, "--threads", fn);
        summarise(o, r.results(), levels);
        return r.exitCode();
    }

    private static void summarise(Output o, List<RunResult> results, List<Integer> levels) {
        if (results.isEmpty()) {
            return;
        }
        List<RepeatSummary> perLevel = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        double tpsSum = 0;
        double trxSum = 0;
        int counted = 0;
        for (int l : levels) {
            List<RunResult> at = results.stream().filter(r -> threadsOf(r) == l).toList();
            if (at.isEmpty()) {
                continue;
            }
            RepeatSummary s = RepeatSummary.of(at);
            RepeatSummary labelled = new RepeatSummary(s.workload(), (s.test() == null ? "" : s.test() + " ") + "--threads=" + l,
                    s.runs(), s.metrics(), s.latency());
            perLevel.add(labelled);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threads", l);
            m.put("summary", labelled);
            json.add(m);
            tpsSum += s.metric(OltpMetrics.TPS).mean();
            trxSum += s.metric(OltpMetrics.TRANSACTIONS).mean();
            counted++;
        }
        double meanTps = tpsSum / counted;
        double meanTrx = trxSum / counted;
        switch (o.format()) {
            case TEXT -> {
                for (RepeatSummary s : perLevel) {
                    SummaryText.print(s, o.out());
                }
                printAcross(o.out(), perLevel, meanTps, meanTrx, counted);
            }
            case CSV -> {
                for (RepeatSummary s : perLevel) {
                    CsvReport.summary(s, o.platform(), o.out());
                }
            }
            case JSON -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("runs", results);
                doc.put("levels", json);
                doc.put("mean_transactions_per_second_over_levels", meanTps);
                doc.put("mean_transactions_per_run_over_levels", meanTrx);
                o.out().println(ResultFiles.toJson(doc));
            }
        }
        if (o.format() != OutputFormat.TEXT) {
            printAcross(o.err(), perLevel, meanTps, meanTrx, counted);
        }
        o.out().flush();
    }

    private static void printAcross(PrintStream out, List<RepeatSummary> perLevel, double meanTps, double meanTrx, int levels) {
        out.println();
        out.println("virtbench sweep summary (mean over the runs at each level):");
        out.printf(Locale.ROOT, "    %8s %4s %16s %10s %14s%n", "threads", "n", "transactions/s", "stddev", "transactions");
        for (RepeatSummary s : perLevel) {
            String label = s.test();
            String threads = label.substring(label.lastIndexOf('=') + 1);
            out.printf(Locale.ROOT, "    %8s %4d %16.2f %10.2f %14.1f%n", threads, s.runs(), s.metric(OltpMetrics.TPS).mean(),
                    s.metric(OltpMetrics.TPS).stddev(), s.metric(OltpMetrics.TRANSACTIONS).mean());
        }
        out.printf(Locale.ROOT, "    mean over %d level(s): %.2f transactions/s, %.1f transactions per run (the study's score figure)%n",
                levels, meanTps, meanTrx);
    }

    private static long threadsOf(RunResult r) {
        Object t = r.parameters().get("threads");
        return t instanceof Number n ? n.longValue() : -1;
    }

    /**
     * {@code virtbench crosscheck oltp}: for each level, {@code runs} pairs of native sysbench and
     * virtbench against the same database and tables, alternating which goes first; prints each
     * level's pairs and ratios of transactions/s, the client CPU time per transaction of both,
     * and a table of the median ratios. The tables are prepared first (by virtbench) unless
     * {@code prepare} is false, and dropped at the end unless {@code cleanup} is false.
     */
    public static int crosscheck(OltpOptions o, DbTarget t, RunSettings s, Output out, int runs, List<Integer> sweep,
                                 double pause, boolean embedded, boolean prepare, boolean cleanup) throws Exception {
        return crosscheck(o, t, s, out, runs, sweep, pause, embedded, prepare, cleanup, 0);
    }

    /**
     * As above; {@code jvmWarmup} seconds of untimed virtbench transactions run first (in
     * {@linkplain #warmupRounds rounds} at the sweep's levels), so that the JVM's JIT compiler has
     * compiled the driver before the first pair.
     */
    public static int crosscheck(OltpOptions o, DbTarget t, RunSettings s, Output out, int runs, List<Integer> sweep,
                                 double pause, boolean embedded, boolean prepare, boolean cleanup, double jvmWarmup)
            throws Exception {
        Limits.count("--runs", runs, Limits.MAX_RUNS);
        Limits.seconds("--jvm-warmup", jvmWarmup);
        NativeTool.require("sysbench", "sysbench");
        List<Integer> levels = sweep == null || sweep.isEmpty() ? List.of(s.threads()) : List.copyOf(sweep);
        if (embedded) {
            try (Embedded e = new Embedded(t, out.err())) {
                return crosscheckOn(o, e.target(), s, out, runs, levels, pause, true, false, jvmWarmup);
            }
        }
        return crosscheckOn(o, t, s, out, runs, levels, pause, prepare, cleanup, jvmWarmup);
    }

    /** The JVM warm-up runs in rounds of at least this many seconds... */
    static final double WARMUP_ROUND_SECONDS = 4;
    /** ...at most this many. */
    static final int WARMUP_ROUNDS_MAX = 5;

    /**
     * Rounds of the JVM warm-up, each with connections of its own, at the sweep's levels in turn.
     * Every run opens its pool, and a connection's start (the handshake, the session variables'
     * result sets, with column types no transaction has) takes branches of the driver's read path
     * that the transactions never take. Warmed up in one run, the JIT compiled that path without
     * them, and the start of every measured run deoptimized it (JFR jdk.Deoptimization: Connector/J's
     * NativeProtocol.read, ResultsetRowReader.read, Field.adjustFlagsByMysqlType, ...), so that the
     * measured run began in interpreted code while the compiler took a CPU from the server. From
     * the second round on, the profile has both.
     */
    static int warmupRounds(double seconds) {
        return (int) Math.max(1, Math.min(WARMUP_ROUNDS_MAX, Math.floor(seconds / WARMUP_ROUND_SECONDS)));
    }

    private static int crosscheckOn(OltpOptions o, DbTarget t, RunSettings s, Output out, int runs, List<Integer> levels,
                                    double pause, boolean prepare, boolean cleanup, double jvmWarmup) throws Exception {
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        Output quiet = new Output(OutputFormat.JSON, none, out.err(), null, out.platform(), out.stop());
        if (prepare) {
            out.err().println("virtbench: preparing " + o.tables() + " table(s) of " + o.tableSize() + " rows");
            OltpSchema.prepare(t, o, Math.min(o.tables(), 8), none, out.err(), out.stop());
        }
        try {
            if (jvmWarmup > 0) {
                out.err().printf(Locale.ROOT, "virtbench: warming up the JVM for %s s (not measured)%n", SysbenchText.number(jvmWarmup));
                int rounds = warmupRounds(jvmWarmup);
                for (int i = 0; i < rounds && !out.stop().requested(); i++) {
                    OltpBenchmark.run(o, t, s.withThreads(levels.get(i % levels.size())).withTime(jvmWarmup / rounds)
                            .withReportInterval(0).withEvents(0), quiet, 0);
                }
            }
            List<Crosscheck.Report> reports = new ArrayList<>();
            boolean first = true;
            for (int level : levels) {
                RunSettings at = s.withThreads(level);
                Crosscheck.Report rep = Crosscheck.run(OltpMetrics.WORKLOAD + " " + o.test().script() + " --threads=" + level,
                        "sysbench", OltpMetrics.TPS, runs,
                        pair -> {
                            pauseBetween(out, pause);
                            return SysbenchOltp.run(o, t, at).withRepetition(pair).withHost(out.host());
                        },
                        pair -> {
                            pauseBetween(out, pause);
                            return OltpBenchmark.run(o, t, at, quiet, pair);
                        }, out);
                first = false;
                reports.add(rep);
                printCpu(out.out(), rep);
                if (out.stop().requested()) {
                    break;
                }
            }
            if (!first && reports.size() > 1) {
                out.out().println();
                out.out().println("crosscheck oltp summary: median ratio virtbench/sysbench of transactions/s per level");
                for (int i = 0; i < reports.size(); i++) {
                    out.out().printf(Locale.ROOT, "    --threads=%-4d %.3f%n", levels.get(i), reports.get(i).medianRatio());
                }
            }
        } finally {
            if (cleanup) {
                OltpSchema.cleanup(t, o, none);
            }
        }
        return out.stop().requested() ? Repetitions.EXIT_INTERRUPTED : 0;
    }

    private static void pauseBetween(Output o, double pause) {
        if (pause > 0) {
            Repetitions.pause(o, pause);
        }
    }

    private static void printCpu(PrintStream out, Crosscheck.Report rep) {
        out.println("client CPU time per transaction (ms; user+system of the whole client process):");
        for (Crosscheck.Pair p : rep.pairs()) {
            out.printf(Locale.ROOT, "%4d  sysbench %8s   virtbench %8s%n", p.index(),
                    cpu(p.nativeResult()), cpu(p.virtbenchResult()));
        }
    }

    private static String cpu(RunResult r) {
        return r.metric(OltpMetrics.CLIENT_CPU).map(m -> String.format(Locale.ROOT, "%.4f", m.value())).orElse("-");
    }
}
