package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.UserException;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFormatsTest {
    @TempDir
    Path tmp;

    private Path results;

    @BeforeEach
    void writeResults() {
        results = tmp.resolve("results");
        List<RunResult> rs = new ArrayList<>();
        rs.addAll(Results.runs("metal", "cpu", null, "events_per_second", new double[] {500, 502, 498}));
        rs.addAll(Results.runs("kvm", "cpu", null, "events_per_second", new double[] {400, 410, 390}));
        rs.addAll(Results.runs("metal", "http", null, "time_per_request_ms", new double[] {100, 110}, "concurrency", 10));
        rs.addAll(Results.runs("metal", "http", null, "time_per_request_ms", new double[] {200, 220}, "concurrency", 30));
        rs.addAll(Results.runs("kvm", "http", null, "time_per_request_ms", new double[] {120, 130}, "concurrency", 10));
        rs.addAll(Results.runs("kvm", "http", null, "time_per_request_ms", new double[] {240, 250}, "concurrency", 30));
        for (RunResult r : rs) {
            ResultFiles.write(results, r);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(PlatformReport.Format format, Path outFile, Path... inputs) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = PlatformReport.run(new PlatformReport.Options(List.of(inputs), "metal", null, format, outFile, 0.05),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), "virtbench test");
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void text() {
        Run r = run(PlatformReport.Format.TEXT, null, results);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*\n  kvm +3 +400\\.000 +400\\.000 +10\\.0000 +2\\.5% +80\\.0% +0\\.0024 +0\\.\\d{4} +3\n.*"),
                r.out());
        // the sweep: spread within levels, Welch on runs scaled by the baseline's mean at their level
        assertTrue(r.out().matches("(?s).*\n  metal +4 +157\\.500 +- +11\\.1803 +\\S+ +100\\.0% +- +- +4\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\n  kvm +4 +185\\.000 +- +7\\.07107 +\\S+ +117\\.5% +0\\.\\d{4} +0\\.\\d{4} +3\n.*"),
                r.out());
        assertTrue(r.out().contains("  2 concurrency levels (10, 30); --levels shows each"), r.out());
        assertTrue(r.out().indexOf("DESMET scores") < r.out().indexOf("CPU events: cpu events_per_second"), "the score table first");
        assertTrue(r.out().lines().allMatch(l -> l.length() <= TextReport.WIDTH), r.out());
        assertTrue(r.out().matches("(?s).*\n  CPU events +low +4 +3\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\n  low-level total +4 \\(1/7\\) +3 \\(1/7\\)\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\n  File read +low +- +-\n.*"), r.out());
    }

    @Test
    void csvHasOneRowPerFeatureAndPlatformPerLevelAndTotals() {
        Run r = run(PlatformReport.Format.CSV, null, results);
        List<String> lines = r.out().lines().toList();
        assertEquals(CsvOutput.HEADER, lines.get(0));
        int columns = CsvOutput.HEADER.split(",").length;
        assertTrue(lines.stream().allMatch(l -> l.split(",", -1).length == columns), "a rectangular table");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("feature,cpu,CPU events,low,kvm,,,3,400.0,10.0,events/s,0.8,"
                + lines.stream().filter(x -> x.startsWith("feature,cpu,CPU events,low,kvm")).findFirst().orElseThrow()
                .split(",")[12] + ",true,3,,true,400.0,390.0,410.0,0.025,")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("level,http,HTTP response time,high,kvm,concurrency,30,2,245.0,"
                + Math.sqrt(50) + ",ms,1.1666666666666667,"
                + lines.stream().filter(x -> x.startsWith("level,http,HTTP response time,high,kvm,concurrency,30")).findFirst()
                .orElseThrow().split(",")[12] + ",false,,,true,245.0,240.0,250.0,")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("total,high_level_total,,high,kvm,,,1,,,,,,,3,")), r.out());
        assertEquals(1 + 2 + 2 + 2 + 4 + 4, lines.size(), "header, hosts x2, cpu x2, http x2, http levels x4, totals x4");
    }

    @Test
    void jsonReadsBack() throws Exception {
        Run r = run(PlatformReport.Format.JSON, null, results);
        JsonNode root = ResultFiles.mapper().readTree(r.out());
        assertEquals("metal", root.get("baseline").asText());
        JsonNode http = null;
        for (JsonNode f : root.get("features")) {
            if (f.get("feature").get("id").asText().equals("http")) {
                http = f;
            }
        }
        assertEquals(List.of("10", "30"), List.of(http.get("levelOrder").get(0).asText(), http.get("levelOrder").get(1).asText()));
        JsonNode kvm = http.get("platforms").get(1);
        assertEquals("kvm", kvm.get("platform").asText());
        assertEquals((125 + 245) / 2.0, kvm.get("mean").asDouble(), 1e-9);
        assertEquals(3, kvm.get("score").asInt(), "185 / 157.5 = 117.5%: at most 120% scores 3");
    }

    @Test
    void writesTheReportToAFileAndSaysSo() throws Exception {
        Path file = tmp.resolve("report.csv");
        Run r = run(PlatformReport.Format.CSV, file, results);
        assertEquals("", r.out());
        assertTrue(r.err().contains("report written to " + file));
        assertTrue(Files.readString(file).startsWith(CsvOutput.HEADER));
    }

    @Test
    void unreadableInputsAreReportedAndTheRestIsStillReported() throws Exception {
        Path bad = results.resolve("zz-not-a-result.json");
        Files.writeString(bad, "{\"hello\": 1}");
        Path log = tmp.resolve("metal-cpu.log");
        Files.writeString(log, "sysbench 1.0.20\n");
        Run r = run(PlatformReport.Format.TEXT, null, results, log);
        assertEquals(UserException.FAILURE, r.code());
        assertTrue(r.err().contains("skipped " + bad + ": not a virtbench result file"), r.err());
        assertTrue(r.err().contains("skipped " + log + ": not a virtbench result file (read native logs with 'virtbench import' first)"), r.err());
        assertTrue(r.out().contains("CPU events"));
    }

    @Test
    void aLogImportedTwiceCountsOnce() throws Exception {
        Path twice = tmp.resolve("twice");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            NativeImport.installed(quiet, quiet).run(List.of(io.virtbench.core.testing.PaperLogs.file("cpu", "-metal-")), null, twice);
        }
        Run r = run(PlatformReport.Format.CSV, null, twice);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("10 duplicate result(s) left out"), r.err());
        assertTrue(r.out().contains("\nfeature,cpu,CPU events,low,metal,,,10,"), r.out());
    }

    @Test
    void aBaselineWithoutResultsIsAUsageError() {
        UserException e = assertThrows(UserException.class, () -> PlatformReport.run(new PlatformReport.Options(List.of(results),
                "gvisor", null, PlatformReport.Format.TEXT, null, 0.05), System.out, System.err, "t"));
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--baseline: no results for platform 'gvisor' (platforms: metal, kvm)"), e.getMessage());
        assertThrows(UserException.class, () -> PlatformReport.run(new PlatformReport.Options(List.of(tmp.resolve("none")),
                "metal", null, PlatformReport.Format.TEXT, null, 0.05), System.out, System.err, "t"));
    }
}
