package io.virtbench.oltp.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.testing.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The throwaway server of --embedded, from the system's mariadb-server (installed by .ci/run). */
class LocalMariaDbTest {

    @Test
    void theSystemsMariaDbStartsServesAndIsRemoved() throws Exception {
        // mariadbd lives in /usr/sbin, which need not be on the PATH: look where Debian puts it
        boolean present = LocalMariaDb.system().isPresent();
        if (!present && NativeTools.required()) {
            throw new AssertionError("mariadb-server is not installed, but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        Assumptions.assumeTrue(present, "mariadb-server is not installed; skipping (CI requires it)");
        LocalMariaDb.Installation inst = LocalMariaDb.system().orElseThrow();
        Path dir;
        try (LocalMariaDb db = LocalMariaDb.start(inst, null)) {
            dir = db.logFile().getParent();
            db.createDatabase("sbtest", "sbtest", "pw");
            Properties p = new Properties();
            p.setProperty("user", "sbtest");
            p.setProperty("password", "pw");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("sbtest"), p); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT VERSION(), @@bind_address");
                rs.next();
                assertTrue(rs.getString(1).contains("MariaDB"), rs.getString(1));
                assertEquals("127.0.0.1", rs.getString(2));
            }
            assertTrue(Files.isDirectory(dir));
        }
        assertFalse(Files.exists(dir), "the data directory is deleted");
    }
}
