package io.virtbench.http.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.PaperLogs;
import io.virtbench.http.HttpBenchmark;
import io.virtbench.http.report.AbMetrics;
import io.virtbench.http.report.AbReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code virtbench import} of ab text logs: every paper log, the study's baseline, corrupt files. */
class AbImporterTest {
    private final AbImporter imp = new AbImporter();

    private static String head(String t) {
        return t.substring(0, Math.min(t.length(), NativeImporter.HEAD_CHARS));
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(NativeImporter.installed().stream().anyMatch(i -> i instanceof AbImporter));
    }

    @Test
    void acceptsEveryHttpLogAndNoOtherLog() {
        for (Path p : PaperLogs.files("http-benchmark")) {
            assertTrue(imp.accepts(p, head(PaperLogs.read(p))), p.toString());
        }
        for (String other : new String[] {"cpu", "fileio", "database", "boot", "network", "pipeline-benchmark"}) {
            for (Path p : PaperLogs.files(other)) {
                assertFalse(imp.accepts(p, head(PaperLogs.read(p))), p.toString());
            }
        }
        // virtbench's own report in ab's layout is read too
        assertTrue(imp.accepts(Path.of("x.log"), AbReport.FIRST_LINE + "\n"));
    }

    @Test
    void everyHttpLogImportsEightyRunsWithTheLineOfEachRun() throws Exception {
        for (Path p : PaperLogs.files("http-benchmark")) {
            String text = PaperLogs.read(p);
            String[] lines = text.split("\n", -1);
            List<RunResult> runs = imp.parse(p.toString(), text);
            assertEquals(80, runs.size(), p.toString());
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                assertEquals("http", r.workload());
                assertEquals(RunStatus.COMPLETE, r.status());
                long level = HttpBenchmark.STUDY_LEVELS.get(i % 8);
                assertEquals(level, r.parameters().get("c"));
                assertEquals(level, r.parameters().get(AbMetrics.CONCURRENCY), "the report's sweep parameter");
                assertTrue(r.metric(AbMetrics.TIME_PER_REQUEST).isPresent());
                int line = Integer.parseInt(r.source().substring(p.toString().length() + 1));
                assertTrue(lines[line - 1].startsWith("This is ApacheBench, Version 2.3"), r.source());
            }
            assertEquals(p + ":1", runs.get(0).source());
        }
    }

    /** thesis-method.md: HTTP response time, metal, 1425.18 ms = the mean "Time per request" over all 80 runs. */
    @Test
    void metalMeanIsTheStudysBaseline() throws Exception {
        Path p = PaperLogs.file("http-benchmark", "-metal-");
        List<RunResult> runs = imp.parse(p.toString(), PaperLogs.read(p));
        double mean = runs.stream().mapToDouble(r -> r.value(AbMetrics.TIME_PER_REQUEST)).average().orElseThrow();
        assertEquals(1425.18, mean, 0.005);
        // and the mean of the per-level means (the report's sweep average) is the same: 10 runs per level
        double levels = runs.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.parameters().get("c"),
                        java.util.stream.Collectors.averagingDouble(r -> r.value(AbMetrics.TIME_PER_REQUEST))))
                .values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(1425.18, levels, 0.005);
    }

    @Test
    void aCorruptFileIsAParseErrorWithItsLine() {
        Path p = PaperLogs.file("http-benchmark", "-metal-");
        String[] lines = PaperLogs.read(p).split("\n", -1);
        int second = -1;
        for (int i = 1; i < lines.length && second < 0; i++) {
            if (lines[i].startsWith("This is ApacheBench")) {
                second = i;
            }
        }
        // a number damaged in the second run: that line
        int rps = -1;
        for (int i = second; rps < 0; i++) {
            if (lines[i].startsWith("Requests per second:")) {
                rps = i;
            }
        }
        String[] damaged = lines.clone();
        damaged[rps] = "Requests per second:    7x3.39 [#/sec] (mean)";
        NativeParseException e = assertThrows(NativeParseException.class, () -> imp.parse("m.log", String.join("\n", damaged)));
        assertEquals(rps + 1, e.line(), e.getMessage());
        // a figure missing from the second run: that run's first line
        String[] missing = lines.clone();
        for (int i = second; i < lines.length; i++) {
            if (missing[i].startsWith("Complete requests:")) {
                missing[i] = "";
                break;
            }
        }
        NativeParseException m = assertThrows(NativeParseException.class, () -> imp.parse("m.log", String.join("\n", missing)));
        assertEquals(second + 1, m.line(), m.getMessage());
        // a Connection Times row cut short
        String[] cut = lines.clone();
        for (int i = second; i < lines.length; i++) {
            if (cut[i].startsWith("Processing:")) {
                cut[i] = "Processing:    38  135";
                final int at = i + 1;
                NativeParseException c = assertThrows(NativeParseException.class, () -> imp.parse("m.log", String.join("\n", cut)));
                assertEquals(at, c.line(), c.getMessage());
                break;
            }
        }
        NativeParseException none = assertThrows(NativeParseException.class, () -> imp.parse("m.log", "hello\n"));
        assertEquals(1, none.line());
    }
}
