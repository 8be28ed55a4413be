package io.virtbench.oltp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.clock.MonotonicClock;
import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.driver.DriverStatement;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import io.virtbench.oltp.script.OltpScript;
import io.virtbench.oltp.script.OltpSql;
import io.virtbench.oltp.script.SbRandom;
import io.virtbench.oltp.script.SqlErrors;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * sysbench 1.0.20's oltp_read_only / oltp_write_only / oltp_read_write event against MySQL or
 * MariaDB through Connector/J. A HikariCP pool holds exactly one connection per worker thread;
 * each worker takes its connection before the start barrier and keeps it for the whole run (as
 * sysbench's thread_init connects), prepares every statement it needs for every table (with
 * {@code --db-ps-mode=auto}), and runs one transaction per event with sysbench's statements, order
 * and random values. Every statement is counted as sysbench counts it: a result set is a read,
 * otherwise affected rows &gt; 0 is a write and 0 is other.
 *
 * <p>Errors: a number in {@code --mysql-ignore-errors} re-runs the whole transaction (new BEGIN, new
 * random values, no ROLLBACK) and counts an ignored error; a lost connection is replaced by a new
 * one from the pool, statements are prepared again, a reconnect is counted and the transaction
 * re-run; if no connection can be had within the reconnect timeout, or any other error occurs,
 * the event throws and the harness ends the run with the figures so far.
 */
public final class OltpWorkload implements Workload {
    /** How long a worker keeps trying to get a new connection after losing one. */
    public static final long DEFAULT_RECONNECT_TIMEOUT_MS = 10_000;

    private final OltpOptions options;
    private final DbTarget target;
    /** Threads of {@code prepare} only (sysbench creates the tables in parallel); a run takes its threads from the harness's settings. */
    private final int prepareThreads;
    private final StopSignal stop;
    private final Set<Integer> ignored;
    private final SplittableRandom seeds;
    /** The JIT warm-up's own seeds, so that a --rand-seed run's measured workers draw what they would without it. */
    private final SplittableRandom warmupSeeds = new SplittableRandom();
    private final long reconnectTimeoutMs;
    private HikariDataSource pool;

    public OltpWorkload(OltpOptions options, DbTarget target, int prepareThreads, StopSignal stop) {
        this(options, target, prepareThreads, stop, DEFAULT_RECONNECT_TIMEOUT_MS);
    }

    public OltpWorkload(OltpOptions options, DbTarget target, int prepareThreads, StopSignal stop, long reconnectTimeoutMs) {
        this.options = options;
        this.target = target;
        this.prepareThreads = prepareThreads;
        this.stop = stop;
        this.ignored = options.ignoredErrors();
        this.seeds = new SplittableRandom(options.randSeed() != 0 ? options.randSeed() : MonotonicClock.seed());
        this.reconnectTimeoutMs = reconnectTimeoutMs;
    }

    @Override
    public String name() {
        return "oltp";
    }

    @Override
    public void prepare(PrintStream out) throws Exception {
        OltpSchema.prepare(target, options, prepareThreads, out, System.err, stop);
    }

    @Override
    public void cleanup(PrintStream out) {
        OltpSchema.cleanup(target, options, out);
    }

    /** Creates the pool: exactly one connection per harness thread; a database that is down or refuses the login fails here. */
    @Override
    public void init(RunSettings settings) {
        int threads = settings.threads();
        HikariConfig c = new HikariConfig();
        c.setPoolName("virtbench-oltp");
        c.setJdbcUrl(target.jdbcUrl(options.psMode()));
        c.setDataSourceProperties(target.properties());
        c.setMaximumPoolSize(threads);
        c.setMinimumIdle(threads);
        c.setAutoCommit(true);
        c.setConnectionTimeout(Math.max(250, reconnectTimeoutMs));
        c.setValidationTimeout(Math.max(250, Math.min(5000, reconnectTimeoutMs)));
        c.setInitializationFailTimeout(1);
        c.setMaxLifetime(0); // connections live as long as the run
        c.setIdleTimeout(0);
        c.setKeepaliveTime(0);
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw OltpSchema.cannotConnect(target, e);
        }
    }

    @Override
    public Worker createWorker(int threadIndex) throws Exception {
        long s0;
        long s1;
        synchronized (seeds) {
            s0 = seeds.nextLong();
            s1 = seeds.nextLong();
        }
        OltpWorker w = new OltpWorker(new SbRandom(s0, s1, options.rand()), false);
        w.connect();
        return w;
    }

    /**
     * The measured transactions on the same tables and pooled connections, each ended by ROLLBACK
     * (also under --skip-trx), so that the warm-up leaves every row as it found it.
     */
    @Override
    public Worker createWarmupWorker(int threadIndex) throws Exception {
        long s0;
        long s1;
        synchronized (warmupSeeds) {
            s0 = warmupSeeds.nextLong();
            s1 = warmupSeeds.nextLong();
        }
        OltpWorker w = new OltpWorker(new SbRandom(s0, s1, options.rand()), true);
        w.connect();
        return w;
    }

    @Override
    public String warmupTouches() {
        return "the sbtest tables: the measured transactions, each rolled back";
    }

    @Override
    public void done() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /** A fatal SQL error, with sysbench's wording. */
    static final class FatalSqlException extends Exception {
        private static final long serialVersionUID = 1L;

        FatalSqlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int POINT = 0;
    private static final int SIMPLE = 1;
    private static final int SUM = 2;
    private static final int ORDER = 3;
    private static final int DISTINCT = 4;
    private static final int INDEX_UPD = 5;
    private static final int NON_INDEX_UPD = 6;
    private static final int DELETE = 7;
    private static final int INSERT = 8;
    private static final OltpSql.Kind[] KINDS = OltpSql.Kind.values();

    /** One thread's connection and statements; used by that thread only. */
    final class OltpWorker implements Worker {
        private final SbRandom rnd;
        /**
         * Whether a transaction is framed by BEGIN and its end, and the statement that ends it
         * (COMMIT; ROLLBACK for a warm-up worker). Fields, not tests of "is this the warm-up" in
         * the transaction's code: the JIT compiles that code during the warm-up, and a branch the
         * warm-up never took would throw the compiled transaction away at the first measured one.
         */
        private final boolean trx;
        private final String end;
        private final int tables = options.tables();
        private final long tableSize = options.tableSize();
        private final long rangeSize = options.rangeSize();
        private final char[] c = new char[OltpSql.C_TEMPLATE.length()];
        private final char[] pad = new char[OltpSql.PAD_TEMPLATE.length()];
        private final boolean[] needed = new boolean[KINDS.length];
        private Connection con;
        private DriverStatement begin;
        private DriverStatement[][] prepared;
        private DriverStatement commit;
        /** The statement being executed, for the FATAL message. */
        private String current;

        OltpWorker(SbRandom rnd, boolean rollback) {
            this.rnd = rnd;
            this.trx = rollback || !options.skipTrx();
            this.end = rollback ? OltpSql.ROLLBACK : OltpSql.COMMIT;
            OltpScript t = options.test();
            if (t.reads()) {
                needed[POINT] = true;
                if (options.rangeSelects()) {
                    needed[SIMPLE] = needed[SUM] = needed[ORDER] = needed[DISTINCT] = true;
                }
            }
            if (t.writes()) {
                needed[INDEX_UPD] = needed[NON_INDEX_UPD] = needed[DELETE] = needed[INSERT] = true;
            }
        }

        /** Takes a connection from the pool and prepares the statements (sysbench's thread_init). */
        void connect() throws SQLException {
            con = pool.getConnection();
            // the pool keeps the connection for this worker; statements go to the driver's own
            // connection, without the pool's per-call proxies
            Connection raw = con.unwrap(Connection.class);
            // auto: server-side statements (Connector/J useServerPrepStmts=true, binary protocol);
            // disable: client-side statements that send sysbench's text with the values written in;
            // executed without JDBC result sets (DriverStatement), rows still read in full
            prepared = new DriverStatement[tables + 1][KINDS.length];
            for (int table = 1; table <= tables; table++) {
                for (int k = 0; k < KINDS.length; k++) {
                    if (needed[k]) {
                        prepared[table][k] = DriverStatement.prepare(raw, KINDS[k].sql(table));
                    }
                }
            }
            if (trx) {
                // prepared like sysbench's BEGIN: on the server with ps-mode auto where the server
                // allows it (MariaDB; MySQL refuses and Connector/J falls back to text, as sysbench)
                begin = DriverStatement.prepare(raw, OltpSql.BEGIN);
                commit = DriverStatement.prepare(raw, end);
            }
        }

        @Override
        public void event(Counters counters) throws Exception {
            while (true) {
                try {
                    transaction(counters);
                    return;
                } catch (SQLException e) {
                    switch (SqlErrors.classify(e, ignored)) {
                        case IGNORED -> counters.increment(Counter.ERRORS);
                        case LOST_CONNECTION -> {
                            reconnect(e);
                            counters.increment(Counter.RECONNECTS);
                        }
                        case FATAL -> throw new FatalSqlException("SQL " + SqlErrors.describe(e) + " for query '"
                                + target.masked(current) + "'", e);
                    }
                    if (stop.requested()) {
                        return; // Ctrl-C while retrying: let the harness end the run
                    }
                }
            }
        }

        private void transaction(Counters n) throws SQLException {
            if (trx) {
                current = OltpSql.BEGIN;
                count(n, begin.execute());
            }
            OltpScript t = options.test();
            if (t.reads()) {
                pointSelects(n);
                if (options.rangeSelects()) {
                    ranges(n, SIMPLE, options.simpleRanges());
                    ranges(n, SUM, options.sumRanges());
                    ranges(n, ORDER, options.orderRanges());
                    ranges(n, DISTINCT, options.distinctRanges());
                }
            }
            if (t.writes()) {
                indexUpdates(n);
                nonIndexUpdates(n);
                deleteInserts(n);
            }
            if (trx) {
                current = end;
                count(n, commit.execute());
            }
        }

        private int table() {
            return (int) rnd.uniform(1, tables);
        }

        private long id() {
            return rnd.next(1, tableSize);
        }

        private void pointSelects(Counters n) throws SQLException {
            int table = table();
            for (int i = 0; i < options.pointSelects(); i++) {
                long id = id();
                DriverStatement p = prepared[table][POINT];
                p.setInt(1, (int) id);
                executePrepared(n, p, table, POINT);
            }
        }

        private void ranges(Counters n, int kind, int count) throws SQLException {
            int table = table();
            for (int i = 0; i < count; i++) {
                long id = id();
                long to = id + rangeSize - 1;
                DriverStatement p = prepared[table][kind];
                p.setInt(1, (int) id);
                p.setInt(2, (int) to);
                executePrepared(n, p, table, kind);
            }
        }

        private void indexUpdates(Counters n) throws SQLException {
            int table = table();
            for (int i = 0; i < options.indexUpdates(); i++) {
                long id = id();
                DriverStatement p = prepared[table][INDEX_UPD];
                p.setInt(1, (int) id);
                executePrepared(n, p, table, INDEX_UPD);
            }
        }

        private void nonIndexUpdates(Counters n) throws SQLException {
            int table = table();
            for (int i = 0; i < options.nonIndexUpdates(); i++) {
                rnd.fill(OltpSql.C_TEMPLATE, c);
                long id = id();
                DriverStatement p = prepared[table][NON_INDEX_UPD];
                p.setChars(1, c);
                p.setInt(2, (int) id);
                executePrepared(n, p, table, NON_INDEX_UPD);
            }
        }

        private void deleteInserts(Counters n) throws SQLException {
            int table = table();
            for (int i = 0; i < options.deleteInserts(); i++) {
                long id = id();
                long k = id();
                rnd.fill(OltpSql.C_TEMPLATE, c);
                rnd.fill(OltpSql.PAD_TEMPLATE, pad);
                DriverStatement d = prepared[table][DELETE];
                d.setInt(1, (int) id);
                executePrepared(n, d, table, DELETE);
                DriverStatement p = prepared[table][INSERT];
                p.setInt(1, (int) id);
                p.setInt(2, (int) k);
                p.setChars(3, c);
                p.setChars(4, pad);
                executePrepared(n, p, table, INSERT);
            }
        }

        private void executePrepared(Counters n, DriverStatement p, int table, int kind) throws SQLException {
            current = null;
            try {
                count(n, p.execute());
            } catch (SQLException e) {
                current = KINDS[kind].sql(table);
                throw e;
            }
        }

        /** sysbench's classification (drv_mysql.c): result set → read; else affected rows &gt; 0 → write, 0 → other. */
        private void count(Counters n, int outcome) {
            switch (outcome) {
                case DriverStatement.RESULT_SET -> n.increment(Counter.READS);
                case DriverStatement.CHANGED -> n.increment(Counter.WRITES);
                default -> n.increment(Counter.OTHER);
            }
        }

        /** Replaces a lost connection: evict it, take a new one, prepare again; gives up after the timeout. */
        private void reconnect(SQLException cause) throws FatalSqlException {
            closeQuietly();
            if (con != null) {
                try {
                    pool.evictConnection(con);
                } catch (RuntimeException e) {
                    // already gone
                }
                con = null;
            }
            Deadline deadline = Deadline.inMillis(reconnectTimeoutMs);
            SQLException last = cause;
            while (!stop.requested()) {
                try {
                    connect();
                    return;
                } catch (SQLException e) {
                    last = e;
                    closeQuietly();
                    if (con != null) {
                        pool.evictConnection(con);
                        con = null;
                    }
                }
                if (deadline.passed()) {
                    break;
                }
                LockSupport.parkNanos(1_000_000L);
            }
            throw new FatalSqlException("lost the connection to the database (" + SqlErrors.describe(cause)
                    + ") and could not reconnect within " + reconnectTimeoutMs / 1000.0 + " s: "
                    + target.masked(SqlErrors.describe(last)), last);
        }

        private void closeQuietly() {
            try {
                if (prepared != null) {
                    for (DriverStatement[] row : prepared) {
                        for (DriverStatement p : row) {
                            if (p != null) {
                                p.close();
                            }
                        }
                    }
                }
                if (commit != null) {
                    commit.close();
                }
                if (begin != null) {
                    begin.close();
                }
            } catch (SQLException | RuntimeException e) {
                // the connection is gone anyway
            }
            prepared = null;
            commit = null;
            begin = null;
        }

        /** sysbench's thread_done: close the statements and disconnect, inside the measured total time. */
        @Override
        public void finish(Counters counters) {
            close();
        }

        @Override
        public void close() {
            closeQuietly();
            if (con != null) {
                try {
                    con.close();
                } catch (SQLException e) {
                    // closing only
                }
                con = null;
            }
        }
    }

    /** The pool, for tests. */
    HikariDataSource pool() {
        return pool;
    }
}
