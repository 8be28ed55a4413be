package io.virtbench.oltp;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.PsMode;
import io.virtbench.oltp.db.TestDb;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import io.virtbench.oltp.script.OltpScript;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact statements, their order and their protocol, as the real server logged them. */
class OltpStatementsTest {
    static final String DB = "stmtlog";
    static final long SIZE = 1000;
    static DbTarget db;

    @BeforeAll
    static void prepare() throws Exception {
        db = TestDb.database(DB);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        OltpSchema.prepare(db, OltpOptions.builder().tables(1).tableSize(SIZE).build(), 1, none, none, StopSignal.never());
    }

    static final String ID = "(\\d+)";
    static final String C = "'((?:\\d{11}-){9}\\d{11})'";
    static final String PAD = "'((?:\\d{11}-){4}\\d{11})'";

    /** The statements of one default transaction, as regular expressions over the logged text. */
    static List<String> expected(OltpScript test, boolean skipTrx) {
        List<String> s = new ArrayList<>();
        if (!skipTrx) {
            s.add("BEGIN");
        }
        if (test.reads()) {
            for (int i = 0; i < 10; i++) {
                s.add("SELECT c FROM sbtest1 WHERE id=" + ID);
            }
            s.add("SELECT c FROM sbtest1 WHERE id BETWEEN " + ID + " AND " + ID);
            s.add("SELECT SUM\\(k\\) FROM sbtest1 WHERE id BETWEEN " + ID + " AND " + ID);
            s.add("SELECT c FROM sbtest1 WHERE id BETWEEN " + ID + " AND " + ID + " ORDER BY c");
            s.add("SELECT DISTINCT c FROM sbtest1 WHERE id BETWEEN " + ID + " AND " + ID + " ORDER BY c");
        }
        if (test.writes()) {
            s.add("UPDATE sbtest1 SET k=k\\+1 WHERE id=" + ID);
            s.add("UPDATE sbtest1 SET c=" + C + " WHERE id=" + ID);
            s.add("DELETE FROM sbtest1 WHERE id=" + ID);
            s.add("INSERT INTO sbtest1 \\(id, k, c, pad\\) VALUES \\(" + ID + ", " + ID + ", " + C + ", " + PAD + "\\)");
        }
        if (!skipTrx) {
            s.add("COMMIT");
        }
        return s;
    }

    static List<GeneralLog.Entry> run(OltpOptions o, int events) throws Exception {
        try (GeneralLog log = GeneralLog.start()) {
            Measurement m = Harness.run(new OltpWorkload(o, db, 1, StopSignal.never()),
                    RunSettings.defaults().withTime(0).withEvents(events), Harness.SILENT, StopSignal.never());
            assertEquals(Measurement.Status.COMPLETE, m.status(), m.failure());
            List<List<GeneralLog.Entry>> cons = log.connections(DB);
            assertEquals(1, cons.size(), "one connection per thread: " + cons.size());
            return GeneralLog.transactions(cons.get(0));
        }
    }

    @ParameterizedTest
    @CsvSource({"read_only,auto", "read_only,disable", "write_only,auto", "write_only,disable", "read_write,auto",
            "read_write,disable"})
    void twoTransactionsAreExactlySysbenchsStatementsInOrder(String test, String mode) throws Exception {
        OltpScript t = OltpScript.parse(test);
        PsMode ps = PsMode.parse(mode);
        OltpOptions o = OltpOptions.builder().test(t).tables(1).tableSize(SIZE).psMode(ps).build();
        List<GeneralLog.Entry> sent = run(o, 2);
        List<String> one = expected(t, false);
        List<String> want = new ArrayList<>(one);
        want.addAll(one);
        assertEquals(want.size(), sent.size(), "statements sent:\n" + String.join("\n", sent.stream().map(Object::toString).toList()));
        for (int i = 0; i < want.size(); i++) {
            GeneralLog.Entry e = sent.get(i);
            Matcher m = Pattern.compile(want.get(i)).matcher(e.argument());
            assertTrue(m.matches(), "statement " + i + ": expected " + want.get(i) + " but the server got " + e);
            // every statement, BEGIN included, is prepared on the server with ps-mode auto (as sysbench on MariaDB)
            String protocol = ps == PsMode.DISABLE ? "Query" : "Execute";
            assertEquals(protocol, e.command(), e.toString());
            if (e.argument().contains("BETWEEN")) {
                long from = Long.parseLong(m.group(1));
                assertEquals(from + 99, Long.parseLong(m.group(2)), "range_size 100: " + e);
                assertTrue(from >= 1 && from <= SIZE, e.toString());
            } else if (m.groupCount() > 0 && e.argument().startsWith("SELECT c FROM sbtest1 WHERE id=")) {
                long id = Long.parseLong(m.group(1));
                assertTrue(id >= 1 && id <= SIZE, e.toString());
            }
        }
    }

    @Test
    void knobsChangeTheMix() throws Exception {
        OltpOptions o = OltpOptions.builder().test(OltpScript.READ_WRITE).tables(1).tableSize(SIZE).skipTrx(true)
                .rangeSelects(false).pointSelects(3).indexUpdates(2).nonIndexUpdates(0).deleteInserts(1)
                .psMode(PsMode.DISABLE).build();
        List<String> sent = run(o, 1).stream().map(GeneralLog.Entry::argument).toList();
        assertEquals(3 + 2 + 2, sent.size(), String.join("\n", sent));
        for (int i = 0; i < 3; i++) {
            assertTrue(sent.get(i).startsWith("SELECT c FROM sbtest1 WHERE id="), sent.get(i));
        }
        assertTrue(sent.get(3).startsWith("UPDATE sbtest1 SET k=k+1 WHERE id="));
        assertTrue(sent.get(4).startsWith("UPDATE sbtest1 SET k=k+1 WHERE id="));
        assertTrue(sent.get(5).startsWith("DELETE FROM sbtest1 WHERE id="));
        assertTrue(sent.get(6).startsWith("INSERT INTO sbtest1 (id, k, c, pad) VALUES ("));
    }

    @Test
    void rangeSizeAndTablesAreHonoured() throws Exception {
        OltpOptions o = OltpOptions.builder().test(OltpScript.READ_ONLY).tables(1).tableSize(SIZE).rangeSize(7)
                .pointSelects(0).psMode(PsMode.DISABLE).build();
        List<String> sent = run(o, 1).stream().map(GeneralLog.Entry::argument).toList();
        assertEquals(6, sent.size(), String.join("\n", sent));
        Matcher m = Pattern.compile("SELECT c FROM sbtest1 WHERE id BETWEEN (\\d+) AND (\\d+)").matcher(sent.get(1));
        assertTrue(m.matches(), sent.get(1));
        assertEquals(Long.parseLong(m.group(1)) + 6, Long.parseLong(m.group(2)));
    }
}
