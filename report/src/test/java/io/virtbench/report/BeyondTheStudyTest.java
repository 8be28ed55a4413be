package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The workloads beyond the study (micro, memory, threads, mutex) are scored in a table of their
 * own and leave the study's scores, totals and tables exactly as they are.
 */
class BeyondTheStudyTest {
    private static final List<String> MICRO = List.of("syscall", "stat", "open-close", "read-4k", "yield", "switch", "pipe",
            "page-fault", "spawn", "clock");

    /** The study's CPU and HTTP features for metal and gvisor. */
    private static List<RunResult> study() {
        List<RunResult> rs = new ArrayList<>();
        rs.addAll(Results.runs("metal", "cpu", null, "events_per_second", new double[] {500, 502, 498}));
        rs.addAll(Results.runs("gvisor", "cpu", null, "events_per_second", new double[] {480, 470, 490}));
        rs.addAll(Results.runs("metal", "http", null, "time_per_request_ms", new double[] {100, 110}, "concurrency", 10));
        rs.addAll(Results.runs("gvisor", "http", null, "time_per_request_ms", new double[] {900, 1000}, "concurrency", 10));
        return rs;
    }

    /**
     * Two platforms' results of every workload beyond the study, with the workloads' names
     * (the metric names are checked against the real commands in the launcher's BeyondReportCliTest).
     */
    private static List<RunResult> beyond() {
        List<RunResult> rs = new ArrayList<>();
        for (String op : MICRO) {
            rs.addAll(Results.runs("metal", "micro", op, "ns_p50", new double[] {1000, 1100}, "op", op));
            // gVisor's ptrace platform: 40x for a system call; clock is vDSO and stays near
            double[] gv = op.equals("clock") ? new double[] {1050, 1150} : new double[] {40000, 44000};
            rs.addAll(Results.runs("gvisor", "micro", op, "ns_p50", gv, "op", op));
        }
        for (String oper : List.of("write", "read")) {
            rs.addAll(Results.runs("metal", "memory", null, "mib_per_second", new double[] {4000, 4200}, "memory-oper", oper,
                    "memory-block-size", 1024));
            rs.addAll(Results.runs("gvisor", "memory", null, "mib_per_second", new double[] {3000, 3100}, "memory-oper", oper,
                    "memory-block-size", 1024));
        }
        rs.addAll(Results.runs("metal", "threads", null, "events_per_second", new double[] {300, 320}));
        rs.addAll(Results.runs("gvisor", "threads", null, "events_per_second", new double[] {10, 12}));
        rs.addAll(Results.runs("metal", "mutex", null, "latency_avg_ms", new double[] {500, 520}));
        rs.addAll(Results.runs("gvisor", "mutex", null, "latency_avg_ms", new double[] {560, 580}));
        return rs;
    }

    private static List<RunResult> all() {
        List<RunResult> rs = new ArrayList<>(study());
        rs.addAll(beyond());
        return rs;
    }

    private static String print(Comparison.Report r, BiConsumer<Comparison.Report, PrintStream> format) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        format.accept(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    private static String text(Comparison.Report r) {
        return print(r, TextReport::print);
    }

    /** From "DESMET scores" to the end of the high-level total's line. */
    private static String desmetTable(String text) {
        int start = text.indexOf("DESMET scores");
        int end = text.indexOf('\n', text.indexOf("  high-level total"));
        return text.substring(start, end);
    }

    @Test
    void theSecondTableIsFilledFromBothPlatformsResults() {
        Comparison.Report r = Comparison.compare(all(), Scheme.builtIn(), "metal", 0.05);
        List<String> ids = new ArrayList<>();
        MICRO.forEach(op -> ids.add("micro_" + op.replace('-', '_')));
        ids.addAll(List.of("memory_write", "memory_read", "threads", "mutex"));
        assertEquals(ids, BeyondTable.features(r).stream().map(f -> f.feature().id()).toList());
        assertEquals(java.util.Map.of(), r.unmatched(), "every result is read by a feature");

        Comparison.Row syscall = r.feature("micro_syscall").row("gvisor");
        assertEquals(2, syscall.n());
        assertEquals(42000, syscall.mean(), 1e-9);
        assertEquals(40.0, syscall.ratio(), 1e-9);
        assertEquals(0, syscall.score(), "beyond 10x the baseline's time");
        assertEquals(4, r.feature("micro_syscall").row("metal").score());
        assertEquals(4, r.feature("micro_clock").row("gvisor").score(), "within 1.25x");
        assertEquals(2, r.feature("memory_read").row("gvisor").score(), "3050 / 4100 = 74 %: at least 70, below 80");
        assertEquals(3, r.feature("mutex").row("gvisor").score(), "570 / 510 = 111.8 %: at most 120, above 110");

        String text = text(r);
        assertTrue(text.indexOf("Beyond the study") > text.indexOf("  high-level total"), "after the study's table");
        assertTrue(text.matches("(?s).*\n  Micro syscall +metal +2 +1050\\.00 +ns +100\\.0% +4\n"
                + " +gvisor +2 +42000\\.0 +ns +4000\\.0% +0\n.*"), text);
        assertTrue(text.matches("(?s).*\n  Memory write +metal +2 +4100\\.00 +MiB/s +100\\.0% +4\n.*"), text);
        assertTrue(text.matches("(?s).*\n  Mutex +metal +2 +510\\.000 +ms +100\\.0% +4\n +gvisor +2 +570\\.000 +ms +111\\.8% +3\n.*"),
                text);
        assertTrue(text.contains("\nMicro syscall: micro syscall ns_p50 [ns], lower is better, beyond the study\n"), text);
        assertTrue(text.lines().allMatch(l -> l.length() <= TextReport.WIDTH), text);
    }

    @Test
    void netLatencyPerProtocolIsAFeatureOfTheSecondTable() {
        List<RunResult> rs = new ArrayList<>();
        rs.addAll(Results.runs("metal", "net-latency", "udp", "latency_p50_us", new double[] {20, 22}, "msg-size", 14));
        rs.addAll(Results.runs("gvisor", "net-latency", "udp", "latency_p50_us", new double[] {100, 110}, "msg-size", 14));
        rs.addAll(Results.runs("metal", "net-latency", "tcp", "latency_p50_us", new double[] {25, 27}, "msg-size", 14));
        rs.addAll(Results.runs("gvisor", "net-latency", "tcp", "latency_p50_us", new double[] {30, 34}, "msg-size", 14));
        Comparison.Report r = Comparison.compare(rs, Scheme.builtIn(), "metal", 0.05);
        assertEquals(List.of("latency_udp", "latency_tcp"), BeyondTable.features(r).stream().map(f -> f.feature().id()).toList());
        assertEquals(5.0, r.feature("latency_udp").row("gvisor").ratio(), 1e-9);
        assertEquals(2, r.feature("latency_udp").row("gvisor").score(), "5x the baseline's time: at most 500 %, above 200 %");
        assertEquals(4, r.feature("latency_tcp").row("gvisor").score(), "32 / 26 = 123 %: within 1.25x");
        assertEquals(java.util.Map.of(), r.unmatched(), "every result is read by a feature");
    }

    @Test
    void threadsBelowATenthOfTheBaselineScoreZero() {
        Comparison.Report r = Comparison.compare(all(), Scheme.builtIn(), "metal", 0.05);
        // 11 / 310 events per second: 3.5 % of the baseline, below the 10 % of score 1
        assertEquals(0, r.feature("threads").row("gvisor").score());
        assertEquals(4, r.feature("threads").row("metal").score());
    }

    @Test
    void theStudysTotalsAndTableAreUnchangedByThem() {
        Comparison.Report studyOnly = Comparison.compare(study(), Scheme.study(), "metal", 0.05);
        Comparison.Report both = Comparison.compare(all(), Scheme.builtIn(), "metal", 0.05);
        assertEquals(studyOnly.totals(), both.totals());
        assertEquals(desmetTable(text(studyOnly)), desmetTable(text(both)));
        assertFalse(desmetTable(text(both)).contains("Micro"), desmetTable(text(both)));
        assertTrue(desmetTable(text(both)).matches("(?s).*\n  low-level total +4 \\(1/7\\) +4 \\(1/7\\)\n"
                + "  high-level total +4 \\(1/5\\) +0 \\(1/5\\)"), desmetTable(text(both)));

        String csv = print(both, CsvOutput::print);
        assertTrue(csv.contains("\nfeature,micro_syscall,Micro syscall,beyond,gvisor,,,2,42000.0,"), csv);
        assertEquals(print(studyOnly, CsvOutput::print).lines().filter(l -> l.startsWith("total,")).toList(),
                csv.lines().filter(l -> l.startsWith("total,")).toList());

        String html = print(both, (r, out) -> HtmlReport.print(r, out, out, "test"));
        int beyond = html.indexOf("<h2 id=\"beyond\">Beyond the study</h2>");
        assertTrue(beyond > html.indexOf("high-level total"), "the second table after the study's");
        assertTrue(html.indexOf("<a href=\"#f-micro_syscall\">Micro syscall</a>", beyond) > 0, html);
        assertFalse(html.substring(0, beyond).contains("Micro syscall"), "not in the study's table");
    }

    /** A report of the study's workloads alone reads byte for byte as with the study's scheme alone. */
    @Test
    void withoutResultsBeyondTheStudyEveryFormatIsAsBefore() throws Exception {
        Comparison.Report before = Comparison.compare(study(), Scheme.study(), "metal", 0.05);
        Comparison.Report now = Comparison.compare(study(), Scheme.builtIn(), "metal", 0.05);
        assertEquals(text(before), text(now));
        assertEquals(print(before, CsvOutput::print), print(now, CsvOutput::print));
        assertEquals(ResultFiles.toJson(before), ResultFiles.toJson(now));
        assertFalse(text(now).contains("Beyond the study"), text(now));
    }

    /** The study's own logs, reported with the built-in scheme, give the same scores and totals as with the study's scheme. */
    @Test
    void thePaperLogsScoreAsBefore() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<RunResult> paper = NativeImport.installed(quiet, quiet).run(List.of(PaperLogs.dir()), null, null).results();
        List<RunResult> withBeyond = new ArrayList<>(paper);
        withBeyond.addAll(beyond());
        Comparison.Report before = Comparison.compare(paper, Scheme.study(), "metal", 0.05);
        Comparison.Report now = Comparison.compare(withBeyond, Scheme.builtIn(), "metal", 0.05);
        assertEquals(before.totals(), now.totals());
        assertEquals(desmetTable(text(before)), desmetTable(text(now)));
        JsonNode json = ResultFiles.mapper().readTree(ResultFiles.toJson(now));
        int beyond = 0;
        for (JsonNode f : json.get("features")) {
            beyond += f.get("feature").get("level").asText().equals("BEYOND") ? 1 : 0;
        }
        assertEquals(14, beyond);
    }
}
