package io.virtbench.oltp.driver;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.PsMode;
import io.virtbench.oltp.db.TestDb;
import io.virtbench.oltp.script.OltpSql;
import io.virtbench.oltp.script.SbRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code --db-ps-mode=auto} virtbench writes the COM_STMT_EXECUTE packet itself: byte for
 * byte what Connector/J's own builder writes for the same values at the same point of the
 * statement's life (first execution, later ones, a re-execution without new values), checked here
 * against the driver on a real MariaDB connection, with the results the server gives for it.
 */
class DriverStatementExecuteTest {
    private static final int ROWS = 100;
    private static final HexFormat HEX = HexFormat.of();
    static DbTarget db;

    @BeforeAll
    static void database() throws Exception {
        db = TestDb.database("drvexec");
    }

    @BeforeEach
    void table() throws Exception {
        try (Connection con = connect(new Properties()); Statement st = con.createStatement()) {
            st.execute(OltpSql.dropTable(1));
            st.execute("CREATE TABLE sbtest1 (id INTEGER NOT NULL, k INTEGER DEFAULT '0' NOT NULL,"
                    + " c CHAR(120) DEFAULT '' NOT NULL, pad CHAR(60) DEFAULT '' NOT NULL, PRIMARY KEY (id))");
            StringBuilder sql = new StringBuilder(OltpSql.insertPrefix(1, false));
            for (int id = 1; id <= ROWS; id++) {
                sql.append(id == 1 ? "" : ",").append('(').append(id).append(',').append(id)
                        .append(",'c").append(id).append("','p").append(id).append("')");
            }
            st.execute(sql.toString());
            st.execute(OltpSql.createIndex(1));
        }
    }

    private static Connection connect(Properties extra) throws Exception {
        Properties p = db.properties();
        p.putAll(extra);
        return DriverManager.getConnection(db.jdbcUrl(PsMode.AUTO), p);
    }

    /** sysbench-like c and pad values (SbRandom's digits and dashes), as the worker makes them. */
    private static char[] filled(String template, long seed) {
        SbRandom rnd = new SbRandom(seed, seed + 1, SbRandom.Spec.defaults());
        char[] out = new char[template.length()];
        rnd.fill(template, out);
        return out;
    }

    /** Binds the values of execution {@code n} of statement kind {@code kind}. */
    private static void bind(DriverStatement p, OltpSql.Kind kind, int n) throws SQLException {
        int[] ids = {5, Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 17, 99999, 0, 42};
        int id = ids[n % ids.length];
        switch (kind) {
            case POINT_SELECTS, INDEX_UPDATES, DELETES -> p.setInt(1, id);
            case SIMPLE_RANGES, SUM_RANGES, ORDER_RANGES, DISTINCT_RANGES -> {
                p.setInt(1, id);
                p.setInt(2, id + 99);
            }
            case NON_INDEX_UPDATES -> {
                p.setChars(1, filled(OltpSql.C_TEMPLATE, n));
                p.setInt(2, id);
            }
            case INSERTS -> {
                p.setInt(1, 1000 + n);
                p.setInt(2, -id);
                p.setChars(3, filled(OltpSql.C_TEMPLATE, n));
                p.setChars(4, filled(OltpSql.PAD_TEMPLATE, n + 7));
            }
        }
    }

    /** Where COM_STMT_EXECUTE's new-params-bound byte is: after the header and the null bitmap. */
    private static int boundFlag(int params) {
        return 10 + (params + 7) / 8;
    }

    private static int params(OltpSql.Kind kind) {
        return kind.parts(1).length - 1;
    }

    @Test
    void everyStatementOfATransactionIsWrittenAsConnectorJWritesIt() throws Exception {
        try (Connection con = connect(new Properties())) {
            for (OltpSql.Kind kind : OltpSql.Kind.values()) {
                DriverStatement p = DriverStatement.prepare(con, kind.sql(1));
                assertTrue(p.serverSide(), kind + " is prepared on the server");
                for (int n = 0; n < 8; n++) {
                    bind(p, kind, n);
                    byte[] own = p.ownRequest();
                    assertNotNull(own, kind + ": virtbench writes plain values itself");
                    byte[] drivers = p.driversRequest();
                    assertArrayEquals(drivers, own, kind + " execution " + n + ": " + HEX.formatHex(own));
                    assertEquals(0x17, own[0], "COM_STMT_EXECUTE");
                    // Connector/J sends the parameter types again whenever a value was bound (every
                    // setter marks the types changed), not only on the first execution
                    assertEquals(1, own[boundFlag(params(kind))], kind + ": types sent with new values");
                    // executed alternately by virtbench and by Connector/J's own JDBC path, so that
                    // the next packet is compared after either one
                    if (n % 2 == 0) {
                        p.execute();
                    } else {
                        p.executeByDriver();
                    }
                    // executed again without binding: both send no types, the same values
                    byte[] again = p.ownRequest();
                    assertNotNull(again);
                    assertArrayEquals(p.driversExecuteAsBound(), again, kind + " re-execution " + n + ": " + HEX.formatHex(again));
                    assertEquals(0, again[boundFlag(params(kind))], kind + ": no types without new values");
                }
                p.close();
            }
        }
    }

    @Test
    void beginAndCommitHaveNoParameterBlock() throws Exception {
        try (Connection con = connect(new Properties())) {
            for (String sql : new String[] {OltpSql.BEGIN, OltpSql.COMMIT}) {
                DriverStatement p = DriverStatement.prepare(con, sql);
                assertTrue(p.serverSide(), sql + " is prepared on the server (MariaDB)");
                for (int n = 0; n < 3; n++) {
                    byte[] own = p.ownRequest();
                    assertNotNull(own);
                    assertEquals(10, own.length, sql + ": command, id, flags, iteration count");
                    assertArrayEquals(p.driversRequest(), own, sql);
                    assertEquals(DriverStatement.UNCHANGED, p.execute(), sql);
                }
                p.close();
            }
        }
    }

    @Test
    void stringLengthsAcrossTheLengthEncodingBoundaries() throws Exception {
        try (Connection con = connect(new Properties())) {
            DriverStatement p = DriverStatement.prepare(con, "SELECT CHAR_LENGTH(?), ?");
            for (int len : new int[] {0, 1, 59, 119, 250, 251, 252, 65535, 65536, 70000}) {
                char[] s = new char[len];
                java.util.Arrays.fill(s, 'x');
                p.setChars(1, s);
                p.setInt(2, len);
                byte[] own = p.ownRequest();
                assertNotNull(own, "length " + len);
                assertArrayEquals(p.driversRequest(), own, "length " + len);
                assertEquals(DriverStatement.RESULT_SET, p.execute());
                assertEquals(1, p.lastCount());
            }
            p.close();
        }
    }

    @Test
    void theServerGetsTheBoundValues() throws Exception {
        try (Connection con = connect(new Properties()); Statement st = con.createStatement()) {
            DriverStatement point = DriverStatement.prepare(con, OltpSql.Kind.POINT_SELECTS.sql(1));
            point.setInt(1, 5);
            assertEquals(DriverStatement.RESULT_SET, point.execute());
            assertEquals(1, point.lastCount());
            point.setInt(1, -5);
            assertEquals(DriverStatement.RESULT_SET, point.execute());
            assertEquals(0, point.lastCount(), "no row -5");

            DriverStatement range = DriverStatement.prepare(con, OltpSql.Kind.SIMPLE_RANGES.sql(1));
            range.setInt(1, 11);
            range.setInt(2, 30);
            assertEquals(DriverStatement.RESULT_SET, range.execute());
            assertEquals(20, range.lastCount());
            // executed again: the result's columns are known now, and only its rows are decoded
            range.setInt(1, 31);
            range.setInt(2, 35);
            assertEquals(DriverStatement.RESULT_SET, range.execute());
            assertEquals(5, range.lastCount());
            range.setInt(1, -20);
            range.setInt(2, -10);
            assertEquals(DriverStatement.RESULT_SET, range.execute());
            assertEquals(0, range.lastCount());
            point.setInt(1, 7);
            assertEquals(DriverStatement.RESULT_SET, point.execute());
            assertEquals(1, point.lastCount());
            DriverStatement distinct = DriverStatement.prepare(con, OltpSql.Kind.DISTINCT_RANGES.sql(1));
            distinct.setInt(1, 95);
            distinct.setInt(2, 194);
            assertEquals(DriverStatement.RESULT_SET, distinct.execute());
            assertEquals(6, distinct.lastCount(), "ids 95..100");
            DriverStatement sum = DriverStatement.prepare(con, OltpSql.Kind.SUM_RANGES.sql(1));
            sum.setInt(1, 1);
            sum.setInt(2, 10);
            assertEquals(DriverStatement.RESULT_SET, sum.execute());
            assertEquals(1, sum.lastCount());

            DriverStatement upd = DriverStatement.prepare(con, OltpSql.Kind.INDEX_UPDATES.sql(1));
            upd.setInt(1, 5);
            assertEquals(DriverStatement.CHANGED, upd.execute());
            assertEquals(1, upd.lastCount());
            upd.setInt(1, Integer.MAX_VALUE);
            assertEquals(DriverStatement.UNCHANGED, upd.execute());

            char[] c = filled(OltpSql.C_TEMPLATE, 3);
            DriverStatement nonIndex = DriverStatement.prepare(con, OltpSql.Kind.NON_INDEX_UPDATES.sql(1));
            nonIndex.setChars(1, c);
            nonIndex.setInt(2, 6);
            assertEquals(DriverStatement.CHANGED, nonIndex.execute());
            nonIndex.setInt(2, 6);
            assertEquals(DriverStatement.UNCHANGED, nonIndex.execute(), "same value again: no row changed");

            DriverStatement del = DriverStatement.prepare(con, OltpSql.Kind.DELETES.sql(1));
            del.setInt(1, 7);
            assertEquals(DriverStatement.CHANGED, del.execute());
            assertEquals(DriverStatement.UNCHANGED, del.execute(), "already deleted (re-executed without binding)");

            char[] pad = filled(OltpSql.PAD_TEMPLATE, 4);
            DriverStatement ins = DriverStatement.prepare(con, OltpSql.Kind.INSERTS.sql(1));
            ins.setInt(1, Integer.MIN_VALUE);
            ins.setInt(2, Integer.MAX_VALUE);
            ins.setChars(3, c);
            ins.setChars(4, pad);
            assertEquals(DriverStatement.CHANGED, ins.execute());
            assertEquals(1, ins.lastCount());

            try (ResultSet rs = st.executeQuery("SELECT id, k, c, pad FROM sbtest1 WHERE id IN (" + Integer.MIN_VALUE + ", 5, 6, 7) ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(Integer.MIN_VALUE, rs.getInt(1));
                assertEquals(Integer.MAX_VALUE, rs.getInt(2));
                assertEquals(new String(c), rs.getString(3));
                assertEquals(new String(pad), rs.getString(4));
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1));
                assertEquals(6, rs.getInt(2), "k=k+1");
                assertTrue(rs.next());
                assertEquals(6, rs.getInt(1));
                assertEquals(new String(c), rs.getString(3));
                assertTrue(!rs.next(), "id 7 deleted");
            }
            for (DriverStatement p : new DriverStatement[] {point, range, distinct, sum, upd, nonIndex, del, ins}) {
                p.close();
            }
        }
    }

    @Test
    void nonAsciiStringsAreLeftToTheDriver() throws Exception {
        try (Connection con = connect(new Properties()); Statement st = con.createStatement()) {
            DriverStatement p = DriverStatement.prepare(con, OltpSql.Kind.NON_INDEX_UPDATES.sql(1));
            p.setChars(1, "caf\u00e9".toCharArray());
            p.setInt(2, 9);
            assertNull(p.ownRequest(), "not ASCII: Connector/J's packet");
            assertEquals(DriverStatement.CHANGED, p.execute());
            // ASCII with quotes and backslashes needs no escaping in the binary protocol: written here
            p.setChars(1, "it's \\ \"x\"\n".toCharArray());
            p.setInt(2, 10);
            byte[] own = p.ownRequest();
            assertNotNull(own);
            assertArrayEquals(p.driversRequest(), own);
            assertEquals(DriverStatement.CHANGED, p.execute());
            try (ResultSet rs = st.executeQuery("SELECT c FROM sbtest1 WHERE id IN (9, 10) ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals("caf\u00e9", rs.getString(1));
                assertTrue(rs.next());
                assertEquals("it's \\ \"x\"\n", rs.getString(1));
            }
            p.close();
        }
    }

    @Test
    void anUnboundParameterIsReportedByTheDriver() throws Exception {
        try (Connection con = connect(new Properties())) {
            DriverStatement p = DriverStatement.prepare(con, OltpSql.Kind.SIMPLE_RANGES.sql(1));
            p.setInt(1, 1);
            assertNull(p.ownRequest(), "parameter 2 never bound");
            SQLException e = assertThrows(SQLException.class, p::execute);
            assertTrue(e.getMessage().contains("parameter"), e.getMessage());
            p.setInt(2, 3);
            assertNotNull(p.ownRequest());
            assertEquals(DriverStatement.RESULT_SET, p.execute());
            assertEquals(3, p.lastCount());
            p.close();
        }
    }

    @Test
    void driverOptionsThatChangeTheExecutionAreLeftToTheDriver() throws Exception {
        Properties cursor = new Properties();
        cursor.setProperty("useCursorFetch", "true");
        Properties slowLog = new Properties();
        slowLog.setProperty("logSlowQueries", "true");
        for (Properties extra : new Properties[] {cursor, slowLog}) {
            try (Connection con = connect(extra)) {
                DriverStatement p = DriverStatement.prepare(con, OltpSql.Kind.SIMPLE_RANGES.sql(1));
                assertTrue(p.serverSide(), extra.toString());
                p.setInt(1, 1);
                p.setInt(2, 4);
                assertNull(p.ownRequest(), extra + ": Connector/J's own execution");
                assertEquals(DriverStatement.RESULT_SET, p.execute());
                assertEquals(4, p.lastCount(), extra.toString());
                p.close();
            }
        }
    }

    @Test
    void errorsAreMappedAsTheDriverMapsThem() throws Exception {
        try (Connection con = connect(new Properties())) {
            DriverStatement ins = DriverStatement.prepare(con, OltpSql.Kind.INSERTS.sql(1));
            ins.setInt(1, 5);
            ins.setInt(2, 1);
            ins.setChars(3, "c".toCharArray());
            ins.setChars(4, "p".toCharArray());
            assertArrayEquals(ins.driversRequest(), ins.ownRequest());
            SQLException e = assertThrows(SQLException.class, ins::execute);
            assertEquals(1062, e.getErrorCode(), "duplicate key: " + e.getMessage());
            assertEquals("23000", e.getSQLState());
            // executed again without new values: a failed execution leaves Connector/J's types
            // pending, so both send them again
            byte[] again = ins.ownRequest();
            assertArrayEquals(ins.driversExecuteAsBound(), again);
            assertEquals(1, again[boundFlag(4)]);
            ins.setInt(1, 500);
            assertArrayEquals(ins.driversRequest(), ins.ownRequest());
            assertEquals(DriverStatement.CHANGED, ins.execute());
            ins.close();
        }
    }
}
