package io.virtbench.oltp;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.TestDb;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** prepare, run and cleanup against a real MariaDB. */
class OltpRoundTripTest {
    static DbTarget db;

    @BeforeAll
    static void database() throws Exception {
        db = TestDb.database("roundtrip");
    }

    @Test
    void prepareRunCleanup() throws Exception {
        OltpOptions o = OltpOptions.builder().tables(2).tableSize(500).build();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        OltpSchema.prepare(db, o, 2, out, none, io.virtbench.core.harness.StopSignal.never());
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Creating table 'sbtest1'...\n"), text);
        assertTrue(text.contains("Inserting 500 records into 'sbtest2'\n"), text);
        assertTrue(text.contains("Creating a secondary index on 'sbtest2'...\n"), text);
        try (Connection c = TestDb.root("roundtrip"); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(id), MAX(id), MIN(k), MAX(k) FROM sbtest1");
            rs.next();
            assertEquals(500, rs.getLong(1));
            assertEquals(1, rs.getLong(2));
            assertEquals(500, rs.getLong(3));
            assertTrue(rs.getLong(4) >= 1 && rs.getLong(5) <= 500);
            rs = s.executeQuery("SELECT c, pad FROM sbtest2 LIMIT 1");
            rs.next();
            assertTrue(rs.getString(1).matches("(\\d{11}-){9}\\d{11}"), rs.getString(1));
            assertTrue(rs.getString(2).matches("(\\d{11}-){4}\\d{11}"), rs.getString(2));
            rs = s.executeQuery("SHOW CREATE TABLE sbtest1");
            rs.next();
            String ddl = rs.getString(2);
            assertTrue(ddl.contains("KEY `k_1` (`k`)"), ddl);
            assertTrue(ddl.contains("AUTO_INCREMENT=501"), ddl);
            assertTrue(ddl.contains("PRIMARY KEY (`id`)"), ddl);
        }
        buf.reset();
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(1).withReportInterval(0.5);
        RunResult r = OltpBenchmark.run(o, db, s, Output.text(out, none), 1);
        text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message());
        long trx = (long) r.value("transactions");
        assertTrue(trx > 0);
        assertEquals(14 * trx, (long) r.value("read_queries"));
        assertEquals(0, (long) r.value("write_queries"));
        assertEquals(2 * trx, (long) r.value("other_queries"));
        assertTrue(text.contains("SQL statistics:\n    queries performed:\n        read:"), text);
        System.out.println(text);

        buf.reset();
        OltpSchema.cleanup(db, o, out);
        assertEquals("Dropping table 'sbtest1'...\nDropping table 'sbtest2'...\n", buf.toString(StandardCharsets.UTF_8));
        try (Connection c = TestDb.root("roundtrip"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='roundtrip'");
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }
}
