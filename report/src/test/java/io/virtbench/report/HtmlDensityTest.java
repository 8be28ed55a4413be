package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's density section from a {@code suite --guests} density.json: the table, and the degradation curve for a sweep. */
class HtmlDensityTest {
    @TempDir
    Path tmp;

    private record Run(int code, String html, String err) {
    }

    private Run report(Path density) throws Exception {
        Path results = tmp.resolve("results");
        List<RunResult> rs = new ArrayList<>();
        rs.addAll(Results.runs("runc#1", "cpu", null, "events_per_second", new double[] {600}));
        rs.addAll(Results.runs("runc#2", "cpu", null, "events_per_second", new double[] {400}));
        for (RunResult r : rs) {
            ResultFiles.write(results, r);
        }
        Path html = tmp.resolve("report.html");
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = PlatformReport.run(new PlatformReport.Options(List.of(results), "runc#1", null, PlatformReport.Format.HTML,
                html, 0.05), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), "virtbench test", density);
        return new Run(code, Files.readString(html), e.toString(StandardCharsets.UTF_8));
    }

    /** A row as the suite's Density record writes it. */
    private static Map<String, Object> row(String platform, int n, String step, double one, Double... values) {
        Map<String, Object> r = new LinkedHashMap<>(); // a null vsOne: the sweep has no N = 1
        r.put("platform", platform);
        r.put("guests", n);
        r.put("step", step);
        r.put("metric", "events_per_second");
        r.put("unit", "events/s");
        r.put("higherIsBetter", true);
        r.put("values", List.of(values));
        double sum = Arrays.stream(values).mapToDouble(Double::doubleValue).sum();
        double squares = Arrays.stream(values).mapToDouble(v -> v * v).sum();
        r.put("min", Arrays.stream(values).mapToDouble(Double::doubleValue).min().orElseThrow());
        r.put("sum", sum);
        r.put("vsOne", Double.isNaN(one) ? null : Arrays.stream(values).map(v -> v / one).toList());
        r.put("jain", sum * sum / (values.length * squares));
        return r;
    }

    private Path density(List<Map<String, Object>> rows) throws Exception {
        Path f = tmp.resolve("density.json");
        Files.writeString(f, ResultFiles.toJson(Map.of("schema", "virtbench-density/1", "guests", List.of(1, 2, 4), "rows", rows)));
        return f;
    }

    @Test
    void aSweepShowsTheTableAndTheDegradationCurve() throws Exception {
        Run r = report(density(List.of(row("runc", 1, "cpu", 1000, 1000.0), row("runc", 2, "cpu", 1000, 600.0, 400.0),
                row("runc", 4, "cpu", 1000, 250.0, 250.0, 250.0, 250.0), row("runsc", 1, "cpu", 500, 500.0),
                row("runsc", 2, "cpu", 500, 250.0, 250.0))));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.html().contains("<h2 id=\"density\">"), r.html());
        // runc, 2 guests: each guest's figure, min, sum, P(N)/P(1) per guest, Jain (1000^2 / (2 * 520000))
        assertTrue(r.html().contains("<tr><td>runc</td><td class=\"num\">2</td><td>cpu</td><td>events_per_second (events/s)</td>"
                + "<td class=\"num\">600.000 400.000</td><td class=\"num\">400.000</td><td class=\"num\">1000.000</td>"
                + "<td class=\"num\">0.60 0.40</td><td class=\"num\">0.962</td></tr>"), r.html());
        assertTrue(r.html().contains("<td class=\"num\">0.25 0.25 0.25 0.25</td><td class=\"num\">1.000</td>"), r.html());
        int chart = r.html().indexOf("<figure class=\"chart\" data-feature=\"density\">");
        assertTrue(chart > r.html().indexOf("<h2 id=\"density\">"), "the degradation curve follows the table");
        String svg = r.html().substring(chart, r.html().indexOf("</figure>", chart));
        assertTrue(svg.contains("Degradation with N guests") && svg.contains("runc cpu") && svg.contains("runsc cpu"), svg);
        assertTrue(svg.contains("guests at once (N)"), svg);
    }

    @Test
    void oneNHasTheTableButNoCurve() throws Exception {
        Run r = report(density(List.of(row("runc", 2, "cpu", Double.NaN, 600.0, 400.0))));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.html().contains("<h2 id=\"density\">"));
        assertTrue(r.html().contains("<td class=\"num\">600.000 400.000</td><td class=\"num\">400.000</td>"
                + "<td class=\"num\">1000.000</td><td class=\"num\">-</td>"), r.html());
        assertFalse(r.html().contains("data-feature=\"density\""), "no curve from one N");
    }

    @Test
    void anUnreadableDensityFileIsOneWarningAndTheRestOfTheReport() throws Exception {
        Path bad = tmp.resolve("density.json");
        Files.writeString(bad, "{ not json");
        Run r = report(bad);
        assertEquals(0, r.code(), r.err());
        assertFalse(r.html().contains("id=\"density\""));
        assertTrue(r.html().contains("DESMET scores"));
        assertEquals(1, r.err().lines().filter(l -> l.contains("cannot read " + bad)).count(), r.err());
    }

    @Test
    void withoutADensityFileNoSection() throws Exception {
        Run r = report(null);
        assertFalse(r.html().contains("id=\"density\""));
    }
}
