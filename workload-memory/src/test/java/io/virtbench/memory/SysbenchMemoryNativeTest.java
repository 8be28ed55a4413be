package io.virtbench.memory;

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
class SysbenchMemoryNativeTest {

    @Test
    void nativeSysbenchMovesTheSameBytesAndParsesIntoTheSameModel() {
        NativeTools.assumeInstalled("sysbench");
        MemoryOptions o = MemoryOptions.parse("4K", "256M", "local", "write", "rnd");
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(30);
        RunResult r = SysbenchMemory.run(o, s);
        assertEquals("sysbench", r.tool());
        assertEquals("1.0.20", r.toolVersion());
        // both tools end each thread after total / block / threads events
        assertEquals(65536, r.value("total_events"));
        assertEquals(256.0, r.value("mib_transferred"));
        assertEquals("rnd", r.parameters().get("memory-access-mode"));
        assertTrue(r.nativeCommand().startsWith("sysbench memory --memory-block-size=4096 --memory-total-size=268435456"));
    }

    @Test
    void crosscheckAlternatesAndReportsRatios() throws Exception {
        NativeTools.assumeInstalled("sysbench");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Output o = new Output(OutputFormat.TEXT, out, none, null, null, StopSignal.never());
        Output quiet = new Output(OutputFormat.JSON, none, none, null, null, StopSignal.never());
        MemoryOptions opt = MemoryOptions.defaults();
        RunSettings s = RunSettings.defaults().withTime(1);
        Crosscheck.Report rep = Crosscheck.run("memory", "sysbench", MemoryBenchmark.headlineMetric(opt), 2,
                pair -> SysbenchMemory.run(opt, s),
                pair -> MemoryBenchmark.run(opt, s, quiet, pair), o);
        assertEquals(2, rep.pairs().size());
        for (Crosscheck.Pair p : rep.pairs()) {
            assertEquals(p.virtbenchResult().value("mib_per_second") / p.nativeResult().value("mib_per_second"),
                    p.ratio(), 1e-12);
            // the same loop in the same units: within an order of magnitude however loaded the machine is
            assertTrue(p.ratio() > 0.1 && p.ratio() < 10, "ratio " + p.ratio());
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("median ratio virtbench/sysbench: "));
    }
}
