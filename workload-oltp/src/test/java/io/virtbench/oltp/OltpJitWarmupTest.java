package io.virtbench.oltp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.TestDb;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import io.virtbench.oltp.script.OltpScript;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JIT warm-up runs the measured transactions against the real tables and leaves every row as it was. */
class OltpJitWarmupTest {
    static DbTarget db;

    @BeforeAll
    static void prepare() throws Exception {
        db = TestDb.database("warmup");
        OltpSchema.prepare(db, options(false), 1, OltpContractTest.NONE, OltpContractTest.NONE, StopSignal.never());
    }

    private static OltpOptions options(boolean skipTrx) {
        return OltpOptions.builder().test(OltpScript.READ_WRITE).tables(1).tableSize(200).skipTrx(skipTrx).build();
    }

    @ParameterizedTest(name = "skip-trx {0}")
    @ValueSource(booleans = {false, true})
    void warmupTransactionsAreRolledBack(boolean skipTrx) throws Exception {
        String before = checksum();
        StopSignal stop = new StopSignal();
        // stop as soon as the warm-up ends, so that no measured transaction changes the table
        Harness.Listener stopAfterWarmup = new Harness.Listener() {
            @Override
            public void jitWarmedUp(JitWarmup.Summary summary) {
                stop.request();
            }
        };
        Measurement m = Harness.run(new OltpWorkload(options(skipTrx), db, 1, stop),
                RunSettings.defaults().withThreads(2).withTime(30).withJitWarmup(true), stopAfterWarmup, stop);
        assertEquals(0, m.events(), "nothing measured after the stop");
        assertTrue(m.jitWarmup().events() > 0, "the warm-up ran transactions: " + m.jitWarmup());
        assertTrue(m.jitWarmup().touched().contains("rolled back"), m.jitWarmup().touched());
        assertEquals(before, checksum(), "every row is as it was before the warm-up");
    }

    private static String checksum() throws Exception {
        try (Connection c = TestDb.root(db.db());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('/', id, k, c, pad))) FROM sbtest1")) {
            r.next();
            return r.getLong(1) + "/" + r.getLong(2);
        }
    }
}
