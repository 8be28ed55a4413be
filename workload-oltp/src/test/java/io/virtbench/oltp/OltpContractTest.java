package io.virtbench.oltp;


import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.AbstractWorkloadContractTest;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.TestDb;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import io.virtbench.oltp.script.OltpScript;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.BeforeAll;

class OltpContractTest extends AbstractWorkloadContractTest {
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());
    static DbTarget db;
    static final OltpOptions OPTIONS = OltpOptions.builder().test(OltpScript.READ_WRITE).tables(2).tableSize(300).build();

    @BeforeAll
    static void prepare() throws Exception {
        db = TestDb.database("contract");
        OltpSchema.prepare(db, OPTIONS, 2, NONE, NONE, StopSignal.never());
    }

    @Override
    protected Workload newWorkload() {
        return new OltpWorkload(OPTIONS, db, 2, StopSignal.never());
    }

    @Override
    protected RunResult toResult(Measurement m, RunSettings s) {
        return OltpBenchmark.result(OPTIONS, db, s, m, 1, Output.text(NONE, NONE));
    }
}
