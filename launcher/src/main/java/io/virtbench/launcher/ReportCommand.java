package io.virtbench.launcher;

import io.virtbench.core.TextFiles;
import io.virtbench.core.UserException;
import io.virtbench.report.Comparison;
import io.virtbench.report.NativeImport;
import io.virtbench.report.PlatformReport;
import io.virtbench.report.ReportOut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Compare platforms as the study did: per feature mean, stddev, n, ratio to the baseline, Welch's "
                + "t-test, DESMET scores and low/high-level totals; as text, CSV, JSON or one self-contained HTML page "
                + "with charts. Two result sets of one platform (OLD NEW) are compared before/after, as benchstat does."})
final class ReportCommand implements Callable<Integer> {
    private final Streams streams;

    ReportCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(paramLabel = "RESULTS", arity = "1..*", description = "result files or directories of them")
    List<Path> inputs;

    @Option(names = "--baseline", paramLabel = "PLATFORM", defaultValue = "metal", description = "platform the others are compared with")
    String baseline;

    @Option(names = "--scheme", paramLabel = "FILE", description = "scoring scheme file replacing the study's built-in one (table or JSON)")
    Path scheme;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, csv, json, html, or runs (a long-format CSV: one row per run, every parameter a column)")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report to FILE instead of standard output; "
            + "an existing file is replaced only if it is a virtbench report")
    Path out;

    @Option(names = "--force", description = "let --out replace an existing file that is not a virtbench report")
    boolean force;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "" + Comparison.DEFAULT_ALPHA,
            description = "significance level of Welch's t-test")
    double alpha;

    @Option(names = "--strict", description = "refuse (exit 2) when runs that differ in what they measure (threads, mode, "
            + "direction, rate, keep-alive...) meet in one feature, instead of showing each kind separately")
    boolean strict;

    @Option(names = "--drop-outliers", description = "leave runs outside Tukey's fences out of the figures (they are "
            + "always flagged; the score the other way is shown when it differs)")
    boolean dropOutliers;

    @Option(names = "--levels", description = "text: show every sweep level (threads, concurrency) of each feature")
    boolean levels;

    @Override
    public Integer call() {
        PlatformReport.Options o = new PlatformReport.Options(inputs, baseline, scheme, PlatformReport.Format.parse(format),
                out, alpha, strict, dropOutliers, levels);
        // inputs and output are checked before any work: a typo must not cost a run or a file
        for (Path in : inputs) {
            String problem = Files.isDirectory(in) ? null : TextFiles.problem(in, NativeImport.MAX_BYTES);
            if (problem != null) {
                throw UserException.usage(in + ": " + problem);
            }
        }
        if (out != null) {
            ReportOut.check(out, force);
        }
        return PlatformReport.run(o, streams.out(), streams.err(), new VersionInfo().getVersion()[0]);
    }
}
