package io.virtbench.http.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.virtbench.core.Secrets;
import io.virtbench.core.UserException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * {@code SELECT c FROM sbtest1 WHERE id=?} through a HikariCP pool of MySQL Connector/J
 * connections (sysbench's point select). Loaded only by {@link SbtestReader#open}.
 */
final class HikariSbtestReader implements SbtestReader {
    static final String POINT_SELECT = "SELECT c FROM sbtest1 WHERE id=?";

    private final HikariDataSource pool;

    HikariSbtestReader(ServeOptions o) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(o.dbUrl());
        // a user or password in the URL wins: HikariCP's would replace it, and "using password: NO" follows
        if (!inUrl(o.dbUrl(), "user")) {
            c.setUsername(o.dbUser());
        }
        if (!inUrl(o.dbUrl(), "password")) {
            c.setPassword(o.dbPassword());
        }
        c.setMaximumPoolSize(o.dbPoolSize());
        c.setMinimumIdle(o.dbPoolSize());
        c.setPoolName("virtbench-db");
        c.setConnectionTimeout(5_000);
        // fail at start, with one line, if the database is not there
        c.setInitializationFailTimeout(2_000);
        c.addDataSourceProperty("cachePrepStmts", "true");
        c.addDataSourceProperty("useServerPrepStmts", "true");
        c.addDataSourceProperty("prepStmtCacheSize", "16");
        try {
            this.pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UserException("cannot connect to the database " + Secrets.maskUrl(o.dbUrl()) + ": "
                    + Secrets.mask(root.getMessage(), o.dbPassword()), e);
        }
        try (Connection con = pool.getConnection(); PreparedStatement ps = con.prepareStatement(POINT_SELECT)) {
            ps.setInt(1, 1);
            ps.executeQuery().close();
        } catch (SQLException e) {
            pool.close();
            throw new UserException("cannot read sbtest1 in " + Secrets.maskUrl(o.dbUrl()) + " (prepare it with sysbench or "
                    + "virtbench oltp prepare): " + Secrets.mask(e.getMessage(), o.dbPassword()), e);
        }
    }

    /** Whether the URL names {@code key} as a parameter ({@code ?user=}) or, for user/password, in {@code user:pw@host}. */
    static boolean inUrl(String url, String key) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.matches("(?s).*[?&;]" + key + "=.*")) {
            return true;
        }
        int scheme = u.indexOf("://");
        int at = scheme < 0 ? -1 : u.indexOf('@', scheme);
        int slash = scheme < 0 ? -1 : u.indexOf('/', scheme + 3);
        boolean userInfo = at > 0 && (slash < 0 || at < slash);
        return userInfo && (key.equals("user") || u.substring(scheme + 3, at).contains(":"));
    }

    @Override
    public String read(int id) throws SQLException {
        try (Connection con = pool.getConnection(); PreparedStatement ps = con.prepareStatement(POINT_SELECT)) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
