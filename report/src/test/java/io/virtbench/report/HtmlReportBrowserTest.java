package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.core.testing.PaperLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report: self-contained (nothing loaded from anywhere), and, in a real headless
 * chromium, free of script and console errors with every chart visible. The page's own inline
 * check sets data-virtbench-check on the html element; chromium's --dump-dom shows it.
 */
class HtmlReportBrowserTest {
    @TempDir
    static Path tmp;

    static Path html;
    static String page;

    @BeforeAll
    static void writeReport() throws Exception {
        Path results = tmp.resolve("results");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        NativeImport.installed(quiet, quiet).run(List.of(PaperLogs.dir().resolve("cpu"), PaperLogs.dir().resolve("boot"),
                PaperLogs.dir().resolve("pipeline-benchmark")), null, results);
        // iperf3 runs recorded here: bars of the network features and their interval charts
        NativeLogs.importAs("metal", results, "iperf3-tcp.json");
        NativeLogs.importAs("kvm", results, "iperf3-tcp-reverse.json");
        // sweeps for the line charts (their parsers live in other modules)
        List<RunResult> sweeps = new ArrayList<>();
        String[] platforms = {"metal", "kvm", "docker", "gvisor"};
        for (int p = 0; p < platforms.length; p++) {
            for (int threads = 10; threads <= 70; threads += 10) {
                sweeps.addAll(Results.runs(platforms[p], "oltp", "oltp_read_only", "transactions",
                        new double[] {30000 - 100 * threads - 2000 * p, 30100 - 100 * threads - 2000 * p}, "threads", threads));
            }
            for (int c : new int[] {10, 30, 60, 90, 120, 150, 180, 200}) {
                sweeps.addAll(Results.runs(platforms[p], "http", null, "time_per_request_ms",
                        new double[] {7 * c * (1 + 0.1 * p), 7 * c * (1 + 0.1 * p) + 5}, "concurrency", c));
            }
        }
        for (RunResult r : sweeps) {
            ResultFiles.write(results, r);
        }
        html = tmp.resolve("report.html");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PlatformReport.run(new PlatformReport.Options(List.of(results), "metal", null, PlatformReport.Format.HTML,
                html, 0.05), quiet, new PrintStream(err, true, StandardCharsets.UTF_8), "virtbench test");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        page = Files.readString(html);
        // the page for people to look at, beside the screenshot
        Files.createDirectories(Path.of("target"));
        Files.copy(html, Path.of("target", "report-sample.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theBarAndLineChartsAreInlineSvg() {
        for (String feature : new String[] {"boot", "cpu", "pipeline", "db_read", "http"}) {
            assertTrue(page.contains("<figure class=\"chart\" data-feature=\"" + feature + "\">\n<svg"), feature);
        }
        assertTrue(page.contains("<figure class=\"chart\" data-feature=\"ratio\">\n<svg"), "the ratio chart");
        assertTrue(page.contains(">100 % = metal</text>"), "its 100 % line is labelled");
        assertEquals(10, count(page, "<figure class=\"chart\""), "no chart for features without results");
        assertEquals(10, count(page, "<svg "), "one svg per chart");
        assertTrue(page.contains("<figure class=\"chart\" data-feature=\"net_sent-intervals\">\n<svg"), "interval chart");
        assertEquals(10, count(page, "<button type=\"button\" class=\"dl\""), "a download per chart");
        assertTrue(page.contains("<p class=\"note\">No result for firecracker.</p>"), "a platform without results is named");
        assertTrue(page.contains("How to read this report"), "the scoring is explained");
        assertTrue(page.contains("Hedges' g [95% CI]"));
        assertTrue(page.contains(">firecracker</text>"), "category labels are text");
        assertTrue(page.contains("<table class=\"scores\">"));
    }

    @Test
    void loadsNothingFromAnywhere() {
        String withoutNamespaces = page.replaceAll("xmlns(:\\w+)?=(['\"])[^'\"]*\\2", "");
        assertFalse(withoutNamespaces.contains("http://"), "no http URL");
        assertFalse(withoutNamespaces.contains("https://"), "no https URL");
        assertFalse(page.contains(" src="), "no src attribute");
        assertFalse(page.contains("<link"), "no linked style sheet");
        assertFalse(page.contains("@import"), "no imported CSS");
        Matcher url = Pattern.compile("url\\(([^)]*)\\)").matcher(page);
        while (url.find()) {
            assertTrue(url.group(1).startsWith("#"), "only references inside the page: " + url.group());
        }
    }

    @Test
    void clipPathIdsAreUniqueAcrossCharts() {
        Matcher id = Pattern.compile("<clipPath id='([^']+)'").matcher(page);
        List<String> ids = new ArrayList<>();
        while (id.find()) {
            assertFalse(ids.contains(id.group(1)), "duplicate id " + id.group(1));
            ids.add(id.group(1));
        }
        assertFalse(ids.isEmpty());
    }

    @Test
    void chromiumShowsEveryChartWithoutErrors() throws Exception {
        NativeTools.assumeInstalled("chromium");
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        NativeTool.Result dom = NativeTool.run(chromium(profile, "--virtual-time-budget=5000", "--dump-dom",
                html.toUri().toString()), null, Duration.ofSeconds(90));
        assertEquals(0, dom.exitCode(), dom.firstErrorLine());
        Matcher root = Pattern.compile("<html[^>]*>").matcher(dom.stdout());
        assertTrue(root.find(), "chromium printed the DOM: " + dom.stdout().substring(0, Math.min(300, dom.stdout().length())));
        String tag = root.group();
        assertTrue(tag.contains("data-virtbench-check=\"ok\""), tag);
        assertTrue(tag.contains("data-charts=\"10\""), tag);
        assertTrue(tag.contains("data-charts-visible=\"10\""), tag);
        assertTrue(tag.contains("data-downloads=\"10\""), tag);
        assertTrue(tag.contains("data-overflow=\"0\""), tag);
        assertTrue(tag.contains("data-errors=\"0\""), tag);
        // a picture for people: target/report-screenshot.png
        Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
        NativeTool.Result shot = NativeTool.run(chromium(profile, "--hide-scrollbars", "--window-size=1000,4200",
                "--screenshot=" + png, html.toUri().toString()), null, Duration.ofSeconds(90));
        assertEquals(0, shot.exitCode(), shot.firstErrorLine());
        assertTrue(Files.size(png) > 10_000, "a real screenshot");
    }

    /**
     * At a phone's 390 px (an iframe of that width: headless chromium's window is never narrower
     * than 500 px) nothing sticks out sideways, chart text stays at least 8.5 px as shown and
     * body text 11 px; the page measures itself and the harness page copies the figures out.
     */
    @Test
    void aPhoneShowsThePageWithoutSidewaysScrollingAndLegibleCharts() throws Exception {
        NativeTools.assumeInstalled("chromium");
        Path harness = html.resolveSibling("phone.html");
        Files.writeString(harness, """
                <!DOCTYPE html><html><body style="margin:0">
                <iframe id="f" src="report.html" style="width:390px;height:3000px;border:0"></iframe>
                <script>
                document.getElementById('f').addEventListener('load', function () {
                  var d = document.getElementById('f').contentDocument.documentElement;
                  ['data-viewport', 'data-overflow', 'data-wide', 'data-chart-font', 'data-text-font', 'data-charts-visible',
                   'data-virtbench-check'].forEach(function (a) {
                    document.documentElement.setAttribute('phone-' + a, d.getAttribute(a));
                  });
                });
                </script></body></html>
                """);
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile-phone"));
        NativeTool.Result dom = NativeTool.run(chromium(profile, "--allow-file-access-from-files",
                "--virtual-time-budget=5000", "--dump-dom", harness.toUri().toString()), null, Duration.ofSeconds(90));
        assertEquals(0, dom.exitCode(), dom.firstErrorLine());
        Matcher root = Pattern.compile("<html[^>]*>").matcher(dom.stdout());
        assertTrue(root.find(), dom.stdout().substring(0, Math.min(300, dom.stdout().length())));
        String tag = root.group();
        assertTrue(tag.contains("phone-data-viewport=\"390\""), tag);
        assertTrue(tag.contains("phone-data-overflow=\"0\""), tag);
        assertTrue(tag.contains("phone-data-wide=\"\""), tag);
        assertTrue(tag.contains("phone-data-charts-visible=\"10\""), tag);
        assertTrue(tag.contains("phone-data-virtbench-check=\"ok\""), tag);
        Matcher chartFont = Pattern.compile("phone-data-chart-font=\"([0-9.]+)\"").matcher(tag);
        assertTrue(chartFont.find(), tag);
        assertTrue(Double.parseDouble(chartFont.group(1)) >= 8.5, "chart text as shown: " + chartFont.group(1) + " px");
        Matcher textFont = Pattern.compile("phone-data-text-font=\"([0-9.]+)\"").matcher(tag);
        assertTrue(textFont.find(), tag);
        assertTrue(Double.parseDouble(textFont.group(1)) >= 11, "body text: " + textFont.group(1) + " px");
        Path png = Path.of("target", "report-phone.png").toAbsolutePath();
        NativeTool.Result shot = NativeTool.run(chromium(profile, "--hide-scrollbars", "--window-size=390,2400",
                "--screenshot=" + png, html.toUri().toString()), null, Duration.ofSeconds(90));
        assertEquals(0, shot.exitCode(), shot.firstErrorLine());
    }

    @Test
    void theCheckScriptNoticesAnError() throws Exception {
        NativeTools.assumeInstalled("chromium");
        // the same page with a broken script and a hidden chart must not pass
        String broken = page.replace("</body>", "<script>undefinedFunction();</script>\n</body>")
                .replace("figure.chart { margin: 0.5em 0; }", "figure.chart { margin: 0.5em 0; } figure.chart svg { display: none !important; }");
        Path bad = tmp.resolve("broken.html");
        // the check runs last: move it after the broken script
        int check = broken.lastIndexOf("<script>\n(function () {\n  var figures");
        String checkScript = broken.substring(check, broken.indexOf("</script>", check) + 9);
        broken = broken.replace(checkScript, "").replace("</body>", checkScript + "\n</body>");
        Files.writeString(bad, broken);
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile-2"));
        NativeTool.Result dom = NativeTool.run(chromium(profile, "--virtual-time-budget=5000", "--dump-dom",
                bad.toUri().toString()), null, Duration.ofSeconds(90));
        Matcher root = Pattern.compile("<html[^>]*>").matcher(dom.stdout());
        assertTrue(root.find());
        assertTrue(root.group().contains("data-virtbench-check=\"failed: "), root.group());
        assertTrue(root.group().contains("undefinedFunction"), root.group());
        assertTrue(root.group().contains("data-charts-visible=\"0\""), root.group());
    }

    private static List<String> chromium(Path profile, String... args) {
        List<String> c = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        c.addAll(List.of(args));
        return c;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
