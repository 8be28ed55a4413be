package io.virtbench.mutex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Against the real sysbench 1.0.20 (installed by .ci/run; required in CI). */
class SysbenchMutexNativeTest {

    @Test
    void nativeSysbenchRunsOneEventPerThreadAndParsesIntoTheSameModel() {
        NativeTools.assumeInstalled("sysbench");
        RunResult r = SysbenchMutex.run(new MutexOptions(256, 5000, 1000), RunSettings.defaults().withThreads(3));
        assertEquals("sysbench", r.tool());
        assertEquals("1.0.20", r.toolVersion());
        assertEquals(3, r.value("total_events"));
        assertEquals(1.0, r.fairness().eventsAvg());
        assertEquals(5000L, r.parameters().get("mutex-locks"));
        assertTrue(r.nativeCommand().startsWith("sysbench mutex --mutex-num=256 --mutex-locks=5000 --mutex-loops=1000 --threads=3"));
    }

    @Test
    void crosscheckAlternatesAndReportsRatios() throws Exception {
        NativeTools.assumeInstalled("sysbench");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Output o = new Output(OutputFormat.TEXT, out, none, null, null, StopSignal.never());
        Output quiet = new Output(OutputFormat.JSON, none, none, null, null, StopSignal.never());
        MutexOptions opt = new MutexOptions(4096, 10000, 10000);
        RunSettings s = RunSettings.defaults().withThreads(2);
        Crosscheck.Report rep = Crosscheck.run("mutex", "sysbench", MutexBenchmark.HEADLINE, 2,
                pair -> SysbenchMutex.run(opt, s),
                pair -> MutexBenchmark.run(opt, s, quiet, pair), o);
        assertEquals(2, rep.pairs().size());
        for (Crosscheck.Pair p : rep.pairs()) {
            assertEquals(2, p.nativeResult().value("total_events"));
            assertEquals(2, p.virtbenchResult().value("total_events"));
            assertEquals(p.virtbenchResult().value("latency_avg_ms") / p.nativeResult().value("latency_avg_ms"),
                    p.ratio(), 1e-12);
            // the same loops and locks: within an order of magnitude however loaded the machine is
            assertTrue(p.ratio() > 0.1 && p.ratio() < 10, "ratio " + p.ratio());
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("median ratio virtbench/sysbench: "));
    }
}
