package io.virtbench.mutex;

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

class MutexBenchmarkTest {

    @Test
    void aRunPrintsSysbenchsLayoutAndParsesBack() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        MutexOptions o = new MutexOptions(128, 2000, 100);
        RunResult r = MutexBenchmark.run(o, RunSettings.defaults().withThreads(3), Output.text(out, out), 1);
        String text = buf.toString(StandardCharsets.UTF_8);

        assertEquals(RunStatus.COMPLETE, r.status());
        assertEquals(3, r.value("total_events"));
        assertEquals(1.0, r.fairness().eventsAvg());
        assertEquals(0.0, r.fairness().eventsStddev());
        assertTrue(r.value("latency_avg_ms") > 0);
        assertTrue(r.value("total_time_seconds") * 1000 >= r.latency().maxMs(), "the run lasts as long as its longest thread");
        assertEquals("sysbench mutex --mutex-num=128 --mutex-locks=2000 --mutex-loops=100 --threads=3 --time=10 --events=0 run",
                r.nativeCommand());
        assertTrue(text.contains("Initializing random number generator from current time\n\n\n"
                + "Initializing worker threads...\n\nThreads started!\n\n\nGeneral statistics:\n"), text);
        assertTrue(text.contains("\n    events (avg/stddev):           1.0000/0.00\n"), text);

        RunResult p = SysbenchMutex.parse("own output", text).get(0);
        assertEquals("virtbench", p.tool());
        assertEquals(3, p.value("total_events"));
        assertEquals(r.value("latency_avg_ms"), p.value("latency_avg_ms"), 0.005);
        assertEquals(r.value("total_time_seconds"), p.value("total_time_seconds"), 0.00005);
    }
}
