package io.virtbench.cpu;

import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.AbstractWorkloadContractTest;
import java.io.PrintStream;
import java.io.OutputStream;

class CpuContractTest extends AbstractWorkloadContractTest {
    @Override
    protected Workload newWorkload() {
        return new CpuWorkload(new CpuOptions(2000));
    }

    @Override
    protected RunResult toResult(Measurement m, RunSettings s) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return CpuBenchmark.result(new CpuOptions(2000), s, m, 1, Output.text(none, none));
    }
}
