package io.virtbench.memory;

import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.AbstractWorkloadContractTest;
import java.io.OutputStream;
import java.io.PrintStream;

class MemoryContractTest extends AbstractWorkloadContractTest {
    private static final MemoryOptions OPTIONS = MemoryOptions.parse("4K", "0", "local", "write", "rnd");

    @Override
    protected Workload newWorkload() {
        return new MemoryWorkload(OPTIONS);
    }

    @Override
    protected RunResult toResult(Measurement m, RunSettings s) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return MemoryBenchmark.result(OPTIONS, s, m, 1, Output.text(none, none));
    }
}
