package io.virtbench.memory;

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

class MemoryBenchmarkTest {

    private static String run(MemoryOptions o, RunSettings s, RunResult[] out) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        out[0] = MemoryBenchmark.run(o, s, Output.text(ps, ps), 1);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aShortRunPrintsSysbenchsLayoutAndParsesBack() throws Exception {
        RunResult[] res = new RunResult[1];
        MemoryOptions o = MemoryOptions.parse("1K", "100G", "global", "write", "seq");
        String text = run(o, RunSettings.defaults().withThreads(2).withTime(1.2).withReportInterval(0.5), res);
        RunResult r = res[0];
        assertEquals(RunStatus.COMPLETE, r.status());
        assertEquals(r.value("total_events"), r.latency().count());
        assertEquals(r.value("total_events") / 1024, r.value("mib_transferred"), 1e-9);
        assertTrue(text.contains("""
                Running memory speed test with the following options:
                  block size: 1KiB
                  total size: 102400MiB
                  operation: write
                  scope: global

                Initializing worker threads...

                Threads started!
                """), text);
        assertTrue(text.matches("(?s).*\\n\\[ 1s \\] \\d+\\.\\d\\d MiB/sec\\n.*"), text);
        assertTrue(text.matches("(?s).*\\nTotal operations: \\d+ \\(\\s*\\d+\\.\\d\\d per second\\)\\n\\n"
                + "\\d+\\.\\d\\d MiB transferred \\(\\d+\\.\\d\\d MiB/sec\\)\\n\\n\\nGeneral statistics:\\n.*"), text);

        RunResult p = SysbenchMemory.parse("own output", text).get(0);
        assertEquals("virtbench", p.tool());
        assertEquals(r.value("mib_per_second"), p.value("mib_per_second"), 0.005);
        assertEquals(r.value("operations_per_second"), p.value("operations_per_second"), 0.005);
        assertEquals(r.value("total_events"), p.value("total_events"));
        assertEquals(1024L, p.parameters().get("memory-block-size"));
        assertEquals(r.intervals().size(), p.intervals().size());
    }

    @Test
    void theTotalSizeEndsTheRunExactly() throws Exception {
        RunResult[] res = new RunResult[1];
        MemoryOptions o = MemoryOptions.parse("8K", "64M", "local", "read", "rnd");
        String text = run(o, RunSettings.defaults().withThreads(2).withTime(0), res);
        RunResult r = res[0];
        assertEquals(8192, r.value("total_events"));
        assertEquals(64.0, r.value("mib_transferred"));
        assertTrue(text.contains("\n64.00 MiB transferred ("), text);
        assertEquals(4096.0, r.fairness().eventsAvg());
        assertEquals("sysbench memory --memory-block-size=8192 --memory-total-size=67108864 --memory-scope=local "
                + "--memory-oper=read --memory-access-mode=rnd --threads=2 --time=0 --events=0 run", r.nativeCommand());
    }

    @Test
    void operationNonePrintsNoTransferLine() throws Exception {
        RunResult[] res = new RunResult[1];
        String text = run(MemoryOptions.parse("1K", "16M", "global", "none", "seq"), RunSettings.defaults(), res);
        assertEquals(16384, res[0].value("total_events"));
        assertTrue(res[0].metric("mib_per_second").isEmpty());
        assertTrue(text.matches("(?s).*\\nTotal operations: 16384 \\(\\s*\\d+\\.\\d\\d per second\\)\\n\\n\\nGeneral statistics:.*"), text);
        assertEquals(List.of(), res[0].intervals());
    }
}
