package io.virtbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuBenchmarkTest {

    @Test
    void aShortRunPrintsSysbenchsLayoutAndParsesBack() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(1.2).withReportInterval(0.5);
        RunResult r = CpuBenchmark.run(CpuOptions.defaults(), s, Output.text(out, out), 1);
        String text = buf.toString(StandardCharsets.UTF_8);

        assertEquals(RunStatus.COMPLETE, r.status());
        assertTrue(r.value("events_per_second") > 0);
        assertEquals(r.value("total_events"), r.latency().count());
        assertEquals("sysbench cpu --cpu-max-prime=10000 --threads=2 --time=1.2 --events=0 --report-interval=0.5 run",
                r.nativeCommand());
        assertTrue(text.contains("Number of threads: 2\n"));
        assertTrue(text.contains("Prime numbers limit: 10000\n\nInitializing worker threads...\n\nThreads started!\n\n"), text);
        assertTrue(text.matches("(?s).*\\[ 1s \\] thds: \\d eps: \\d+\\.\\d\\d lat \\(ms,95%\\): \\d+\\.\\d\\d\n.*"), text);
        assertTrue(text.contains("CPU speed:\n    events per second: "));
        assertTrue(text.contains("         95th percentile: "));

        List<RunResult> parsed = SysbenchCpu.parse("own output", text);
        assertEquals(1, parsed.size());
        RunResult p = parsed.get(0);
        assertEquals("virtbench", p.tool());
        assertEquals(r.value("events_per_second"), p.value("events_per_second"), 0.005);
        assertEquals(r.value("total_events"), p.value("total_events"));
        assertEquals(r.latency().percentileMs(), p.latency().percentileMs(), 0.005);
        assertEquals(2L, p.parameters().get("threads"));
        assertEquals(r.intervals().size(), p.intervals().size());
    }
}
