package io.virtbench.mutex;

import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.BarrierLoop;
import io.virtbench.core.testing.AbstractWorkloadContractTest;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The mutex test runs one event per thread, so the contract's checks (a 0.3 s time limit, a stop
 * request after 0.3 s) need an event that outlasts them: the loop length is calibrated on this
 * machine for an event of about a second, which a busier machine only lengthens, and the workload's
 * one-time JIT warm-up runs before the tests.
 */
class MutexContractTest extends AbstractWorkloadContractTest {
    private static final int LOCKS = 1000;
    private static final MutexOptions OPTIONS = new MutexOptions(64, LOCKS, loopsForOneSecond());

    static {
        try {
            // the harness's JIT warm-up once, before the contract's clocks (its stop request comes after 0.3 s)
            Harness.run(new MutexWorkload(new MutexOptions(16, 10, 10)), RunSettings.defaults().withJitWarmup(true),
                    Harness.SILENT, StopSignal.never());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int loopsForOneSecond() {
        BarrierLoop probe = new BarrierLoop(50_000_000L);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            probe.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        double nsPerTurn = Math.max(best / 5e7, 0.01);
        return (int) Math.min(Integer.MAX_VALUE, 1e9 / nsPerTurn / LOCKS);
    }

    @Override
    protected Workload newWorkload() {
        return new MutexWorkload(OPTIONS);
    }

    @Override
    protected long smallEventCount() {
        return 1;
    }

    @Override
    protected RunResult toResult(Measurement m, RunSettings s) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return MutexBenchmark.result(OPTIONS, s, m, 1, Output.text(none, none));
    }
}
