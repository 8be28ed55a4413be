package io.virtbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysbenchCpuTest {

    @Test
    void everyPaperLogParsesTenRuns() throws NativeParseException {
        Map<String, Double> means = Map.of("-metal-", 499.35);
        for (Path p : PaperLogs.files("cpu")) {
            List<RunResult> runs = SysbenchCpu.parse(p.getFileName().toString(), PaperLogs.read(p));
            assertEquals(10, runs.size(), p.toString());
            for (RunResult r : runs) {
                assertEquals("sysbench", r.tool());
                assertEquals("1.0.20", r.toolVersion());
                assertEquals(10000L, r.parameters().get("cpu-max-prime"));
                assertTrue(r.value("events_per_second") > 100, p + " " + r.source());
                assertEquals(r.value("total_events"), r.latency().count());
            }
        }
        List<RunResult> metal = SysbenchCpu.parse("metal", PaperLogs.read(PaperLogs.file("cpu", "-metal-")));
        double mean = metal.stream().mapToDouble(r -> r.value("events_per_second")).average().orElseThrow();
        assertEquals(499.35, mean, 0.005, "the study's metal baseline");
        RunResult first = metal.get(0);
        assertEquals(502.70, first.value("events_per_second"));
        assertEquals(10.0001, first.value("total_time_seconds"));
        assertEquals(5029, first.value("total_events"));
        assertEquals(2.00, first.value("latency_p95_ms"));
        assertEquals(9998.07, first.latency().sumMs());
        assertEquals(9.9981, first.fairness().executionTimeAvg());
        assertEquals("metal:1", first.source());
        assertEquals(means.get("-metal-"), 499.35);
    }

    @Test
    void readsIntervalLines() throws NativeParseException {
        String log = """
                sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)

                Running the test with following options:
                Number of threads: 2
                Report intermediate results every 1 second(s)
                Initializing random number generator from current time


                Prime numbers limit: 10000

                Initializing worker threads...

                Threads started!

                [ 1s ] thds: 2 eps: 4144.07 lat (ms,95%): 0.49
                [ 2s ] thds: 2 eps: 4154.84 lat (ms,95%): 0.50
                CPU speed:
                    events per second:  4150.00

                General statistics:
                    total time:                          2.0001s
                    total number of events:              8300

                Latency (ms):
                         min:                                    0.45
                         avg:                                    0.48
                         max:                                    0.89
                         95th percentile:                        0.50
                         sum:                                 3990.10

                Threads fairness:
                    events (avg/stddev):           4150.0000/3.00
                    execution time (avg/stddev):   1.9950/0.00

                """;
        RunResult r = SysbenchCpu.parse("x", log).get(0);
        assertEquals(2, r.intervals().size());
        assertEquals(4154.84, r.intervals().get(1).values().get("events_per_second"));
        assertEquals(0.50, r.intervals().get(1).values().get("latency_p95_ms"));
        assertEquals(2L, r.parameters().get("threads"));
    }

    @Test
    void aLogWithoutRunsIsAnError() {
        assertThrows(NativeParseException.class, () -> SysbenchCpu.parse("x", "hello\n"));
    }

    @Test
    void theEquivalentCommandLine() {
        assertEquals(List.of("sysbench", "cpu", "--cpu-max-prime=20000", "--threads=2", "--time=10", "--events=0", "run"),
                SysbenchCpu.command(new CpuOptions(20000), io.virtbench.core.harness.RunSettings.defaults().withThreads(2)));
    }
}
