package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.testing.PaperLogs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of issue 7: {@code virtbench import} of every log in testdata/paper-logs, then
 * {@code virtbench report --baseline metal}, reproduces each baseline value of
 * thesis-method.md to the precision the study shows, and prints the per-platform score tables.
 * A feature joins by being listed in {@link #BASELINES} once its workload's importer is on the
 * launcher's class path.
 */
class PaperLogsAcceptanceTest {

    /** A study feature (the scheme's id) and its metal baseline exactly as thesis-method.md prints it. */
    record Baseline(String feature, String shown) {
        /** One unit in the last place shown: 499.35 -> 0.01, 29325 -> 1. */
        double unit() {
            return BigDecimal.ONE.movePointLeft(Math.max(0, new BigDecimal(shown).scale())).doubleValue();
        }
    }

    static final List<Baseline> BASELINES = List.of(
            new Baseline("boot", "58.46"),
            new Baseline("cpu", "499.35"),
            new Baseline("pipeline", "291.10"),
            new Baseline("db_read", "29325"),
            new Baseline("db_write", "5945"),
            new Baseline("db_readwrite", "3274"), // the study truncated 3274.96
            new Baseline("file_read", "318.82"), new Baseline("file_write", "65.24"),
            // "network sent" is the iperf3 client's sum_received, "received" its sum_sent
            new Baseline("net_sent", "940.407"), new Baseline("net_received", "943.532"),
            new Baseline("net_jitter", "0.033"),
            new Baseline("http", "1425.18")
    );

    /** Platforms the study has no result for, which must show "-" ({feature, platform}). */
    static final List<List<String>> NO_RESULT = List.of(
            List.of("pipeline", "gvisor"),
            List.of("db_read", "firecracker"), List.of("db_write", "firecracker"), List.of("db_readwrite", "firecracker"),
            List.of("http", "gvisor")
    );

    @TempDir
    static Path results;

    static JsonNode report;
    static String text;

    @BeforeAll
    static void importAndReport() throws Exception {
        Cli imported = Cli.run("import", PaperLogs.dir().toString(), "--out", results.toString());
        assertEquals(0, imported.code(), imported.err());
        assertFalse(imported.err().lines().anyMatch(l -> l.startsWith("virtbench: ") && !l.startsWith("virtbench: skipped ")),
                imported.err());
        Cli json = Cli.run("report", results.toString(), "--baseline", "metal", "--format", "json");
        assertEquals(0, json.code(), json.err());
        report = ResultFiles.mapper().readTree(json.out());
        Cli t = Cli.run("report", results.toString(), "--baseline", "metal");
        assertEquals(0, t.code(), t.err());
        text = t.out();
        System.out.println(text.substring(text.indexOf("DESMET scores")));
    }

    private static JsonNode feature(String id) {
        for (JsonNode f : report.get("features")) {
            if (f.get("feature").get("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + id);
    }

    private static JsonNode row(String feature, String platform) {
        for (JsonNode r : feature(feature).get("platforms")) {
            if (r.get("platform").asText().equals(platform)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void reproducesTheStudysBaselines() {
        for (Baseline b : BASELINES) {
            JsonNode metal = row(b.feature(), "metal");
            assertNotNull(metal, "metal has " + b.feature());
            double mean = metal.get("mean").asDouble();
            assertTrue(Math.abs(mean - Double.parseDouble(b.shown())) < b.unit(),
                    b.feature() + ": metal mean " + mean + " vs the study's " + b.shown());
            assertEquals(1.0, metal.get("ratio").asDouble(), 1e-12);
            assertEquals(0, metal.get("n").asInt() % 10, b.feature() + ": ten runs per level");
        }
    }

    @Test
    void everyPlatformOfTheStudyIsThere() {
        List<String> platforms = ResultFiles.mapper().convertValue(report.get("platforms"), new TypeReference<List<String>>() { });
        assertEquals(List.of("metal", "kvm", "firecracker", "docker", "gvisor"), platforms);
        for (Baseline b : BASELINES) {
            for (String p : platforms) {
                boolean none = NO_RESULT.contains(List.of(b.feature(), p));
                assertEquals(none, row(b.feature(), p) == null, b.feature() + " on " + p);
            }
        }
    }

    @Test
    void printsThePerPlatformScoreTables() {
        assertTrue(text.contains("DESMET scores (0-4; '-' = no result), baseline metal"), text);
        assertTrue(text.matches("(?s).*\n  feature +level +metal +kvm +firecracker +docker +gvisor\n.*"), text);
        assertTrue(text.matches("(?s).*\n  Pipeline turnover +high +4 +\\d +\\d +\\d +-\n.*"), "gvisor has no pipeline result: " + text);
        assertTrue(text.matches("(?s).*\n  Database read +high +4 +\\d +- +\\d +\\d\n.*"), "firecracker has no database result: " + text);
        assertTrue(text.matches("(?s).*\n  HTTP response time +high +4 +\\d +\\d +\\d +-\n.*"), "gvisor has no HTTP result: " + text);
        for (String net : new String[] {"Network sent", "Network received", "Network jitter"}) {
            assertTrue(text.matches("(?s).*\n  " + net + " +low +4 +\\d +\\d +\\d +\\d\n.*"), net + ": " + text);
        }
        assertTrue(text.matches("(?s).*\n  low-level total .*\n  high-level total .*"), text);
        for (JsonNode t : report.get("totals")) {
            assertTrue(t.get("lowFeatures").asInt() >= 2, t.toString());
        }
    }
}
