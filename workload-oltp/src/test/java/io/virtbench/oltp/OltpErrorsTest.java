package io.virtbench.oltp;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.LocalMariaDb;
import io.virtbench.oltp.db.TestDb;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import io.virtbench.oltp.script.OltpScript;
import io.virtbench.oltp.script.SbRandom;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sysbench's error handling against a real server: ignored errors, reconnects, fatal errors, a dead server. */
class OltpErrorsTest {
    static final String DB = "errors";
    static DbTarget db;
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());
    static ScheduledExecutorService ex;

    @BeforeAll
    static void prepare() throws Exception {
        db = TestDb.database(DB);
        OltpSchema.prepare(db, OltpOptions.builder().tables(1).tableSize(200).build(), 1, NONE, NONE, StopSignal.never());
        ex = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stop() {
        ex.shutdownNow();
    }

    static Output quiet() {
        return Output.text(NONE, NONE);
    }

    /** The same database, through --db-url, with a 1 s lock wait timeout in every session. */
    static DbTarget shortLockWait() {
        return new DbTarget("jdbc:mysql://" + db.host() + ":" + db.port() + "/" + DB
                + "?sessionVariables=innodb_lock_wait_timeout=1", db.host(), db.port(), db.user(), db.password(), DB, false);
    }

    @Test
    void lockWaitTimeoutIsIgnoredAndTheTransactionRunsAgain() throws Exception {
        OltpOptions o = OltpOptions.builder().test(OltpScript.WRITE_ONLY).tables(1).tableSize(200).build();
        try (Connection locker = TestDb.root(DB); Statement s = locker.createStatement()) {
            s.execute("BEGIN");
            s.executeQuery("SELECT COUNT(*) FROM sbtest1 WHERE id > 0 FOR UPDATE").close();
            ex.schedule(() -> {
                s.execute("COMMIT");
                return null;
            }, 2300, TimeUnit.MILLISECONDS);
            RunResult r = OltpBenchmark.run(o, shortLockWait(), RunSettings.defaults().withThreads(2).withTime(3.5), quiet(), 1);
            assertEquals(RunStatus.COMPLETE, r.status(), r.message());
            assertTrue(r.value("ignored_errors") >= 2, "each thread waited 1 s at least once: " + r.value("ignored_errors"));
            assertTrue(r.value("transactions") > 0, "transactions ran after the lock was released");
            assertTrue(r.latency().maxMs() >= 1000, "a retried transaction's latency includes its failed tries: "
                    + r.latency().maxMs());
            assertEquals(0, r.value("reconnects"));
        }
    }

    @Test
    void anErrorNotInTheIgnoreListEndsTheRunWithTheFiguresSoFar() throws Exception {
        OltpOptions o = OltpOptions.builder().test(OltpScript.WRITE_ONLY).tables(1).tableSize(200).ignoreErrors("1213").build();
        try (Connection locker = TestDb.root(DB); Statement s = locker.createStatement()) {
            s.execute("BEGIN");
            s.executeQuery("SELECT COUNT(*) FROM sbtest1 WHERE id > 0 FOR UPDATE").close();
            RunResult r = OltpBenchmark.run(o, shortLockWait(), RunSettings.defaults().withThreads(1).withTime(10), quiet(), 1);
            s.execute("COMMIT");
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().contains("error 1205"), r.message());
            assertTrue(r.message().contains("for query 'UPDATE sbtest1 SET k=k+1 WHERE id=?'"), r.message());
            assertTrue(r.value("total_time_seconds") < 5, "ended at the error");
        }
    }

    @Test
    void deadlocksAreIgnoredErrors() throws Exception {
        // two rows, eight writers: transactions lock the same rows in random order
        OltpOptions o = OltpOptions.builder().test(OltpScript.WRITE_ONLY).tables(1).tableSize(2)
                .randType(SbRandom.Type.UNIFORM).ignoreErrors("1213,1020,1205,1062").build();
        RunResult r = OltpBenchmark.run(o, shortLockWait(), RunSettings.defaults().withThreads(8).withTime(2), quiet(), 1);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message());
        assertTrue(r.value("ignored_errors") > 0, "deadlocks happened and were counted");
        assertTrue(r.value("transactions") > 0);
        long trx = (long) r.value("transactions");
        // a retried transaction's statements before the failure stay counted: never fewer than a clean run's
        assertTrue(r.value("write_queries") + r.value("other_queries") >= 6 * trx);
    }

    @Test
    void aKilledConnectionReconnects() throws Exception {
        OltpOptions o = OltpOptions.builder().test(OltpScript.READ_ONLY).tables(1).tableSize(200).build();
        List<Long> killed = new ArrayList<>();
        ex.schedule(() -> {
            try (Connection c = TestDb.root(null); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE DB='" + DB
                        + "' AND ID <> CONNECTION_ID()");
                while (rs.next()) {
                    killed.add(rs.getLong(1));
                }
                for (long id : killed) {
                    s.execute("KILL CONNECTION " + id);
                }
            }
            return null;
        }, 800, TimeUnit.MILLISECONDS);
        RunResult r = OltpBenchmark.run(o, db, RunSettings.defaults().withThreads(2).withTime(2), quiet(), 1);
        assertEquals(2, killed.size(), "the two workers' connections were killed");
        assertEquals(RunStatus.COMPLETE, r.status(), r.message());
        assertEquals(2, r.value("reconnects"), "each worker reconnected once");
        assertEquals(0, r.value("ignored_errors"));
        assertTrue(r.value("transactions") > 0);
    }

    @Test
    void aServerThatIsDownIsOneLineAtStart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DbTarget down = DbTarget.of("127.0.0.1", port, "sbtest", "", "sbtest");
        OltpOptions o = OltpOptions.builder().build();
        long t0 = System.nanoTime();
        UserException e = assertThrows(UserException.class,
                () -> OltpBenchmark.run(o, down, RunSettings.defaults().withThreads(4), quiet(), 1));
        assertTrue((System.nanoTime() - t0) / 1e9 < 15, "fails fast");
        assertTrue(e.getMessage().startsWith("unable to connect to MySQL server (host 127.0.0.1, port " + port), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertThrows(UserException.class, () -> OltpSchema.prepare(down, o, 1, NONE, NONE, StopSignal.never()));
        assertThrows(UserException.class, () -> OltpSchema.cleanup(down, o, NONE));
    }

    @Test
    void aRefusedLoginIsOneLineAndThePasswordIsNeverShown() throws Exception {
        try (Connection c = TestDb.root(null); Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS 'bench'@'%' IDENTIFIED BY 'S3cret-pw'");
            s.execute("GRANT ALL ON " + DB + ".* TO 'bench'@'%'");
        }
        OltpOptions o = OltpOptions.builder().tables(1).tableSize(200).build();
        DbTarget wrong = db.withUser("bench", "Wr0ng-pw");
        UserException e = assertThrows(UserException.class,
                () -> OltpBenchmark.run(o, wrong, RunSettings.defaults(), quiet(), 1));
        assertTrue(e.getMessage().contains("Access denied for user 'bench'"), e.getMessage());
        assertFalse(e.getMessage().contains("Wr0ng-pw"));

        DbTarget right = db.withUser("bench", "S3cret-pw");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        RunResult r = OltpBenchmark.run(o, right, RunSettings.defaults().withTime(0.3).withReportInterval(0.1),
                Output.text(out, out), 1);
        assertEquals(RunStatus.COMPLETE, r.status(), r.message());
        String json = ResultFiles.toJson(r);
        assertFalse(json.contains("S3cret-pw"), json);
        assertFalse(buf.toString(StandardCharsets.UTF_8).contains("S3cret-pw"));
        assertTrue(r.nativeCommand().contains("--mysql-user=bench '--mysql-password=*****' "), r.nativeCommand());
        assertFalse(right.toString().contains("S3cret-pw"));
    }

    @Test
    void aServerThatDiesMidRunEndsTheRunWithTheResultsSoFar() throws Exception {
        try (LocalMariaDb own = LocalMariaDb.start(LocalMariaDb.mariaDb4jJar().orElseThrow(), null)) {
            own.createDatabase("dies", "bench", "pw");
            DbTarget t = DbTarget.of(own.host(), own.port(), "bench", "pw", "dies");
            OltpOptions o = OltpOptions.builder().tables(1).tableSize(100).build();
            OltpSchema.prepare(t, o, 1, NONE, NONE, StopSignal.never());
            ex.schedule(own::kill, 1000, TimeUnit.MILLISECONDS);
            OltpWorkload w = new OltpWorkload(o, t, 2, StopSignal.never(), 1000);
            long t0 = System.nanoTime();
            RunResult r = OltpBenchmark.run(w, o, t, RunSettings.defaults().withThreads(2).withTime(30), quiet(), 1);
            double wall = (System.nanoTime() - t0) / 1e9;
            assertEquals(RunStatus.FAILED, r.status());
            assertTrue(r.message().startsWith("lost the connection to the database"), r.message());
            assertTrue(r.value("transactions") > 0, "the transactions before the crash are kept");
            assertTrue(wall < 10, "ended soon after the crash: " + wall);
        }
    }
}
