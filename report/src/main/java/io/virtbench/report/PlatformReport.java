package io.virtbench.report;

import io.virtbench.core.UserException;
import io.virtbench.core.result.ResultFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code virtbench report}: reads result files from many platforms, compares them with the
 * scheme ({@link Comparison}) and prints the comparison as text, CSV, JSON or one HTML page.
 */
public final class PlatformReport {

    /** {@code runs}: a long-format CSV, one row per run with every parameter as a column. */
    public enum Format { TEXT, CSV, JSON, HTML, RUNS;

        public static Format parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw UserException.usage("invalid value for --format: '" + s + "' (expected text, csv, json, html or runs)");
            }
        }
    }

    /**
     * @param inputs   result files or directories
     * @param baseline the platform others are divided by
     * @param scheme   a scheme file, or null for the study's
     * @param format   output format
     * @param out      file to write instead of standard output, or null
     * @param alpha    significance level of Welch's t-test
     * @param strict   refuse (exit 2) when runs that differ in what they measure meet in one feature
     * @param dropOutliers leave runs outside Tukey's fences out of the figures (they are always flagged)
     * @param levels   text: show every sweep level's rows too
     */
    public record Options(List<Path> inputs, String baseline, Path scheme, Format format, Path out, double alpha,
                          boolean strict, boolean dropOutliers, boolean levels) {
        public Options(List<Path> inputs, String baseline, Path scheme, Format format, Path out, double alpha) {
            this(inputs, baseline, scheme, format, out, alpha, false, false, false);
        }

        public Options {
            if (inputs == null || inputs.isEmpty()) {
                throw UserException.usage("give result files or directories to report on");
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw UserException.usage("invalid value for --alpha: " + alpha + " (must be between 0 and 1)");
            }
            if (baseline == null || baseline.isBlank()) {
                throw UserException.usage("invalid value for --baseline: empty");
            }
        }
    }

    private PlatformReport() {
    }

    /** Runs the report; returns the exit status (1 when some input could not be read, after reporting the rest). */
    public static int run(Options o, PrintStream stdout, PrintStream stderr, String generator) {
        return run(o, stdout, stderr, generator, null);
    }

    /**
     * As {@link #run(Options, PrintStream, PrintStream, String)}; the HTML page also shows the
     * density table and degradation curve of {@code density} (a {@code suite --guests} density.json; null: none).
     */
    public static int run(Options o, PrintStream stdout, PrintStream stderr, String generator, Path density) {
        Scheme scheme = o.scheme() == null ? Scheme.builtIn() : Scheme.load(o.scheme());
        ResultSet.Loaded loaded = ResultSet.load(o.inputs());
        for (String p : loaded.problems()) {
            stderr.println("virtbench: skipped " + p);
        }
        if (loaded.duplicates() > 0) {
            stderr.println("virtbench: " + loaded.duplicates() + " duplicate result(s) left out (the same native run imported "
                    + "more than once)");
        }
        if (loaded.results().isEmpty()) {
            throw new UserException("no results to report in " + o.inputs() + " (" + loaded.files() + " file(s) read)");
        }
        if (o.inputs().size() == 2 && BeforeAfter.applies(o.inputs(), loaded.results(), scheme, o.alpha())) {
            return BeforeAfter.run(o, loaded, scheme, stdout, stderr);
        }
        Comparison.Report report = Comparison.compare(loaded.results(), scheme, o.baseline(), o.alpha(),
                new Comparison.Options(o.dropOutliers()));
        if (!report.platforms().contains(report.baseline())) {
            throw UserException.usage("invalid value for --baseline: no results for platform '" + report.baseline()
                    + "' (platforms: " + String.join(", ", report.platforms()) + ")");
        }
        if (o.strict() && !report.warnings().isEmpty()) {
            throw UserException.usage("--strict: runs that are not alike: " + report.warnings().get(0)
                    + (report.warnings().size() > 1 ? " (and " + (report.warnings().size() - 1) + " more)" : ""));
        }
        for (String w : report.warnings()) {
            stderr.println("virtbench: warning: " + w);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream target = o.out() == null ? stdout : new PrintStream(buffer, true, StandardCharsets.UTF_8);
        switch (o.format()) {
            case TEXT -> TextReport.print(report, target, o.levels());
            case CSV -> CsvOutput.print(report, target);
            case RUNS -> RunsCsv.print(report, target);
            case JSON -> target.println(ResultFiles.toJson(report));
            case HTML -> HtmlReport.print(report, target, stderr, generator,
                    density == null ? "" : HtmlDensity.section(HtmlDensity.read(density, stderr), stderr));
        }
        target.flush();
        if (o.out() != null) {
            write(o.out(), buffer.toByteArray());
            stderr.println("virtbench: report written to " + o.out());
        }
        return loaded.problems().isEmpty() ? 0 : UserException.FAILURE;
    }

    /** Atomically: a temporary file beside the target, then a rename. */
    static void write(Path file, byte[] content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try {
                Files.write(tmp, content);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserException("cannot write the report to " + file + ": " + e.getMessage(), e);
        }
    }
}
