package io.virtbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.Crosscheck;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Against the real sysbench 1.0.20 (installed by .ci/run; required in CI). */
class SysbenchCpuNativeTest {

    @Test
    void nativeSysbenchRunsAndParsesIntoTheSameModel() {
        NativeTools.assumeInstalled("sysbench");
        RunSettings s = RunSettings.defaults().withTime(1).withThreads(2);
        RunResult r = SysbenchCpu.run(CpuOptions.defaults(), s);
        assertEquals("sysbench", r.tool());
        assertEquals("1.0.20", r.toolVersion());
        assertTrue(r.value("events_per_second") > 0);
        assertEquals(2L, r.parameters().get("threads"));
        assertTrue(r.nativeCommand().startsWith("sysbench cpu --cpu-max-prime=10000 --threads=2 --time=1"));
    }

    @Test
    void crosscheckAlternatesAndReportsRatios() throws Exception {
        NativeTools.assumeInstalled("sysbench");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Output o = new Output(OutputFormat.TEXT, out, none, null, null, StopSignal.never());
        Output quiet = new Output(OutputFormat.JSON, none, none, null, null, StopSignal.never());
        RunSettings s = RunSettings.defaults().withTime(1);
        Crosscheck.Report rep = Crosscheck.run("cpu", "sysbench", CpuBenchmark.EVENTS_PER_SECOND, 2,
                pair -> SysbenchCpu.run(CpuOptions.defaults(), s),
                pair -> CpuBenchmark.run(CpuOptions.defaults(), s, quiet, pair), o);
        assertEquals(2, rep.pairs().size());
        assertTrue(rep.pairs().get(0).nativeFirst());
        assertTrue(!rep.pairs().get(1).nativeFirst());
        for (Crosscheck.Pair p : rep.pairs()) {
            assertEquals(p.virtbenchResult().value("events_per_second") / p.nativeResult().value("events_per_second"),
                    p.ratio(), 1e-12);
            // same loop, same units: within an order of magnitude, however loaded the machine is
            // (a one-second run can lose half its CPU to a neighbour; the speed target is a benchmark)
            assertTrue(p.ratio() > 0.1 && p.ratio() < 10, "ratio " + p.ratio());
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("median ratio virtbench/sysbench: "), text);
    }
}
