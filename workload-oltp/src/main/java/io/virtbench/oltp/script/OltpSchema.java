package io.virtbench.oltp.script;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.clock.MonotonicClock;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Repetitions;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.PsMode;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * sysbench's {@code prepare} and {@code cleanup} for the OLTP scripts (oltp_common.lua
 * cmd_prepare/create_table/cleanup): tables sbtest1..N with sysbench's definition, rows filled
 * with multi-row INSERTs batched by size exactly as sysbench's bulk insert does (one statement
 * whenever the next tuple would pass 512 KiB), the secondary index built after loading, tables
 * handed out to {@code --threads} connections round robin (thread t: tables t+1, t+1+T, ...).
 * Standard output gets sysbench's lines; standard error a progress line every few seconds.
 */
public final class OltpSchema {
    /** sysbench's BULK_PACKET_SIZE. */
    public static final int BULK_PACKET_SIZE = 512 * 1024;
    private static final long PROGRESS_EVERY_NS = 5_000_000_000L;

    private OltpSchema() {
    }

    /** Opens a plain connection (no pool) to {@code target}, with a one-line error when it cannot. */
    public static Connection connect(DbTarget target) {
        try {
            return DriverManager.getConnection(target.jdbcUrl(PsMode.DISABLE), target.properties());
        } catch (SQLException e) {
            throw cannotConnect(target, e);
        }
    }

    public static UserException cannotConnect(DbTarget target, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof SQLException) {
                break;
            }
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl);
        }
        if (msg.startsWith("Communications link failure")) {
            msg = "no MySQL/MariaDB server answers there (Communications link failure)";
        }
        return new UserException("unable to connect to MySQL server (" + target.describe() + "): " + target.masked(msg.strip()), e);
    }

    /** {@code prepare}: creates and fills the tables; {@code threads} connections work in parallel. */
    public static void prepare(DbTarget target, OltpOptions o, int threads, PrintStream out, PrintStream err, StopSignal stop)
            throws Exception {
        int t = Math.max(1, Math.min(threads, o.tables()));
        AtomicLong rows = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long seed = o.randSeed() != 0 ? o.randSeed() : MonotonicClock.seed();
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Thread> workers = new ArrayList<>();
        // connect first, so a wrong login is one error before anything is printed
        List<Connection> cons = new ArrayList<>();
        try {
            for (int i = 0; i < t; i++) {
                cons.add(connect(target));
            }
            for (int i = 0; i < t; i++) {
                final int tid = i;
                final Connection con = cons.get(i);
                final SbRandom rnd = new SbRandom(seeds.nextLong(), seeds.nextLong(), o.rand());
                Thread w = new Thread(() -> {
                    try {
                        for (int table = tid + 1; table <= o.tables() && failure.get() == null; table += t) {
                            createTable(con, table, o, rnd, out, rows, stop, failure);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "virtbench-prepare-" + (i + 1));
                w.setDaemon(true);
                workers.add(w);
                w.start();
            }
            long total = (long) o.tables() * o.tableSize();
            Deadline next = Deadline.inNanos(PROGRESS_EVERY_NS);
            for (Thread w : workers) {
                while (w.isAlive()) {
                    w.join(100);
                    if (next.passed() && w.isAlive()) {
                        err.printf(Locale.ROOT, "virtbench: prepare: %d of %d rows inserted (%.0f%%)%n", rows.get(), total,
                                total == 0 ? 100.0 : 100.0 * rows.get() / total);
                        next = next.plusNanos(PROGRESS_EVERY_NS);
                    }
                }
            }
        } finally {
            for (Connection c : cons) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // closing only
                }
            }
        }
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof UserException u) {
                throw u;
            }
            throw new UserException("prepare failed: " + f.getMessage(), f);
        }
    }

    private static void createTable(Connection con, int table, OltpOptions o, SbRandom rnd, PrintStream out,
                                    AtomicLong rows, StopSignal stop, AtomicReference<Throwable> failure) throws SQLException {
        try (Statement s = con.createStatement()) {
            s.setEscapeProcessing(false);
            line(out, String.format(Locale.ROOT, "Creating table 'sbtest%d'...", table));
            exec(s, OltpSql.createTable(table, o));
            if (o.tableSize() > 0) {
                line(out, String.format(Locale.ROOT, "Inserting %d records into 'sbtest%d'", o.tableSize(), table));
            }
            String prefix = OltpSql.insertPrefix(table, o.autoInc());
            StringBuilder buf = new StringBuilder(BULK_PACKET_SIZE);
            StringBuilder tuple = new StringBuilder(256);
            char[] c = new char[OltpSql.C_TEMPLATE.length()];
            char[] pad = new char[OltpSql.PAD_TEMPLATE.length()];
            buf.append(prefix);
            int count = 0;
            for (long i = 1; i <= o.tableSize(); i++) {
                rnd.fill(OltpSql.C_TEMPLATE, c);
                rnd.fill(OltpSql.PAD_TEMPLATE, pad);
                long k = rnd.next(1, o.tableSize());
                tuple.setLength(0);
                tuple.append('(');
                if (!o.autoInc()) {
                    tuple.append(i).append(", ");
                }
                tuple.append(k).append(", '").append(c).append("', '").append(pad).append("')");
                // db_bulk_insert_next: room for the tuple, a comma (not before the first) and '\0'
                if (buf.length() + tuple.length() + 1 + (count > 0 ? 1 : 0) > BULK_PACKET_SIZE) {
                    exec(s, buf.toString());
                    rows.addAndGet(count);
                    buf.setLength(prefix.length());
                    count = 0;
                    if (stop.requested() || failure.get() != null) {
                        throw new UserException("prepare interrupted: table sbtest" + table + " is incomplete",
                                Repetitions.EXIT_INTERRUPTED);
                    }
                }
                if (count > 0) {
                    buf.append(',');
                }
                buf.append(tuple);
                count++;
            }
            if (count > 0) {
                exec(s, buf.toString());
                rows.addAndGet(count);
            }
            if (o.createSecondary()) {
                line(out, String.format(Locale.ROOT, "Creating a secondary index on 'sbtest%d'...", table));
                exec(s, OltpSql.createIndex(table));
            }
        }
    }

    private static void exec(Statement s, String sql) {
        try {
            s.execute(sql);
        } catch (SQLException e) {
            String q = sql.length() > 100 ? sql.substring(0, 100).replace('\n', ' ') + "..." : sql.replace('\n', ' ');
            throw new UserException("SQL " + SqlErrors.describe(e) + " for query '" + q + "'", e);
        }
    }

    private static void line(PrintStream out, String s) {
        synchronized (out) {
            out.println(s);
            out.flush();
        }
    }

    /** {@code cleanup}: drops sbtest1..N. */
    public static void cleanup(DbTarget target, OltpOptions o, PrintStream out) {
        try (Connection con = connect(target); Statement s = con.createStatement()) {
            for (int i = 1; i <= o.tables(); i++) {
                line(out, String.format(Locale.ROOT, "Dropping table 'sbtest%d'...", i));
                exec(s, OltpSql.dropTable(i));
            }
        } catch (SQLException e) {
            throw new UserException("cleanup failed: " + SqlErrors.describe(e), e);
        }
    }
}
