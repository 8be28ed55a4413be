package io.virtbench.oltp;

import com.mysql.cj.ClientPreparedQuery;
import com.mysql.cj.NativeSession;
import com.mysql.cj.Query;
import com.mysql.cj.QueryBindings;
import com.mysql.cj.ServerPreparedQuery;
import com.mysql.cj.exceptions.CJException;
import com.mysql.cj.exceptions.ExceptionInterceptor;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.StatementImpl;
import com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping;
import com.mysql.cj.protocol.ColumnDefinition;
import com.mysql.cj.protocol.ProtocolEntity;
import com.mysql.cj.protocol.ProtocolEntityFactory;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ResultsetRows;
import com.mysql.cj.protocol.a.NativePacketPayload;
import com.mysql.cj.protocol.a.result.OkPacket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One of a worker's statements, executed the way sysbench's MySQL driver does it: the request is
 * built and sent by Connector/J itself (the same COM_QUERY text or COM_STMT_EXECUTE packet its
 * {@code PreparedStatement.execute()} sends, parameters bound with the JDBC setters), every row of
 * a result is read from the server (as {@code mysql_store_result}), and the outcome is classified
 * as sysbench classifies it — but without building a JDBC {@code ResultSet} for it, which is most
 * of Connector/J's client CPU time per SELECT (value factories with {@code Calendar}s, metadata
 * copies, bookkeeping). The column definitions of a statement's result are remembered after its
 * first execution and given back to the driver, which then skips (still reads) those packets
 * instead of unpacking them, as Connector/J's own {@code cacheResultSetMetadata} does.
 *
 * <p>The direct path uses Connector/J's public protocol classes ({@code ServerPreparedQuery},
 * {@code ClientPreparedQuery}, {@code NativeSession}); if the statement is not one of them (another
 * driver behind {@code --db-url}), {@link #execute()} falls back to plain JDBC.
 */
final class DriverStatement {
    /** {@link #execute()}: a result set (a read). */
    static final int RESULT_SET = 0;
    /** {@link #execute()}: no result set and affected rows &gt; 0 (a write). */
    static final int CHANGED = 1;
    /** {@link #execute()}: no result set and no affected rows (other). */
    static final int UNCHANGED = 2;

    /** What the driver's reader makes of a result: only what sysbench's counting needs. */
    static final class Outcome implements Resultset {
        private ColumnDefinition columns;
        private final ResultsetRows rows;
        private final long updateCount;
        private Resultset next;

        Outcome(ResultsetRows rows) {
            this.rows = rows;
            this.columns = rows.getMetadata();
            this.updateCount = rows.size();
        }

        Outcome(OkPacket ok) {
            this.rows = null;
            this.updateCount = ok.getUpdateCount();
        }

        @Override
        public void setColumnDefinition(ColumnDefinition metadata) {
            this.columns = metadata;
        }

        @Override
        public ColumnDefinition getColumnDefinition() {
            return columns;
        }

        @Override
        public boolean hasRows() {
            return rows != null;
        }

        @Override
        public ResultsetRows getRows() {
            return rows;
        }

        @Override
        public void initRowsWithMetadata() {
            if (rows != null && columns != null) {
                rows.setMetadata(columns);
            }
        }

        @Override
        public int getResultId() {
            return 0;
        }

        @Override
        public void setNextResultset(Resultset nextResultset) {
            this.next = nextResultset;
        }

        @Override
        public Resultset getNextResultset() {
            return next;
        }

        @Override
        public void clearNextResultset() {
            next = null;
        }

        @Override
        public long getUpdateCount() {
            return updateCount;
        }

        @Override
        public long getUpdateID() {
            return 0;
        }

        @Override
        public String getServerInfo() {
            return null;
        }
    }

    /** Makes {@link Outcome}s; all rows are read before the statement returns (no streaming). */
    static final ProtocolEntityFactory<Outcome, NativePacketPayload> OUTCOMES = new ProtocolEntityFactory<>() {
        @Override
        public Resultset.Type getResultSetType() {
            return Resultset.Type.FORWARD_ONLY;
        }

        @Override
        public Resultset.Concurrency getResultSetConcurrency() {
            return Resultset.Concurrency.READ_ONLY;
        }

        @Override
        public int getFetchSize() {
            return 0;
        }

        @Override
        public Outcome createFromProtocolEntity(ProtocolEntity entity) {
            if (entity instanceof OkPacket ok) {
                return new Outcome(ok);
            }
            if (entity instanceof ResultsetRows rows) {
                return new Outcome(rows);
            }
            throw new IllegalStateException("unexpected protocol entity " + entity.getClass().getName());
        }
    };

    private final PreparedStatement jdbc;
    private final NativeSession session;
    private final ExceptionInterceptor interceptor;
    private final ServerPreparedQuery server;
    private final ClientPreparedQuery client;
    private ColumnDefinition columns;

    private DriverStatement(PreparedStatement jdbc, NativeSession session, ExceptionInterceptor interceptor,
                            ServerPreparedQuery server, ClientPreparedQuery client) {
        this.jdbc = jdbc;
        this.session = session;
        this.interceptor = interceptor;
        this.server = server;
        this.client = client;
    }

    /** {@code sql} prepared on {@code con} (the driver's own connection, not a pool's proxy). */
    static DriverStatement prepare(Connection con, String sql) throws SQLException {
        PreparedStatement p = con.prepareStatement(sql);
        NativeSession session = session(con);
        if (session != null && p instanceof StatementImpl s) {
            Query q = s.getQuery();
            ExceptionInterceptor i = ((JdbcConnection) con).getExceptionInterceptor();
            if (q instanceof ServerPreparedQuery spq) {
                return new DriverStatement(p, session, i, spq, null);
            }
            if (q instanceof ClientPreparedQuery cpq) {
                return new DriverStatement(p, session, i, null, cpq);
            }
        }
        return new DriverStatement(p, null, null, null, null);
    }

    private static NativeSession session(Connection con) {
        if (con instanceof JdbcConnection j && j.getSession() instanceof NativeSession s) {
            return s;
        }
        return null;
    }

    /** The JDBC statement, for binding parameters with its setters. */
    PreparedStatement jdbc() {
        return jdbc;
    }

    /** Whether the direct path (no JDBC result set) is in use. */
    boolean direct() {
        return session != null;
    }

    /** Executes the statement and reads its whole result: {@link #RESULT_SET}, {@link #CHANGED} or {@link #UNCHANGED}. */
    int execute() throws SQLException {
        if (session == null) {
            return executeJdbc();
        }
        Outcome o;
        try {
            if (server != null) {
                count(server.getQueryBindings());
                o = server.serverExecute(-1, false, columns, OUTCOMES);
            } else {
                QueryBindings b = client.getQueryBindings();
                count(b);
                NativePacketPayload packet = client.fillSendPacket(b);
                o = session.execSQL(client, null, -1, packet, false, OUTCOMES, columns, false);
            }
        } catch (CJException e) {
            throw SQLExceptionsMapping.translateException(e, interceptor);
        }
        if (o.hasRows()) {
            if (columns == null) {
                columns = o.getColumnDefinition();
            }
            return RESULT_SET;
        }
        return o.getUpdateCount() > 0 ? CHANGED : UNCHANGED;
    }

    private static void count(QueryBindings b) {
        b.setNumberOfExecutions(b.getNumberOfExecutions() + 1);
    }

    private int executeJdbc() throws SQLException {
        if (jdbc.execute()) {
            jdbc.getResultSet().close();
            return RESULT_SET;
        }
        return jdbc.getUpdateCount() > 0 ? CHANGED : UNCHANGED;
    }

    void close() throws SQLException {
        if (jdbc != null) {
            jdbc.close();
        }
    }
}
