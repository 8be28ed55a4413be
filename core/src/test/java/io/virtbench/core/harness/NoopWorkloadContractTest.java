package io.virtbench.core.harness;

import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchMetrics;
import io.virtbench.core.testing.AbstractWorkloadContractTest;

class NoopWorkloadContractTest extends AbstractWorkloadContractTest {
    @Override
    protected Workload newWorkload() {
        return new NoopWorkload(1000, -1);
    }

    @Override
    protected RunResult toResult(Measurement m, RunSettings s) {
        RunResult.Builder b = SysbenchMetrics.start("noop", m, s).nativeCommand("true");
        b.higher("events_per_second", m.perSecond(Counter.EVENTS), "events/s");
        return SysbenchMetrics.common(b, m).build();
    }
}
