package io.virtbench.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ThreadsBenchmarkTest {

    @Test
    void aShortRunPrintsSysbenchsLayoutAndParsesBack() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(1.2).withReportInterval(0.5);
        RunResult r = ThreadsBenchmark.run(new ThreadsOptions(100, 2), s, Output.text(out, out), 1);
        String text = buf.toString(StandardCharsets.UTF_8);

        assertEquals(RunStatus.COMPLETE, r.status());
        assertTrue(r.value("events_per_second") > 0);
        assertEquals(r.value("total_events"), r.latency().count());
        assertEquals("sysbench threads --thread-yields=100 --thread-locks=2 --threads=2 --time=1.2 --events=0 "
                + "--report-interval=0.5 run", r.nativeCommand());
        assertTrue(text.contains("Initializing random number generator from current time\n\n\n"
                + "Initializing worker threads...\n\nThreads started!\n\n"), text);
        assertTrue(text.matches("(?s).*\\n\\[ 1s \\] thds: \\d eps: \\d+\\.\\d\\d lat \\(ms,95%\\): \\d+\\.\\d\\d\\n.*"), text);
        assertTrue(text.matches("(?s).*\\d\\d\\n\\nGeneral statistics:\\n.*"), text);

        RunResult p = SysbenchThreads.parse("own output", text).get(0);
        assertEquals("virtbench", p.tool());
        assertEquals(r.value("total_events"), p.value("total_events"));
        assertEquals(r.latency().percentileMs(), p.latency().percentileMs(), 0.005);
        assertEquals(r.value("events_per_second"), p.value("events_per_second"), r.value("events_per_second") * 1e-3);
        assertEquals(r.intervals().size(), p.intervals().size());
    }
}
