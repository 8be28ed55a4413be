package io.virtbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.TextFiles;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The results a report reads: result files ({@code --out} of any command, or {@code virtbench
 * import}), directories of them (searched recursively for {@code *.json}), and the JSON that
 * {@code --format json --repeat N} prints ({@code {"runs": [...]}}).
 */
public final class ResultSet {
    private ResultSet() {
    }

    /**
     * The results, one line per file that could not be read, and how many duplicates were left
     * out: an imported run read twice (the same log imported twice into one directory) has the
     * same source line, platform and figures, and counts once.
     */
    public record Loaded(List<RunResult> results, List<String> problems, int files, int duplicates) {
    }

    public static Loaded load(List<Path> inputs) {
        List<RunResult> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                problems.add(input + ": no such file or directory");
                continue;
            }
            List<Path> list;
            if (Files.isDirectory(input)) {
                try (Stream<Path> s = Files.walk(input)) {
                    list = s.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(".json"))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().toList();
                } catch (IOException e) {
                    problems.add(input + ": cannot list: " + e.getMessage());
                    continue;
                }
            } else {
                list = List.of(input);
            }
            for (Path file : list) {
                files++;
                try {
                    List<RunResult> read = read(file);
                    if (read.isEmpty()) {
                        problems.add(file + ": holds no results");
                    }
                    results.addAll(read);
                } catch (IOException | RuntimeException e) {
                    problems.add(file + ": " + oneLine(e.getMessage()));
                }
            }
        }
        List<RunResult> unique = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RunResult r : results) {
            if (r.source() == null || seen.add(r.source() + "|" + Platforms.of(r) + "|" + r.workload() + "|" + r.test()
                    + "|" + r.parameters() + "|" + r.metrics())) {
                unique.add(r);
            }
        }
        return new Loaded(List.copyOf(unique), List.copyOf(problems), files, results.size() - unique.size());
    }

    static List<RunResult> read(Path file) throws IOException {
        String text = TextFiles.read(file, NativeImport.MAX_BYTES);
        String t = text.stripLeading();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            throw new IOException("not a virtbench result file (read native logs with 'virtbench import' first)");
        }
        JsonNode root;
        try {
            root = ResultFiles.mapper().readTree(text);
        } catch (IOException e) {
            throw new IOException("not valid JSON: " + oneLine(e.getMessage()));
        }
        List<RunResult> out = new ArrayList<>();
        if (root.isArray()) {
            for (JsonNode n : root) {
                out.add(result(n));
            }
        } else if (root.has("runs") && root.get("runs").isArray()) {
            for (JsonNode n : root.get("runs")) {
                out.add(result(n));
            }
        } else {
            out.add(result(root));
        }
        return out;
    }

    private static RunResult result(JsonNode n) throws IOException {
        JsonNode schema = n.get("schema");
        if (schema == null || !schema.asText().startsWith("virtbench-result/")) {
            throw new IOException("not a virtbench result file (no \"schema\": \"virtbench-result/1\")");
        }
        RunResult r = ResultFiles.mapper().treeToValue(n, RunResult.class);
        if (r.workload() == null) {
            throw new IOException("a result without a workload");
        }
        return r;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
