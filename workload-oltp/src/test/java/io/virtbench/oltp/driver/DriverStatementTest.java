package io.virtbench.oltp.driver;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.PsMode;
import io.virtbench.oltp.db.TestDb;
import io.virtbench.oltp.script.OltpSql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code --db-ps-mode=disable} virtbench writes the COM_QUERY text itself: byte for byte what
 * Connector/J's own builder writes for the same values, checked here against the driver on a real
 * server connection.
 */
class DriverStatementTest {
    static DbTarget db;

    @BeforeAll
    static void database() throws Exception {
        db = TestDb.database("drvstmt");
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(PsMode.DISABLE), db.properties());
    }

    @Test
    void integersAndPlainStringsAreWrittenAsConnectorJWritesThem() throws Exception {
        int[] values = {0, 1, -1, 9, 10, 42, 5012, 99999, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1};
        String[] strings = {"", "0", "83868641912-28773972837-60736120486-75162659906", "a b,c;d(e)=f"};
        try (Connection con = connect()) {
            DriverStatement p = DriverStatement.prepare(con, "UPDATE t SET c=? WHERE id=? AND k BETWEEN ? AND ?");
            for (String str : strings) {
                for (int v : values) {
                    p.setChars(1, str.toCharArray());
                    p.setInt(2, v);
                    p.setInt(3, -v / 7);
                    p.setInt(4, v / 3);
                    byte[] own = p.ownRequest();
                    assertNotNull(own, "virtbench writes plain values itself");
                    assertArrayEquals(p.driversRequest(), own, new String(own, StandardCharsets.UTF_8));
                }
            }
            p.close();
        }
    }

    @Test
    void statementsWithoutParametersAreTheirText() throws Exception {
        try (Connection con = connect()) {
            DriverStatement p = DriverStatement.prepare(con, OltpSql.BEGIN);
            byte[] own = p.ownRequest();
            assertNotNull(own);
            assertEquals(3, own[0], "COM_QUERY");
            assertEquals(OltpSql.BEGIN, new String(own, 1, own.length - 1, StandardCharsets.UTF_8));
            assertArrayEquals(p.driversRequest(), own);
            p.close();
        }
    }

    @Test
    void stringsThatNeedEscapingOrAreNotAsciiAreLeftToTheDriver() throws Exception {
        try (Connection con = connect()) {
            DriverStatement p = DriverStatement.prepare(con, "SELECT ?");
            for (String s : new String[] {"it's", "back\\slash", "quote\"", "new\nline", "nul\0", "caf\u00e9"}) {
                p.setChars(1, s.toCharArray());
                assertNull(p.ownRequest(), s);
            }
            p.close();
        }
    }

    @Test
    void theTextTheServerGetsIsTheBoundValues() throws Exception {
        try (Connection con = connect(); var st = con.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, c CHAR(20))");
            DriverStatement ins = DriverStatement.prepare(con, "INSERT INTO t (id, c) VALUES (?, ?)");
            ins.setInt(1, -17);
            ins.setChars(2, "12-34".toCharArray());
            assertEquals(DriverStatement.CHANGED, ins.execute());
            DriverStatement sel = DriverStatement.prepare(con, "SELECT c FROM t WHERE id=?");
            sel.setInt(1, -17);
            assertEquals(DriverStatement.RESULT_SET, sel.execute());
            try (var rs = st.executeQuery("SELECT id, c FROM t")) {
                rs.next();
                assertEquals(-17, rs.getInt(1));
                assertEquals("12-34", rs.getString(2));
            }
            ins.close();
            sel.close();
        }
    }
}
