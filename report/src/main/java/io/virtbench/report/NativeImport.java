package io.virtbench.report;

import io.virtbench.core.TextFiles;
import io.virtbench.core.UserException;
import io.virtbench.core.host.HostInfo;
import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code virtbench import}: native tools' output → virtbench result files, one per run, with
 * the same model as virtbench's own results. Each file is offered to every installed
 * {@link NativeImporter}; the first that recognises its content reads it. A file that cannot
 * be read is one error line naming the file and line; the other files are still imported.
 */
public final class NativeImport {
    /** Files larger than this are not native logs. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    private final List<NativeImporter> importers;
    private final PrintStream out;
    private final PrintStream err;

    /** What became of one file. */
    public record FileOutcome(Path file, String importer, String platform, int runs, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Everything imported, and what failed. */
    public record Summary(List<FileOutcome> files, List<RunResult> results, List<Path> written, int failed, int skipped) {
    }

    public NativeImport(List<NativeImporter> importers, PrintStream out, PrintStream err) {
        if (importers.isEmpty()) {
            throw new UserException("no native-log importers are installed");
        }
        this.importers = List.copyOf(importers);
        this.out = out;
        this.err = err;
    }

    /** With every importer on the class path. */
    public static NativeImport installed(PrintStream out, PrintStream err) {
        return new NativeImport(NativeImporter.installed(), out, err);
    }

    public List<NativeImporter> importers() {
        return importers;
    }

    /**
     * Imports {@code inputs} (files, or directories searched recursively); writes the results
     * into {@code outDir} unless it is null. {@code platform} (may be null) overrides the platform
     * the file or its name gives.
     */
    public Summary run(List<Path> inputs, String platform, Path outDir) {
        List<FileOutcome> outcomes = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        int failed = 0;
        int skipped = 0;
        String forced = Platforms.normalize(platform);
        for (Path input : inputs) {
            String problem = Files.isDirectory(input) ? null : TextFiles.problem(input, MAX_BYTES);
            if (problem != null) {
                throw UserException.usage(input + ": " + problem);
            }
        }
        if (outDir != null) {
            ResultFiles.requireWritableDir("--out", outDir);
        }
        for (Path input : inputs) {
            boolean walked = Files.isDirectory(input);
            for (Path file : walked ? walk(input) : List.of(input)) {
                FileOutcome o = importFile(file, forced, walked, results, written, outDir);
                if (o == null) {
                    skipped++;
                    continue;
                }
                if (o.failed()) {
                    failed++;
                    error(o, outcomes);
                } else {
                    outcomes.add(o);
                    out.printf("%s: %d run(s) read as %s (%s)%n", file, o.runs(), o.platform(), o.importer());
                }
            }
        }
        out.printf("imported %d run(s) from %d file(s)%s%s%s%n", results.size(), outcomes.size() - failed,
                outDir != null ? " into " + outDir : "", failed > 0 ? "; " + failed + " file(s) failed" : "",
                skipped > 0 ? "; " + skipped + " file(s) skipped (not a known native log)" : "");
        return new Summary(List.copyOf(outcomes), List.copyOf(results), List.copyOf(written), failed, skipped);
    }

    private void error(FileOutcome o, List<FileOutcome> outcomes) {
        outcomes.add(o);
        err.println("virtbench: " + o.error());
    }

    private static List<Path> walk(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UserException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** Null when a file found in a directory is not a native log (skipped, not an error). */
    private FileOutcome importFile(Path file, String forced, boolean walked, List<RunResult> results, List<Path> written,
                                   Path outDir) {
        String text;
        try {
            text = TextFiles.read(file, MAX_BYTES);
        } catch (TextFiles.NotReadable e) {
            return new FileOutcome(file, null, null, 0, file + ": " + e.getMessage());
        } catch (IOException e) {
            return new FileOutcome(file, null, null, 0, file + ": cannot read: " + e.getMessage());
        }
        String head = text.length() > NativeImporter.HEAD_CHARS ? text.substring(0, NativeImporter.HEAD_CHARS) : text;
        String setup = setupLog(head);
        if (setup != null) {
            err.println("virtbench: skipped " + file + ": " + setup + " (it measures nothing)");
            return null;
        }
        List<NativeImporter> candidates = importers.stream().filter(i -> accepts(i, file, head)).toList();
        if (candidates.isEmpty()) {
            if (walked) {
                err.println("virtbench: skipped " + file + ": not a log any importer reads");
                return null;
            }
            return new FileOutcome(file, null, null, 0, file + ": not a log any importer reads (importers: "
                    + String.join(", ", importers.stream().map(NativeImporter::name).toList()) + ")");
        }
        List<RunResult> runs = null;
        String firstError = null;
        NativeImporter used = null;
        for (NativeImporter i : candidates) {
            try {
                runs = i.parse(file.toString(), text);
                used = i;
                break;
            } catch (NativeParseException e) {
                if (firstError == null) {
                    firstError = file + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage() + " (" + i.name() + ")";
                }
            } catch (RuntimeException e) {
                if (firstError == null) {
                    firstError = file + ": " + i.name() + " failed: " + e;
                }
            }
        }
        if (runs == null) {
            return new FileOutcome(file, candidates.get(0).name(), null, 0, firstError);
        }
        if (runs.isEmpty()) {
            return new FileOutcome(file, used.name(), null, 0, file + ": no runs found (" + used.name() + ")");
        }
        String fromName = Platforms.fromFileName(file.getFileName().toString());
        List<RunResult> labelled = new ArrayList<>();
        Map<String, Integer> repetitions = new HashMap<>();
        for (RunResult r : runs) {
            String own = r.host() != null ? Platforms.normalize(r.host().platform()) : null;
            String platform = forced != null ? forced : own != null ? own : fromName;
            if (platform == null) {
                return new FileOutcome(file, used.name(), null, 0, file + ": the file name names no platform "
                        + "(metal, vm, docker, docker-gvisor, firecracker): give --platform");
            }
            HostInfo host = r.host() != null ? r.host().withPlatform(platform) : labelOnly(platform);
            String group = platform + "|" + r.workload() + "|" + r.test() + "|" + r.parameters();
            int rep = repetitions.merge(group, 1, Integer::sum);
            labelled.add(r.toBuilder().host(host).repetition(rep).build());
        }
        // write only once the whole file has been read: a file is imported completely or not at all
        if (outDir != null) {
            for (RunResult r : labelled) {
                written.add(ResultFiles.write(outDir, r));
            }
        }
        results.addAll(labelled);
        String platforms = String.join(",", labelled.stream().map(Platforms::of).distinct().toList());
        return new FileOutcome(file, used.name(), platforms, labelled.size(), null);
    }

    /**
     * "a sysbench fileio prepare log" when the text is sysbench's output of {@code prepare} or
     * {@code cleanup} (creating or removing its test files or tables, no run), else null.
     */
    static String setupLog(String head) {
        boolean sysbench = head.startsWith("sysbench ") || head.contains("\nsysbench ");
        if (!sysbench || head.contains("Threads started!")) {
            return null;
        }
        if (head.contains("Creating files for the test")) {
            return "a sysbench fileio prepare log";
        }
        if (head.contains("Removing test files")) {
            return "a sysbench fileio cleanup log";
        }
        if (head.contains("Creating table 'sbtest") || head.contains("Inserting ") && head.contains(" records into 'sbtest")) {
            return "a sysbench OLTP prepare log";
        }
        if (head.contains("Dropping table 'sbtest")) {
            return "a sysbench OLTP cleanup log";
        }
        return null;
    }

    private static boolean accepts(NativeImporter i, Path file, String head) {
        try {
            return i.accepts(file, head);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Host information that says only where the run was: an imported log tells nothing else. */
    static HostInfo labelOnly(String platform) {
        return new HostInfo(platform, null, null, null, null, null, null, 0, 0, 0, null, null, null, null, null, List.of());
    }
}
