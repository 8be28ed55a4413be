package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemeTest {
    @TempDir
    Path tmp;

    @Test
    void theStudysSchemeIsBuiltIn() {
        Scheme s = Scheme.study();
        assertEquals(List.of("boot", "cpu", "file_read", "file_write", "net_sent", "net_received", "net_jitter", "db_read",
                "db_write", "db_readwrite", "pipeline", "http"), s.features().stream().map(Feature::id).toList());
        assertEquals(7, s.features().stream().filter(f -> f.level() == Feature.Level.LOW).count());
        assertEquals(5, s.features().stream().filter(f -> f.level() == Feature.Level.HIGH).count());
        Feature boot = s.feature("boot");
        assertEquals(List.of(40.0, 30.0, 20.0, 10.0), boot.scores());
        assertEquals(Feature.Better.LOWER, boot.better());
        Feature cpu = s.feature("cpu");
        assertEquals(List.of(60.0, 70.0, 80.0, 90.0), cpu.scores());
        assertEquals("events_per_second", cpu.metric());
        Feature jitter = s.feature("net_jitter");
        assertEquals(List.of(140.0, 130.0, 120.0, 110.0), jitter.scores());
        assertEquals(Map.of("role", "client"), jitter.where());
        assertEquals("threads", s.feature("db_read").sweep());
        assertEquals("c", s.feature("http").sweep(), "ab's -c, as the http workload records it");
        assertEquals(Feature.Chart.LINE, s.feature("http").chart());
        assertEquals("sum_received_mbit_per_second", s.feature("net_sent").metric(), "the study's 'sent' is the client's sum_received");
        assertNull(s.feature("boot").test());
    }

    @Test
    void scoresFollowTheThresholds() {
        Feature cpu = Scheme.study().feature("cpu");
        assertEquals(4, cpu.score(0.90));
        assertEquals(3, cpu.score(0.8999));
        assertEquals(1, cpu.score(0.60));
        assertEquals(0, cpu.score(0.5999));
        assertEquals(4, cpu.score(1.7));
        Feature boot = Scheme.study().feature("boot");
        assertEquals(0, boot.score(1.0), "metal itself boots in 100% of metal's time");
        assertEquals(1, boot.score(0.331));
        assertEquals(4, boot.score(0.10));
        Feature http = Scheme.study().feature("http");
        assertEquals(4, http.score(1.10));
        assertEquals(3, http.score(1.1001));
        assertEquals(0, http.score(1.41));
    }

    @Test
    void aTableSchemeFileReplacesTheStudys() throws Exception {
        Path f = tmp.resolve("scheme.txt");
        Files.writeString(f, """
                # my scheme
                cpu2 | CPU, 4 threads | low | cpu | - | threads=4 | events_per_second | - | higher | 50% | 75% | 90% | 95% | events/s | bar
                """);
        Scheme s = Scheme.load(f);
        Feature cpu = s.feature("cpu2");
        assertEquals("CPU, 4 threads", cpu.title());
        assertEquals(Map.of("threads", "4"), cpu.where());
        assertEquals(List.of(50.0, 75.0, 90.0, 95.0), cpu.scores());
        assertTrue(cpu.matches(Results.run("metal", "cpu", null, "events_per_second", 1, "threads", 4)));
        assertTrue(!cpu.matches(Results.run("metal", "cpu", null, "events_per_second", 1, "threads", 1)));
    }

    @Test
    void aJsonSchemeFile() throws Exception {
        Path f = tmp.resolve("scheme.json");
        Files.writeString(f, """
                {"name": "json scheme", "features": [
                  {"id": "http", "title": "HTTP", "level": "high", "workload": "http", "metric": "time_per_request_ms",
                   "sweep": "concurrency", "better": "lower", "scores": [140, 130, 120, 110], "unit": "ms"}]}
                """);
        Scheme s = Scheme.load(f);
        assertEquals("json scheme", s.name());
        assertEquals(Feature.Chart.LINE, s.feature("http").chart());
        assertEquals(List.of(140.0, 130.0, 120.0, 110.0), s.feature("http").scores());
    }

    @Test
    void errorsNameTheFileAndLine() throws Exception {
        Path f = tmp.resolve("bad.txt");
        Files.writeString(f, "# header\n\nx | X | middle | cpu | - | - | m | - | higher | 1 | 2 | 3 | 4 | u | bar\n");
        UserException e = assertThrows(UserException.class, () -> Scheme.load(f));
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(f + ":3: level must be one of low, high"), e.getMessage());
        Files.writeString(f, "x | X | low | cpu | - | - | m | - | higher | 90 | 80 | 70 | 60 | u | bar\n");
        assertTrue(assertThrows(UserException.class, () -> Scheme.load(f)).getMessage().contains(":1: score thresholds must rise"));
        Files.writeString(f, "x | X | low | cpu\n");
        assertTrue(assertThrows(UserException.class, () -> Scheme.load(f)).getMessage().contains(":1: expected 15 columns"));
        Files.writeString(f, "{\"features\": [\n{\"id\": }]}");
        assertTrue(assertThrows(UserException.class, () -> Scheme.load(f)).getMessage().contains(":2: not valid JSON"));
        Files.writeString(f, "# nothing\n");
        assertTrue(assertThrows(UserException.class, () -> Scheme.load(f)).getMessage().contains("no features"));
        assertTrue(assertThrows(UserException.class, () -> Scheme.load(tmp.resolve("missing"))).getMessage()
                .contains("--scheme"));
    }
}
