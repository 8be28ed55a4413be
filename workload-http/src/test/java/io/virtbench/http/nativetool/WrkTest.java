package io.virtbench.http.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.http.report.AbMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** wrk's output (real wrk 4.1.0 runs on 127.0.0.1, see resources wrk/README). */
class WrkTest {
    private final WrkImporter imp = new WrkImporter();

    private static String read(String name) throws IOException {
        try (InputStream in = WrkTest.class.getResourceAsStream("/wrk/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsLatencyRateAndPercentiles() throws Exception {
        String text = read("wrk.log");
        assertTrue(imp.accepts(Path.of("wrk.log"), text));
        List<RunResult> runs = imp.parse("wrk.log", text);
        assertEquals(1, runs.size());
        RunResult r = runs.get(0);
        assertEquals("http", r.workload());
        assertEquals("wrk", r.tool());
        assertEquals(10L, r.parameters().get("concurrency"));
        assertEquals(2L, r.parameters().get("threads"));
        assertEquals(true, r.parameters().get("k"));
        assertEquals("wrk", r.parameters().get("load-generator"));
        assertEquals(43.04, r.value(AbMetrics.TIME_PER_REQUEST), 1e-9);
        assertEquals(6.64, r.value("latency_stdev_ms"), 1e-9);
        assertEquals(47.91, r.value("latency_p99_ms"), 1e-9);
        assertEquals(195.02, r.value(AbMetrics.REQUESTS_PER_SECOND), 1e-9);
        assertEquals(391, r.value(AbMetrics.COMPLETE), 1e-9);
        assertEquals("wrk.log:1", r.source());
    }

    @Test
    void manyRunsInOneFileWithoutPercentiles() throws Exception {
        String text = read("wrk-plain.log") + read("wrk.log");
        List<RunResult> runs = imp.parse("two.log", text);
        assertEquals(2, runs.size());
        assertEquals(4L, runs.get(0).parameters().get("concurrency"));
        assertTrue(runs.get(0).metric("latency_p50_ms").isEmpty());
        assertEquals(2, runs.get(1).repetition());
    }

    @Test
    void otherTextIsNotAcceptedAndATruncatedRunNamesItsLine() throws Exception {
        assertFalse(imp.accepts(Path.of("x"), "This is ApacheBench, Version 2.3\n"));
        String cut = read("wrk.log");
        cut = cut.substring(0, cut.indexOf("Requests/sec"));
        String truncated = cut;
        NativeParseException e = assertThrows(NativeParseException.class, () -> imp.parse("t.log", truncated));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("Requests/sec"), e.getMessage());
    }
}
