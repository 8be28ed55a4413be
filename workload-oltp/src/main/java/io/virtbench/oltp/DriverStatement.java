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
import com.mysql.cj.protocol.a.NativeConstants;
import com.mysql.cj.protocol.a.NativePacketPayload;
import com.mysql.cj.protocol.a.result.OkPacket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

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
    /** Client-side statements: the parameters of the next execution (ints, or chars where non-null). */
    private final int[] ints;
    private final char[][] chars;
    /** Client-side statements: Connector/J's parts of the SQL text between the parameters. */
    private final byte[][] parts;
    /** Client-side statements: this statement's own COM_QUERY packet, rewritten in place per execution. */
    private final NativePacketPayload packet;
    private final int textStart;
    private final byte[] digits = new byte[11];

    private DriverStatement(PreparedStatement jdbc, NativeSession session, ExceptionInterceptor interceptor,
                            ServerPreparedQuery server, ClientPreparedQuery client) {
        this.jdbc = jdbc;
        this.session = session;
        this.interceptor = interceptor;
        this.server = server;
        this.client = client;
        if (client != null) {
            parts = client.getQueryInfo().getStaticSqlParts();
            ints = new int[parts.length - 1];
            chars = new char[parts.length - 1][];
            int size = 1;
            for (byte[] part : parts) {
                size += part.length;
            }
            packet = new NativePacketPayload(size + 64 + 256 * ints.length);
            packet.getByteBuffer()[0] = (byte) NativeConstants.COM_QUERY;
            packet.setPosition(1);
            textStart = 1;
            packet.setTag("QUERY");
        } else {
            parts = null;
            ints = null;
            chars = null;
            packet = null;
            textStart = 0;
        }
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

    /** Binds parameter {@code index} (1-based) to an integer, as {@link PreparedStatement#setInt}. */
    void setInt(int index, int value) throws SQLException {
        if (packet != null) {
            ints[index - 1] = value;
            chars[index - 1] = null;
        } else {
            jdbc.setInt(index, value);
        }
    }

    /**
     * Binds parameter {@code index} (1-based) to the string in {@code value}, as
     * {@link PreparedStatement#setString}. The array is read when the statement is executed, not
     * copied: the caller keeps it unchanged until then.
     */
    void setChars(int index, char[] value) throws SQLException {
        if (packet != null) {
            chars[index - 1] = value;
        } else {
            jdbc.setString(index, String.valueOf(value));
        }
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
                NativePacketPayload p = fillText() ? packet : viaDriver(b);
                o = session.execSQL(client, null, -1, p, false, OUTCOMES, columns, false);
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

    /**
     * Writes the COM_QUERY text into this statement's own packet, byte for byte what Connector/J's
     * {@code NativeMessageBuilder.buildComQuery} writes (its static SQL parts; integers in decimal;
     * strings in single quotes), without its per-execution work (value encoders, property
     * look-ups, a tag map entry, a string per value). False (nothing written) where Connector/J
     * would write more or other bytes: a server with query attributes (MySQL 8.0.23+: an attribute
     * block before the text), a statement comment, or a string that needs escaping or is not ASCII.
     */
    private boolean fillText() {
        if (session.getServerSession().supportsQueryAttributes() || session.getQueryComment() != null) {
            return false;
        }
        for (char[] c : chars) {
            if (c != null && !plain(c)) {
                return false;
            }
        }
        NativePacketPayload p = packet;
        p.setPosition(textStart);
        for (int i = 0; i < ints.length; i++) {
            p.writeBytes(NativeConstants.StringLengthDataType.STRING_FIXED, parts[i]);
            char[] c = chars[i];
            if (c == null) {
                writeDecimal(p, ints[i]);
            } else {
                writeQuoted(p, c);
            }
        }
        p.writeBytes(NativeConstants.StringLengthDataType.STRING_FIXED, parts[ints.length]);
        return true;
    }

    /** Characters that Connector/J sends as they are inside quotes (ASCII, nothing it escapes). */
    private static boolean plain(char[] c) {
        for (char ch : c) {
            if (ch >= 0x80 || ch == 0 || ch == '\n' || ch == '\r' || ch == '\\' || ch == '\'' || ch == '"' || ch == '\032') {
                return false;
            }
        }
        return true;
    }

    private void writeDecimal(NativePacketPayload p, int v) {
        long x = v;
        boolean negative = x < 0;
        if (negative) {
            x = -x;
        }
        int i = digits.length;
        do {
            digits[--i] = (byte) ('0' + (int) (x % 10));
            x /= 10;
        } while (x != 0);
        if (negative) {
            digits[--i] = '-';
        }
        p.writeBytes(NativeConstants.StringLengthDataType.STRING_FIXED, digits, i, digits.length - i);
    }

    private static void writeQuoted(NativePacketPayload p, char[] c) {
        p.ensureCapacity(c.length + 2);
        byte[] buf = p.getByteBuffer();
        int pos = p.getPosition();
        buf[pos++] = '\'';
        for (char ch : c) {
            buf[pos++] = (byte) ch;
        }
        buf[pos++] = '\'';
        p.setPosition(pos);
    }

    /** Connector/J's own packet, the parameters bound with its setters. */
    private NativePacketPayload viaDriver(QueryBindings b) throws SQLException {
        for (int i = 0; i < ints.length; i++) {
            if (chars[i] == null) {
                jdbc.setInt(i + 1, ints[i]);
            } else {
                jdbc.setString(i + 1, String.valueOf(chars[i]));
            }
        }
        return client.fillSendPacket(b);
    }

    /** For tests: the COM_QUERY packet virtbench writes for the bound values, or null where Connector/J's is used. */
    byte[] ownRequest() {
        return fillText() ? Arrays.copyOf(packet.getByteBuffer(), packet.getPosition()) : null;
    }

    /** For tests: the COM_QUERY packet Connector/J writes for the bound values. */
    byte[] driversRequest() throws SQLException {
        NativePacketPayload p = viaDriver(client.getQueryBindings());
        return Arrays.copyOf(p.getByteBuffer(), p.getPosition());
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
