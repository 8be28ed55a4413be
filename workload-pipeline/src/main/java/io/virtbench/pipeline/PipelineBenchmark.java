package io.virtbench.pipeline;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Stopwatch;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code virtbench pipeline}: the study's pipeline turnover (a CI job that compiled, tested and
 * analysed a small matrix library, timed end to end), re-created with a bundled Java matrix library:
 * the turnover is the wall time of one whole job, including the start of its JVM.
 */
public final class PipelineBenchmark {
    public static final String WORKLOAD = "pipeline";
    public static final String TURNOVER = "turnover_seconds";

    private PipelineBenchmark() {
    }

    /** Fails with one line on a runtime that has no compiler. */
    public static void requireJdk() {
        if (!PipelineJob.hasCompiler()) {
            throw new UserException("virtbench pipeline needs a JDK, but this Java runtime (" + System.getProperty("java.home")
                    + ") has no compiler; run it with a JDK's java");
        }
    }

    public static RunResult run(PipelineOptions options, Output o, int repetition) throws Exception {
        requireJdk();
        Path dir = options.workDir() != null ? options.workDir() : Files.createTempDirectory("virtbench-pipeline");
        Instant start = Instant.now();
        // The turnover is the job, as a CI server times it: removing the work directory
        // afterwards is housekeeping and stays outside the timed region.
        PipelineJob.Outcome outcome;
        double turnover;
        try {
            Stopwatch job = Stopwatch.start();
            outcome = options.jvm() == PipelineOptions.Jvm.SAME ? PipelineJob.run(dir.resolve("job"))
                    : inFreshJvm(dir.resolve("job"), options.timeout());
            turnover = job.elapsedSeconds();
        } finally {
            if (options.workDir() == null) {
                PipelineJob.deleteTree(dir);
            }
        }
        RunResult.Builder b = RunResult.builder(WORKLOAD)
                .repetition(repetition)
                .start(start)
                .end(Instant.now())
                .status(outcome.ok() ? RunStatus.COMPLETE : RunStatus.FAILED)
                .message(outcome.failure())
                .parameter("jvm", options.jvm().name().toLowerCase(Locale.ROOT))
                .parameter("java", System.getProperty("java.runtime.version", System.getProperty("java.version")))
                .nativeCommand("(the study: a GitLab CI job building a C++ matrix library; no native equivalent)")
                .lower(TURNOVER, turnover, "s");
        for (Map.Entry<String, Double> e : outcome.stageSeconds().entrySet()) {
            b.info(e.getKey().replace('-', '_') + "_seconds", e.getValue(), "s");
        }
        b.info("tests_run", outcome.testsRun(), "tests");
        b.info("tests_failed", outcome.testsFailed(), "tests");
        b.info("static_check_findings", outcome.findings(), "findings");
        b.detail("source_files", outcome.sourceFiles()).detail("source_lines", outcome.sourceLines());
        RunResult r = b.host(o.host()).build();
        if (o.text()) {
            print(r, outcome, o.out());
        }
        return r;
    }

    private static PipelineJob.Outcome inFreshJvm(Path workDir, double timeout) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), PipelineJob.class.getName(),
                workDir.toString());
        NativeTool.Result res = NativeTool.run(cmd, null, Duration.ofMillis((long) (timeout * 1000)));
        String last = res.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, c) -> c).orElse(null);
        if (last == null) {
            throw new UserException("the pipeline job's JVM ended without a result: " + res.firstErrorLine());
        }
        return ResultFiles.mapper().readValue(last, PipelineJob.Outcome.class);
    }

    static void print(RunResult r, PipelineJob.Outcome o, PrintStream out) {
        out.printf(Locale.ROOT, "virtbench pipeline: compile, test and check a matrix library (%d files, %d lines), Java %s, %s JVM%n",
                o.sourceFiles(), o.sourceLines(), r.parameters().get("java"), r.parameters().get("jvm"));
        for (Map.Entry<String, Double> e : o.stageSeconds().entrySet()) {
            String extra = switch (e.getKey()) {
                case "test" -> String.format(Locale.ROOT, " (%d tests, %d failed)", o.testsRun(), o.testsFailed());
                case "static-check" -> String.format(Locale.ROOT, " (%d findings)", o.findings());
                default -> "";
            };
            out.printf(Locale.ROOT, "    %-14s %8.3f s%s%n", e.getKey() + ":", e.getValue(), extra);
        }
        out.printf(Locale.ROOT, "turnover time:     %8.3f s%s%n", r.value(TURNOVER), o.ok() ? "" : "  FAILED: " + o.failure());
        out.flush();
    }
}
