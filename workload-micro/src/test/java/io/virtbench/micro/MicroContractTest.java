package io.virtbench.micro;

import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.AbstractWorkloadContractTest;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** The harness contract for a micro op that touches a file (stat): limits, stop, result files. */
class MicroContractTest extends AbstractWorkloadContractTest {
    @Override
    protected Workload newWorkload() {
        return new MicroWorkload(MicroOp.STAT, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    protected boolean hasNativeEquivalent() {
        return false;
    }

    @Override
    protected RunResult toResult(Measurement m, RunSettings s) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        return MicroBenchmark.result(MicroOp.STAT, s, m, 1, Output.text(none, none));
    }
}
