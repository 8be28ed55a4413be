package io.virtbench.http;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.slots.SlotsEnd;
import io.virtbench.core.output.CsvReport;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.output.SummaryText;
import io.virtbench.core.result.MetricSummary;
import io.virtbench.core.result.RepeatSummary;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.http.client.AbEngine;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.client.AbRun;
import io.virtbench.http.report.AbMetrics;
import io.virtbench.http.report.AbReport;
import io.virtbench.http.report.AbResult;
import io.virtbench.http.transport.Transport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code virtbench http bench}: one ab-compatible run, or the study's concurrency sweep. */
public final class HttpBenchmark {
    /** The study's concurrency levels (ab -c), run in this order in every iteration. */
    public static final List<Integer> STUDY_LEVELS = List.of(10, 30, 60, 90, 120, 150, 180, 200);
    public static final double DEFAULT_SWEEP_PAUSE = 5;

    private HttpBenchmark() {
    }

    /** One run; with text output, prints ab's report (and the progress lines) as ab does. */
    public static RunResult run(AbOptions o, Output out, int repetition) throws Exception {
        Transport.benchmarkMode();
        PrintStream live = out.live();
        if (out.text()) {
            AbReport.header(live, o, clientLine(o));
        }
        AbRun run = AbEngine.run(o, out.err(), live, out.stop());
        RunResult r = AbResult.of(run, repetition).withHost(out.host());
        if (out.text()) {
            AbReport.finished(live, out.err(), o, run.completed());
            if (run.jitWarmup() != null) {
                // on standard error after ab's progress lines: standard output keeps ab's report,
                // and a target that cannot be reached stays one line
                out.err().println(run.jitWarmup().line());
            }
            if (run.how() == SlotsEnd.FAILED) {
                live.println("Total of " + run.completed() + " requests completed");
            }
            AbReport.print(r, live);
            AbReport.rateLines(r, live);
        }
        return r;
    }

    static String clientLine(AbOptions o) {
        int threads = Math.min(o.concurrency(), o.threads() > 0 ? o.threads() : Runtime.getRuntime().availableProcessors());
        return "Client: Netty " + Transport.name() + ", " + threads + " event-loop thread" + (threads == 1 ? "" : "s")
                + ", HTTP/" + (o.http11() ? "1.1" : "1.0") + (o.keepAlive() ? ", keep-alive" : "")
                + (o.rate() > 0 ? ", " + number(o.rate()) + " requests/s" : "")
                + (o.warmup() > 0 ? ", JIT warm-up on a private server" : "");
    }

    /**
     * The study's sweep: {@code repeat} iterations, each running every concurrency level in order
     * with {@code pause} seconds between runs (the study: 10 iterations, 5 s). Every run's result
     * is written and printed as it comes; the end shows the statistics per level and the mean of
     * "Time per request" over all runs (the study's HTTP figure).
     */
    public static Repetitions.Outcome sweep(AbOptions base, List<Integer> levels, int repeat, double pause, Output out)
            throws Exception {
        if (levels.isEmpty()) {
            throw UserException.usage("invalid value for --sweep: no concurrency levels");
        }
        Repetitions.checkSweep(repeat, pause);
        Map<Integer, AbOptions> perLevel = new LinkedHashMap<>();
        for (int c : levels) {
            perLevel.put(c, base.withConcurrency(c)); // validates every level before the first run
        }
        Repetitions.Outcome swept = Repetitions.sweep(out, repeat, levels, pause, "concurrency",
                (c, rep) -> run(perLevel.get(c), out, rep));
        List<RunResult> results = swept.results();
        int exit = swept.exitCode();
        Map<Integer, RepeatSummary> byLevel = summaries(results);
        RepeatSummary all = results.isEmpty() ? null : RepeatSummary.of(results);
        switch (out.format()) {
            case TEXT -> printSweep(byLevel, all, out.out());
            case CSV -> {
                for (RepeatSummary s : byLevel.values()) {
                    CsvReport.summary(s, out.platform(), out.out());
                }
            }
            case JSON -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("runs", results);
                doc.put("summary_by_concurrency", byLevel);
                doc.put("summary", all);
                out.out().println(ResultFiles.toJson(doc));
            }
        }
        out.out().flush();
        return new Repetitions.Outcome(List.copyOf(results), all, exit);
    }

    /** One summary per concurrency level, its test named {@code c=N}. */
    static Map<Integer, RepeatSummary> summaries(List<RunResult> results) {
        Map<Integer, List<RunResult>> byLevel = new LinkedHashMap<>();
        for (RunResult r : results) {
            int c = ((Number) r.parameters().get("c")).intValue();
            byLevel.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
        }
        Map<Integer, RepeatSummary> out = new LinkedHashMap<>();
        byLevel.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            RepeatSummary s = RepeatSummary.of(e.getValue());
            out.put(e.getKey(), new RepeatSummary(s.workload(), "c=" + e.getKey(), s.runs(), s.metrics(), s.latency()));
        });
        return out;
    }

    private static void printSweep(Map<Integer, RepeatSummary> byLevel, RepeatSummary all, PrintStream out) {
        if (all == null) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "virtbench sweep summary (%d runs): mean of each figure per concurrency level%n", all.runs());
        out.printf(Locale.ROOT, "%12s %5s %22s %10s %22s %10s %16s%n", "concurrency", "runs", "time per request (ms)", "stddev",
                "requests per second", "stddev", "failed requests");
        for (Map.Entry<Integer, RepeatSummary> e : byLevel.entrySet()) {
            RepeatSummary s = e.getValue();
            MetricSummary t = find(s, AbMetrics.TIME_PER_REQUEST);
            MetricSummary q = find(s, AbMetrics.REQUESTS_PER_SECOND);
            MetricSummary f = find(s, AbMetrics.FAILED);
            out.printf(Locale.ROOT, "%12d %5d %22.3f %10.3f %22.2f %10.2f %16.1f%n", e.getKey(), s.runs(),
                    t == null ? Double.NaN : t.mean(), t == null ? Double.NaN : t.stddev(), q == null ? Double.NaN : q.mean(),
                    q == null ? Double.NaN : q.stddev(), f == null ? Double.NaN : f.mean());
        }
        MetricSummary t = find(all, AbMetrics.TIME_PER_REQUEST);
        if (t != null) {
            out.printf(Locale.ROOT, "mean time per request over all %d runs (the study's HTTP figure): %.2f ms%n", t.n(), t.mean());
        }
        if (byLevel.size() == 1) {
            SummaryText.print(byLevel.values().iterator().next(), out);
        }
    }

    private static MetricSummary find(RepeatSummary s, String name) {
        for (MetricSummary m : s.metrics()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** Parses {@code --sweep 10,30,60}. */
    public static List<Integer> levels(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String p : spec.split(",")) {
            String s = p.strip();
            try {
                int c = Integer.parseInt(s);
                if (c < 1 || c > AbOptions.MAX_CONCURRENCY) {
                    throw new NumberFormatException();
                }
                out.add(c);
            } catch (NumberFormatException e) {
                throw UserException.usage("invalid value for --sweep: '" + s + "' (expected concurrency levels such as "
                        + "10,30,60,90,120,150,180,200)");
            }
        }
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
