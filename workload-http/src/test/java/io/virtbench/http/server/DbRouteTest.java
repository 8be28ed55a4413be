package io.virtbench.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.result.RunResult;
import io.virtbench.http.client.AbEngine;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.report.AbResult;
import io.virtbench.oltp.db.LocalMariaDb;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The /db route against a real MariaDB holding a sysbench-shaped sbtest1: the throwaway server of
 * {@code oltp --embedded} and {@code serve --embedded-db} ({@link LocalMariaDb}), so every
 * embedded database virtbench starts, in code or tests, goes through one class.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DbRouteTest {
    static final int ROWS = 200;
    static final String USER = "route";
    static final String PASSWORD = "route-test-password";
    static LocalMariaDb db;
    static String url;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = LocalMariaDb.start(LocalMariaDb.find(), null);
        db.createDatabase("sbtest", USER, PASSWORD);
        db.createDatabase("empty", USER, PASSWORD);
        try (Connection c = db.rootConnection("sbtest"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sbtest1 (id INTEGER NOT NULL AUTO_INCREMENT, k INTEGER DEFAULT '0' NOT NULL, "
                    + "c CHAR(120) DEFAULT '' NOT NULL, pad CHAR(60) DEFAULT '' NOT NULL, PRIMARY KEY (id))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sbtest1 (k, c, pad) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, String.format("%011d-%s", i, "c".repeat(107)));
                    ps.setString(3, "p".repeat(59));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        url = db.jdbcUrl("sbtest");
    }

    @AfterAll
    static void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    static ServeOptions withDb(String jdbc) {
        return ServeOptions.loopback().withThreads(2).withDb(jdbc, USER, PASSWORD, ROWS, 4);
    }

    @Test
    void readsOneSbtestRowPerRequest() throws Exception {
        try (HttpServer server = HttpServer.start(withDb(url))) {
            AbOptions o = AbOptions.builder(server.url("/db")).requests(200).concurrency(8).timeout(10).build();
            RunResult r = AbResult.of(AbEngine.run(o, new PrintStream(OutputStream.nullOutputStream()),
                    new PrintStream(OutputStream.nullOutputStream()), StopSignal.never()), 1);
            assertEquals(200, r.value("complete_requests"));
            assertEquals(0, r.value("failed_requests"));
            assertEquals(0, r.value("non_2xx_responses"));
            assertEquals(120, r.value("document_length_bytes"), "c is 119 characters and a newline");
            assertEquals(200, server.awaitServed(200, 10_000));
            RunResult ka = AbResult.of(AbEngine.run(o.toBuilder().keepAlive(true).build(),
                    new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()),
                    StopSignal.never()), 1);
            assertEquals(200, ka.value("keep_alive_requests"));
            assertEquals(0, ka.value("failed_requests"));
        }
    }

    @Test
    void aDatabaseWithoutSbtest1IsAOneLineError() {
        String empty = db.jdbcUrl("empty");
        UserException e = assertThrows(UserException.class, () -> HttpServer.start(withDb(empty)));
        assertTrue(e.getMessage().startsWith("cannot read sbtest1 in "), e.getMessage());
        UserException down = assertThrows(UserException.class,
                () -> HttpServer.start(withDb("jdbc:mysql://127.0.0.1:1/sbtest").withIdleTimeout(1)));
        assertTrue(down.getMessage().startsWith("cannot connect to the database jdbc:mysql://127.0.0.1:1/sbtest"),
                down.getMessage());
    }
}
