package io.virtbench.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.result.RunResult;
import io.virtbench.http.report.AbResult;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's JIT warm-up runs on core's JitWarmup against servers of its own: the target sees only the measured requests. */
class AbWarmUpTest {

    @Test
    void theWarmupIsReportedAndNeverReachesTheTarget() throws Exception {
        try (HttpServer target = HttpServer.start(ServeOptions.loopback().withThreads(1))) {
            AbOptions o = AbOptions.builder(target.url("/")).requests(40).concurrency(2).warmup(3).build();
            PrintStream none = new PrintStream(OutputStream.nullOutputStream());
            AbRun run = AbEngine.run(o, none, none, StopSignal.never());
            assertEquals(40, run.completed());
            assertEquals(40, target.awaitServed(40, 5000), "the target served the measured requests only");
            assertTrue(run.jitWarmup().events() >= 1, run.jitWarmup().toString());
            assertTrue(run.jitWarmup().seconds() < 3 + 2, "bounded by --warmup: " + run.jitWarmup());
            RunResult r = AbResult.of(run, 1);
            Map<?, ?> detail = (Map<?, ?>) r.details().get("jit_warmup");
            assertEquals(AbWarmUp.TOUCHED, detail.get("touched"));
        }
    }

    @Test
    void noWarmupNoSummary() throws Exception {
        try (HttpServer target = HttpServer.start(ServeOptions.loopback().withThreads(1))) {
            AbOptions o = AbOptions.builder(target.url("/")).requests(5).concurrency(1).build();
            PrintStream none = new PrintStream(OutputStream.nullOutputStream());
            AbRun run = AbEngine.run(o, none, none, StopSignal.never());
            assertNull(run.jitWarmup());
            assertNull(AbResult.of(run, 1).details().get("jit_warmup"));
        }
    }
}
