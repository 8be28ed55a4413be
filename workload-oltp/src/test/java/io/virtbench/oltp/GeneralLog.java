package io.virtbench.oltp;


import io.virtbench.oltp.db.TestDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The real server's general query log (mysql.general_log): what each client connection to one
 * database sent, statement by statement, with the command type (Query = text protocol, Prepare /
 * Execute = server-side prepared statements).
 */
public final class GeneralLog implements AutoCloseable {
    public record Entry(long thread, String command, String argument) {
        @Override
        public String toString() {
            return command + " " + argument;
        }
    }

    private GeneralLog() throws SQLException {
        try (Connection c = TestDb.root(null); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL log_output='TABLE'");
            s.execute("TRUNCATE TABLE mysql.general_log");
            s.execute("SET GLOBAL general_log=1");
        }
    }

    public static GeneralLog start() throws SQLException {
        return new GeneralLog();
    }

    /** Everything the connections that logged into {@code db} sent, in order, per connection. */
    public List<List<Entry>> connections(String db) throws SQLException {
        List<Entry> all = new ArrayList<>();
        Set<Long> threads = new TreeSet<>();
        try (Connection c = TestDb.root(null); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT thread_id, command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log");
            while (rs.next()) {
                Entry e = new Entry(rs.getLong(1), rs.getString(2), rs.getString(3));
                all.add(e);
                if (e.command().equals("Connect") && e.argument().contains(" on " + db + " ")) {
                    threads.add(e.thread());
                }
            }
        }
        List<List<Entry>> out = new ArrayList<>();
        for (long t : threads) {
            out.add(all.stream().filter(e -> e.thread() == t).toList());
        }
        return out;
    }

    /**
     * The statements of the transactions: Query/Execute entries from the first BEGIN (or first
     * statement on an sbtest table with skip_trx) to the last one, nothing filtered in between.
     */
    public static List<Entry> transactions(List<Entry> connection) {
        List<Entry> sent = connection.stream()
                .filter(e -> e.command().equals("Query") || e.command().equals("Execute")).toList();
        int first = -1;
        int last = -1;
        for (int i = 0; i < sent.size(); i++) {
            String a = sent.get(i).argument();
            if (a.equals("BEGIN") || a.equals("COMMIT") || a.matches("(?s).*sbtest\\d+.*")) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? List.of() : sent.subList(first, last + 1);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = TestDb.root(null); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL general_log=0");
        }
    }
}
