package io.virtbench.threads;

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
class SysbenchThreadsNativeTest {

    @Test
    void nativeSysbenchRunsTheEventLimitAndParsesIntoTheSameModel() {
        NativeTools.assumeInstalled("sysbench");
        RunResult r = SysbenchThreads.run(new ThreadsOptions(10, 2), RunSettings.defaults().withThreads(2).withTime(0)
                .withEvents(300));
        assertEquals("sysbench", r.tool());
        assertEquals("1.0.20", r.toolVersion());
        assertEquals(300, r.value("total_events"));
        assertEquals(2L, r.parameters().get("threads"));
        assertEquals(10L, r.parameters().get("thread-yields"));
        assertTrue(r.nativeCommand().startsWith("sysbench threads --thread-yields=10 --thread-locks=2 --threads=2"));
    }

    @Test
    void crosscheckAlternatesAndReportsRatios() throws Exception {
        NativeTools.assumeInstalled("sysbench");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Output o = new Output(OutputFormat.TEXT, out, none, null, null, StopSignal.never());
        Output quiet = new Output(OutputFormat.JSON, none, none, null, null, StopSignal.never());
        ThreadsOptions opt = ThreadsOptions.defaults();
        RunSettings s = RunSettings.defaults().withTime(1).withThreads(2);
        Crosscheck.Report rep = Crosscheck.run("threads", "sysbench", ThreadsBenchmark.EVENTS_PER_SECOND, 2,
                pair -> SysbenchThreads.run(opt, s),
                pair -> ThreadsBenchmark.run(opt, s, quiet, pair), o);
        assertEquals(2, rep.pairs().size());
        for (Crosscheck.Pair p : rep.pairs()) {
            assertTrue(p.nativeResult().value("total_events") > 0 && p.virtbenchResult().value("total_events") > 0);
            assertEquals(p.virtbenchResult().value("events_per_second") / p.nativeResult().value("events_per_second"),
                    p.ratio(), 1e-12);
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("median ratio virtbench/sysbench: "));
    }
}
