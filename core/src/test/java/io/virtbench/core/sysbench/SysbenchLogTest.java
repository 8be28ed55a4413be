package io.virtbench.core.sysbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SysbenchLogTest {

    @Test
    void aBareReportHasNothingBetweenStartAndStatisticsButIntervals() {
        String bare = "sysbench 1.0.20\n\nThreads started!\n\n[ 1s ] thds: 1 eps: 2.00 lat (ms,95%): 1.00\n\nGeneral statistics:\n";
        assertTrue(SysbenchLog.bareReport(bare));
        assertTrue(!SysbenchLog.bareReport(bare.replace("[ 1s ]", "CPU speed:\n[ 1s ]")), "a section of its own");
        assertTrue(!SysbenchLog.bareReport("sysbench 1.0.20\n\nThreads started!\n\n"), "no final report");
        assertTrue(!SysbenchLog.bareReport("General statistics:\n"), "no start line");
    }

    @Test
    void splitsEveryPaperLogIntoItsRuns() {
        for (Path p : PaperLogs.files("cpu")) {
            assertEquals(10, SysbenchLog.split(p.toString(), PaperLogs.read(p)).size(), p.toString());
        }
        for (Path p : PaperLogs.files("fileio")) {
            assertEquals(20, SysbenchLog.split(p.toString(), PaperLogs.read(p)).size(), p.toString());
        }
    }

    @Test
    void readsTheCommonBlock() throws NativeParseException {
        String log = """
                sysbench 1.0.20 (using bundled LuaJIT 2.1.0-beta2)

                Running the test with following options:
                Number of threads: 2

                General statistics:
                    total time:                          10.0008s
                    total number of events:              10529

                Latency (ms):
                         min:                                    0.94
                         avg:                                    0.95
                         max:                                    1.28
                         99th percentile:                        0.97
                         sum:                                 9997.60

                Threads fairness:
                    events (avg/stddev):           5264.5000/0.50
                    execution time (avg/stddev):   4.9988/0.01
                """;
        SysbenchLog.Block b = SysbenchLog.split("x.log", log).get(0);
        SysbenchLog.Common c = SysbenchLog.commonResult(b, "cpu");
        RunResult r = c.withCommonMetrics().build();
        assertEquals("sysbench", r.tool());
        assertEquals("1.0.20", r.toolVersion());
        assertEquals(2L, r.parameters().get("threads"));
        assertEquals(10.0008, r.value("total_time_seconds"));
        assertEquals(10529, r.value("total_events"));
        assertEquals(99, r.latency().percentile());
        assertEquals(0.97, r.value("latency_p99_ms"));
        assertEquals(9997.60, r.latency().sumMs());
        assertEquals(5264.5, r.fairness().eventsAvg());
        assertEquals(0.01, r.fairness().executionTimeStddev());
        assertEquals("x.log:1", r.source());
    }

    @Test
    void aRunWithoutFinalReportNamesTheFatalLine() {
        String log = "sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)\n\nFATAL: Cannot open file 'test_file.0' errno = 2\n";
        SysbenchLog.Block b = SysbenchLog.split("f.log", log).get(0);
        NativeParseException e = assertThrows(NativeParseException.class, () -> SysbenchLog.commonResult(b, "fileio"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("FATAL"));
    }
}
