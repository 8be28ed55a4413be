package io.virtbench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PipelineCsvTest {

    @Test
    void theStudysPipelineTimes() throws NativeParseException {
        List<RunResult> runs = PipelineCsv.parse("results.csv",
                PaperLogs.read(PaperLogs.file("pipeline-benchmark", "results.csv")));
        assertEquals(40, runs.size());
        Map<String, Long> perPlatform = runs.stream().collect(Collectors.groupingBy(r -> r.host().platform(), Collectors.counting()));
        assertEquals(Map.of("metal", 10L, "kvm", 10L, "docker", 10L, "firecracker", 10L), perPlatform);
        double metal = runs.stream().filter(r -> r.host().platform().equals("metal"))
                .mapToDouble(r -> r.value(PipelineBenchmark.TURNOVER)).average().orElseThrow();
        assertEquals(291.10, metal, 0.005);
        assertEquals("results.csv:2", runs.get(0).source());
        assertEquals(1, runs.get(0).repetition());
        assertEquals(10, runs.get(9).repetition());
        assertEquals(1, runs.get(10).repetition(), "numbered per platform");
    }

    @Test
    void isFoundByServiceLoaderAndSniffsContent() {
        NativeImporter csv = NativeImporter.installed().stream().filter(i -> i instanceof PipelineCsvImporter).findFirst()
                .orElseThrow();
        Path pipeline = PaperLogs.file("pipeline-benchmark", "results.csv");
        assertTrue(csv.accepts(pipeline, PaperLogs.read(pipeline)));
        for (String other : new String[] {"cpu", "boot", "fileio", "http-benchmark"}) {
            for (Path p : PaperLogs.files(other)) {
                assertFalse(csv.accepts(p, PaperLogs.read(p)), p.toString());
            }
        }
    }

    @Test
    void badRowsNameTheLine() {
        assertEquals(3, assertThrows(NativeParseException.class,
                () -> PipelineCsv.parse("x", "platform,time_seconds\nmetal,1\nmetal,abc\n")).line());
        assertEquals(2, assertThrows(NativeParseException.class,
                () -> PipelineCsv.parse("x", "platform,time_seconds\nmetal,1,2\n")).line());
        assertEquals(1, assertThrows(NativeParseException.class,
                () -> PipelineCsv.parse("x", "name,seconds\nmetal,1\n")).line());
        assertEquals(1, assertThrows(NativeParseException.class,
                () -> PipelineCsv.parse("x", "platform,time_seconds\n")).line());
    }
}
