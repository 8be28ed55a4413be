package io.virtbench.http;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.virtbench.core.UserException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

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
        c.setUsername(o.dbUser());
        c.setPassword(o.dbPassword());
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
            throw new UserException("cannot connect to the database " + o.dbUrl() + ": " + root.getMessage(), e);
        }
        try (Connection con = pool.getConnection(); PreparedStatement ps = con.prepareStatement(POINT_SELECT)) {
            ps.setInt(1, 1);
            ps.executeQuery().close();
        } catch (SQLException e) {
            pool.close();
            throw new UserException("cannot read sbtest1 in " + o.dbUrl() + " (prepare it with sysbench or "
                    + "virtbench oltp prepare): " + e.getMessage(), e);
        }
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
