package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.result.RunResult;
import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native logs of unlike runs (1 and 2 threads, buffered and O_DIRECT, iperf3 with and without
 * -R, UDP at two rates, ab with and without -k), imported as one platform, are never pooled:
 * each kind is its own row, the differing parameter is named, and --strict refuses.
 */
class ComparableGroupsTest {
    @TempDir
    static Path tmp;
    static Path results;

    @BeforeAll
    static void importLogs() {
        results = tmp.resolve("results");
        NativeLogs.importAs("metal", results, "cpu-threads1.log", "fileio-seqrd-buffered.log", "iperf3-tcp.json",
                "iperf3-udp-1M.json", "ab.log");
        NativeLogs.importAs("kvm", results, "cpu-threads1.log", "cpu-threads2.log", "fileio-seqrd-buffered.log",
                "fileio-seqrd-direct.log", "iperf3-tcp.json", "iperf3-tcp-reverse.json", "iperf3-udp-1M.json",
                "iperf3-udp-10M.json", "ab.log", "ab-keepalive.log");
    }

    private record Out(int code, String out, String err) {
    }

    private static Out report(PlatformReport.Format format, boolean strict) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = PlatformReport.run(new PlatformReport.Options(List.of(results), "metal", null, format, null, 0.05, strict,
                false, false), new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                "virtbench test");
        return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static Report compare() {
        return Comparison.compare(ResultSet.load(List.of(results)).results(), Scheme.study(), "metal", 0.05);
    }

    private static void assertGroups(FeatureResult f, String parameter, String scored, String other) {
        List<Row> kvm = f.rows("kvm");
        assertEquals(2, kvm.size(), f.feature().id() + ": " + kvm);
        assertTrue(f.differing().contains(parameter), f.differing().toString());
        Row primary = f.row("kvm");
        assertEquals(scored, primary.group(), "the group like the baseline's is scored");
        Row second = kvm.stream().filter(r -> !r.primary()).findFirst().orElseThrow();
        assertEquals(other, second.group());
        assertNull(second.score(), "only the group like the baseline's is scored");
        assertEquals(2, primary.n());
        assertEquals(2, second.n());
        assertNotNull(primary.ratio());
    }

    @Test
    void unlikeRunsAreNeverPooled() {
        Report r = compare();
        assertGroups(r.feature("cpu"), "threads", "threads=1", "threads=2");
        assertGroups(r.feature("file_read"), "file-extra-flags", "file-extra-flags=none", "file-extra-flags=direct");
        assertGroups(r.feature("net_sent"), "reverse", "reverse=false", "reverse=true");
        assertGroups(r.feature("net_jitter"), "bitrate", "bitrate=1000000", "bitrate=10000000");
        FeatureResult http = r.feature("http");
        assertEquals(2, http.rows("kvm").size());
        assertTrue(http.differing().contains("k"), http.differing().toString());
        assertEquals("k=false", http.row("kvm").group());
        // metal's runs are all alike: one row, nothing named
        assertEquals(1, r.feature("cpu").rows("metal").size());
        // the scored kvm cpu row holds exactly the 1-thread runs: the same logs as metal's, so the same mean
        assertEquals(r.feature("cpu").row("metal").mean(), r.feature("cpu").row("kvm").mean(), 1e-9);
        assertEquals(1.0, r.feature("cpu").row("kvm").ratio(), 1e-12);
    }

    @Test
    void everyFormatWarnsAtTheTopAndNamesTheParameter() {
        Out text = report(PlatformReport.Format.TEXT, false);
        assertEquals(0, text.code(), text.err());
        int warning = text.out().indexOf("\n  WARNING: CPU events: kvm has runs that differ in threads");
        assertTrue(warning > 0 && warning < text.out().indexOf("DESMET scores"), text.out());
        assertTrue(text.out().lines().allMatch(l -> l.length() <= TextReport.WIDTH), "text fits 100 columns");
        assertTrue(text.out().contains("\n  kvm [threads=2] "), text.out());
        assertTrue(text.err().contains("virtbench: warning: CPU events: kvm has runs that differ in threads"), text.err());
        Out csv = report(PlatformReport.Format.CSV, false);
        assertTrue(csv.out().lines().skip(1).findFirst().orElseThrow().startsWith("warning,"), csv.out());
        assertTrue(csv.out().contains("differ in threads"), csv.out());
        Out json = report(PlatformReport.Format.JSON, false);
        assertTrue(json.out().stripLeading().startsWith("{\n  \"warnings\" : [ \"CPU events: kvm has runs that differ in threads"),
                json.out().substring(0, 200));
        Out html = report(PlatformReport.Format.HTML, false);
        warning = html.out().indexOf("class=\"warning\"");
        assertTrue(warning > 0 && warning < html.out().indexOf("<h2"), "the warning comes before the first section");
        assertTrue(html.out().contains("kvm has runs that differ in threads"));
        // iperf3's per-second reports of every run, so that a stall shows
        assertTrue(html.out().contains("<figure class=\"chart\" data-feature=\"net_sent-intervals\">\n<svg"), "interval chart");
        assertTrue(html.out().contains(">mbit_per_second per interval, one line per run; a dip is a stall</text>"),
                "iperf3's interval rate");
        assertEquals("jitter_ms", IntervalChart.key(Scheme.study().features().stream().filter(f -> f.id().equals("net_jitter"))
                .findFirst().orElseThrow(), java.util.Set.of("mbit_per_second", "jitter_ms", "lost_percent")), "the feature's own");
        assertEquals("transactions_per_second", IntervalChart.key(Scheme.study().features().get(7),
                new java.util.LinkedHashSet<>(List.of("threads", "transactions_per_second", "queries_per_second"))),
                "sysbench's interval tps, not its thread count");
    }

    @Test
    void strictRefusesNamingTheParameter() {
        UserException e = assertThrows(UserException.class, () -> report(PlatformReport.Format.TEXT, true));
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("--strict: runs that are not alike: CPU events: kvm has runs that differ in threads"),
                e.getMessage());
    }

    @Test
    void aPlatformWhoseOnlyRunsDifferFromTheBaselinesIsComparedWithAWarning() {
        List<RunResult> rs = new ArrayList<>();
        for (RunResult r : ResultSet.load(List.of(results)).results()) {
            boolean kvmOneThread = Platforms.of(r).equals("kvm") && r.workload().equals("cpu")
                    && Feature.text(r.parameters().get("threads")).equals("1");
            if (!kvmOneThread) {
                rs.add(r);
            }
        }
        Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        Row kvm = r.feature("cpu").row("kvm");
        assertEquals("threads=2", kvm.group());
        assertTrue(r.warnings().stream().anyMatch(w -> w.equals("CPU events: kvm's runs differ from metal's in threads=2 vs "
                + "threads=1; compared anyway")), r.warnings().toString());
    }

    @Test
    void countsOfRunsOfDifferentLengthAreComparedPerSecond() {
        // sysbench OLTP counts transactions per run: 20 s runs against 10 s runs at the same rate
        List<RunResult> rs = new ArrayList<>();
        for (double v : new double[] {20000, 20400, 19600}) {
            rs.add(Results.run("metal", "oltp", "oltp_read_only", "transactions", v, "threads", 10, "time", 20));
        }
        for (double v : new double[] {10100, 9900, 10000}) {
            rs.add(Results.run("kvm", "oltp", "oltp_read_only", "transactions", v, "threads", 10, "time", 10));
        }
        Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        FeatureResult db = r.feature("db_read");
        assertTrue(db.perSecond());
        assertEquals(1000, db.row("metal").mean(), 1e-9);
        assertEquals(1.0, db.row("kvm").ratio(), 1e-12, "per second, not per run (which would be 50 %)");
        assertEquals(4, db.row("kvm").score());
        assertTrue(r.warnings().contains("Database read: runs last 10, 20 s; compared per second (count / duration)"),
                r.warnings().toString());
    }

    @Test
    void theRunsCsvHasOneRowPerRunWithEveryParameterAsAColumn() {
        Out runs = report(PlatformReport.Format.RUNS, false);
        assertEquals(0, runs.code(), runs.err());
        List<String> lines = runs.out().lines().toList();
        List<String> head = List.of(lines.get(0).split(","));
        assertEquals(RunsCsv.FIXED, head.subList(0, RunsCsv.FIXED.size()));
        for (String p : new String[] {"param_threads", "param_file-extra-flags", "param_reverse", "param_bitrate", "param_k"}) {
            assertTrue(head.contains(p), p + " in " + head);
        }
        long cpuKvm = lines.stream().filter(l -> l.startsWith("cpu,CPU events,kvm,")).count();
        assertEquals(4, cpuKvm, "2 runs at 1 thread, 2 at 2 threads");
        String twoThreads = lines.stream().filter(l -> l.startsWith("cpu,CPU events,kvm,,threads=2,")).findFirst().orElseThrow();
        assertEquals("2", twoThreads.split(",", -1)[head.indexOf("param_threads")]);
        assertTrue(twoThreads.split(",", -1)[head.indexOf("source")].endsWith("cpu-threads2.log:1")
                || twoThreads.split(",", -1)[head.indexOf("source")].matches(".*cpu-threads2.log:\\d+"), twoThreads);
        assertTrue(lines.stream().allMatch(l -> l.split(",", -1).length == head.size()), "rectangular");
        // 10 metal runs and 20 kvm runs, each read by one feature except TCP runs (sent and received)
        assertEquals(1 + 30 + 6, lines.size());
    }

    @Test
    void levelsUnfoldTheSweepInTheText() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        PlatformReport.run(new PlatformReport.Options(List.of(results), "metal", null, PlatformReport.Format.TEXT, null, 0.05,
                false, false, true), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "t");
        String text = o.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("  per concurrency:"), text);
        assertTrue(text.matches("(?s).*\n  +10 kvm \\[k=true\\] +2 .*"), text);
        assertTrue(text.lines().allMatch(l -> l.length() <= TextReport.WIDTH));
        assertTrue(report(PlatformReport.Format.TEXT, false).out().contains("1 concurrency levels (10); --levels shows each"));
    }

    @Test
    void virtbenchsOwnResultsCompareWithImportedOnesThatOmitDefaults() {
        List<RunResult> rs = new ArrayList<>();
        // imported ab logs name no method; virtbench's http bench says GET: the same kind of run
        rs.addAll(Results.runs("metal", "http", null, "time_per_request_ms", new double[] {10, 11}, "concurrency", 10, "k", false));
        rs.addAll(Results.runs("kvm", "http", null, "time_per_request_ms", new double[] {12, 13}, "concurrency", 10, "k", false,
                "method", "GET"));
        // virtbench's fileio records its extra flags as a list, sysbench's log as text
        rs.addAll(Results.runs("metal", "fileio", "seqrd", "read_mib_per_second", new double[] {300, 310}, "file-extra-flags",
                "direct"));
        rs.addAll(Results.runs("kvm", "fileio", "seqrd", "read_mib_per_second", new double[] {200, 210}, "file-extra-flags",
                List.of("direct")));
        Report r = Comparison.compare(rs, Scheme.study(), "metal", 0.05);
        assertEquals(List.of(), r.warnings());
        assertNull(r.feature("http").row("kvm").group());
        assertNull(r.feature("file_read").row("kvm").group());
        assertEquals(205 / 305.0, r.feature("file_read").row("kvm").ratio(), 1e-12);
    }
}
