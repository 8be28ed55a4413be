package io.virtbench.threads;

import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.AbstractWorkloadContractTest;
import java.io.OutputStream;
import java.io.PrintStream;

class ThreadsContractTest extends AbstractWorkloadContractTest {
    private static final ThreadsOptions OPTIONS = new ThreadsOptions(20, 4);

    @Override
    protected Workload newWorkload() {
        return new ThreadsWorkload(OPTIONS);
    }

    @Override
    protected RunResult toResult(Measurement m, RunSettings s) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return ThreadsBenchmark.result(OPTIONS, s, m, 1, Output.text(none, none));
    }
}
