package io.virtbench.oltp.driver;

import com.mysql.cj.ClientPreparedQuery;
import com.mysql.cj.MysqlType;
import com.mysql.cj.NativeSession;
import com.mysql.cj.Query;
import com.mysql.cj.QueryBindings;
import com.mysql.cj.ServerPreparedQuery;
import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.exceptions.CJException;
import com.mysql.cj.exceptions.ExceptionFactory;
import com.mysql.cj.exceptions.ExceptionInterceptor;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.StatementImpl;
import com.mysql.cj.jdbc.exceptions.SQLExceptionsMapping;
import com.mysql.cj.protocol.ColumnDefinition;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ResultsetRow;
import com.mysql.cj.protocol.a.BinaryRowFactory;
import com.mysql.cj.protocol.a.NativeConstants;
import com.mysql.cj.protocol.a.NativePacketPayload;
import com.mysql.cj.protocol.a.NativeProtocol;
import com.mysql.cj.protocol.a.result.ResultsetRowsStatic;
import com.mysql.cj.util.StringUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * One of a worker's statements, executed the way sysbench's MySQL driver does it: the request is
 * the COM_QUERY text or COM_STMT_EXECUTE packet Connector/J's {@code PreparedStatement.execute()}
 * sends — written byte for byte by this class into a packet kept per statement
 * ({@code fillText}, {@code fillExecute}), or built by the driver from values bound with
 * its setters where it would send anything else — and sent through the driver; every row of
 * a result is read from the server (as {@code mysql_store_result}), and the outcome is classified
 * as sysbench classifies it — but without building a JDBC {@code ResultSet} for it, which is most
 * of Connector/J's client CPU time per SELECT (value factories with {@code Calendar}s, metadata
 * copies, bookkeeping). The column definitions of a statement's result are remembered after its
 * first execution and given back to the driver, which then skips (still reads) those packets
 * instead of unpacking them, as Connector/J's own {@code cacheResultSetMetadata} does; for
 * server-side statements, whose reader would unpack them anyway, this class skips them itself
 * ({@link #readKnownColumns}).
 *
 * <p>The direct path uses Connector/J's public protocol classes ({@code ServerPreparedQuery},
 * {@code ClientPreparedQuery}, {@code NativeSession}); if the statement is not one of them (another
 * driver behind {@code --db-url}), {@link #execute()} falls back to plain JDBC.
 */
public final class DriverStatement {
    /** {@link #execute()}: a result set (a read). */
    public static final int RESULT_SET = 0;
    /** {@link #execute()}: no result set and affected rows &gt; 0 (a write). */
    public static final int CHANGED = 1;
    /** {@link #execute()}: no result set and no affected rows (other). */
    static final int UNCHANGED = 2;

    /** COM_STMT_EXECUTE's parameter type bytes as Connector/J sends them for setInt and setString. */
    private static final byte INT_TYPE = (byte) MysqlType.FIELD_TYPE_LONG;
    private static final byte INT_FLAG = (byte) (MysqlType.INT.isAllowed(MysqlType.FIELD_FLAG_UNSIGNED)
            ? MysqlType.PARAM_FLAG_UNSIGNED : MysqlType.PARAM_FLAG_NONE);
    private static final byte STRING_TYPE = (byte) MysqlType.FIELD_TYPE_VAR_STRING;
    private static final byte STRING_FLAG = (byte) (MysqlType.VARCHAR.isAllowed(MysqlType.FIELD_FLAG_UNSIGNED)
            ? MysqlType.PARAM_FLAG_UNSIGNED : MysqlType.PARAM_FLAG_NONE);
    /** COM_STMT_EXECUTE: command, statement id (4), flags, iteration count (4). */
    private static final int EXECUTE_HEADER = 10;
    /** The characters virtbench writes itself as single bytes: ASCII, checked once per character encoding. */
    private static final String ASCII;

    static {
        char[] c = new char[0x80];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) i;
        }
        ASCII = new String(c);
    }

    private final PreparedStatement jdbc;
    private final NativeSession session;
    private final ExceptionInterceptor interceptor;
    private final ServerPreparedQuery server;
    private final ClientPreparedQuery client;
    private ColumnDefinition columns;
    /** Server-side statements: reads the binary rows of a result whose columns are known ({@link #readKnownColumns}). */
    private BinaryRowFactory binaryRows;
    /** Direct path: the parameters of the next execution (ints, or chars where non-null). */
    private final int[] ints;
    private final char[][] chars;
    /** Direct path: which parameters were ever bound (Connector/J refuses to execute with one unbound). */
    private final boolean[] bound;
    private int unbound;
    /**
     * Server-side statements: a parameter was bound since the last successful execution. Connector/J
     * then sends the parameter types again (every setter marks them as changed), else not.
     */
    private boolean rebound;
    /** Client-side statements: Connector/J's parts of the SQL text between the parameters. */
    private final byte[][] parts;
    /**
     * This statement's own request, rewritten in place per execution: COM_QUERY (client-side) or
     * COM_STMT_EXECUTE (server-side) — null where the driver builds every request.
     */
    private final NativePacketPayload packet;
    /** Where the per-execution part starts: the SQL text, or the new-params-bound byte. */
    private final int textStart;
    /**
     * Server-side statements: none of Connector/J's options that add to an execution (profiling,
     * metrics, slow-query log, cursor fetch, test-case generation) is on.
     */
    private final boolean plainExecute;
    /** The connection's character encoding, and whether it writes ASCII as ASCII. */
    private final RuntimeProperty<String> encoding;
    private boolean encodingChecked;
    private String checkedEncoding;
    private boolean asciiEncoding;
    private final byte[] digits = new byte[11];
    /** Rows of the last execution's result set, or its affected rows (direct path; for tests). */
    private long lastCount = -1;

    private DriverStatement(PreparedStatement jdbc, NativeSession session, ExceptionInterceptor interceptor,
                            ServerPreparedQuery server, ClientPreparedQuery client) {
        this.jdbc = jdbc;
        this.session = session;
        this.interceptor = interceptor;
        this.server = server;
        this.client = client;
        this.encoding = session == null ? null : session.getPropertySet().getStringProperty(PropertyKey.characterEncoding);
        int n;
        if (client != null) {
            parts = client.getQueryInfo().getStaticSqlParts();
            n = parts.length - 1;
            int size = 1;
            for (byte[] part : parts) {
                size += part.length;
            }
            packet = new NativePacketPayload(size + 64 + 256 * n);
            packet.getByteBuffer()[0] = (byte) NativeConstants.COM_QUERY;
            packet.setPosition(1);
            textStart = 1;
            packet.setTag("QUERY");
            plainExecute = false;
        } else if (server != null) {
            parts = null;
            n = server.getParameterCount();
            packet = new NativePacketPayload(EXECUTE_HEADER + (n + 7) / 8 + 1 + 2 * n + 256 * n + 64);
            packet.writeInteger(NativeConstants.IntegerDataType.INT1, NativeConstants.COM_STMT_EXECUTE);
            packet.writeInteger(NativeConstants.IntegerDataType.INT4, 0); // the statement id, per execution
            packet.writeInteger(NativeConstants.IntegerDataType.INT1, 0); // flags: no cursor
            packet.writeInteger(NativeConstants.IntegerDataType.INT4, 1); // iteration count
            for (int i = 0; i < (n + 7) / 8; i++) {
                packet.writeInteger(NativeConstants.IntegerDataType.INT1, 0); // null bitmap: no NULLs
            }
            textStart = packet.getPosition();
            PropertySet props = session.getPropertySet();
            plainExecute = server.getClass() == ServerPreparedQuery.class
                    && !props.getBooleanProperty(PropertyKey.profileSQL).getValue()
                    && !props.getBooleanProperty(PropertyKey.gatherPerfMetrics).getValue()
                    && !props.getBooleanProperty(PropertyKey.logSlowQueries).getValue()
                    && !props.getBooleanProperty(PropertyKey.useCursorFetch).getValue();
        } else {
            parts = null;
            n = 0;
            packet = null;
            textStart = 0;
            plainExecute = false;
        }
        ints = new int[n];
        chars = new char[n][];
        bound = new boolean[n];
        unbound = n;
    }

    /** {@code sql} prepared on {@code con} (the driver's own connection, not a pool's proxy). */
    /**
     * System property: true = plain JDBC (Connector/J's public API, a {@code ResultSet} per
     * result) even where the direct path runs; the direct path uses the driver's internal
     * protocol classes, which a driver upgrade may change, so both are tested.
     */
    public static final String JDBC_PROPERTY = "virtbench.oltp.jdbc";

    public static DriverStatement prepare(Connection con, String sql) throws SQLException {
        PreparedStatement p = con.prepareStatement(sql);
        NativeSession session = Boolean.getBoolean(JDBC_PROPERTY) ? null : session(con);
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
    public void setInt(int index, int value) throws SQLException {
        if (packet != null) {
            ints[index - 1] = value;
            chars[index - 1] = null;
            bind(index - 1);
        } else {
            jdbc.setInt(index, value);
        }
    }

    /**
     * Binds parameter {@code index} (1-based) to the string in {@code value}, as
     * {@link PreparedStatement#setString}. The array is read when the statement is executed, not
     * copied: the caller keeps it unchanged until then.
     */
    public void setChars(int index, char[] value) throws SQLException {
        if (packet != null) {
            chars[index - 1] = value;
            bind(index - 1);
        } else {
            jdbc.setString(index, String.valueOf(value));
        }
    }

    private void bind(int i) {
        if (!bound[i]) {
            bound[i] = true;
            unbound--;
        }
        rebound = true;
    }

    /** Whether the direct path (no JDBC result set) is in use. */
    public boolean direct() {
        return session != null;
    }

    /** Executes the statement and reads its whole result: {@link #RESULT_SET}, {@link #CHANGED} or {@link #UNCHANGED}. */
    public int execute() throws SQLException {
        if (session == null) {
            return executeJdbc();
        }
        DriverOutcome o;
        try {
            if (server != null) {
                count(server.getQueryBindings());
                if (fillExecute()) {
                    // what serverExecute does after building its packet (no interceptors, profiling or
                    // slow-query log here: fillExecute checked), with this statement's packet
                    NativePacketPayload first = server.sendExecutePacket(packet, "");
                    o = columns == null ? server.readExecuteResult(first, -1, false, columns, DriverOutcome.OUTCOMES, "") : readKnownColumns(first);
                } else {
                    bindDriver();
                    o = server.serverExecute(-1, false, columns, DriverOutcome.OUTCOMES);
                }
                rebound = false;
            } else {
                QueryBindings b = client.getQueryBindings();
                count(b);
                NativePacketPayload p = fillText() ? packet : viaDriver(b);
                o = session.execSQL(client, null, -1, p, false, DriverOutcome.OUTCOMES, columns, false);
            }
        } catch (CJException e) {
            throw SQLExceptionsMapping.translateException(e, interceptor);
        }
        lastCount = o.getUpdateCount();
        if (o.hasRows()) {
            if (columns == null) {
                columns = o.getColumnDefinition();
            }
            return RESULT_SET;
        }
        return o.getUpdateCount() > 0 ? CHANGED : UNCHANGED;
    }

    /**
     * readExecuteResult for a statement whose result columns are known from its first execution.
     * Connector/J's binary-protocol reader unpacks every column definition of every result again
     * (to merge it with the prepared statement's: MergingColumnDefinitionFactory ignores the
     * columns it is given), which was the largest Java-side cost of a point select in {@code auto}
     * mode (unpackField, charset and type lookups). This reads (skips) those packets, as the driver's
     * text-protocol reader does with known columns, then the rows with the driver's own row reader,
     * as readAllResults → BinaryResultsetReader would (a result with no rows included). A reply
     * without a result set, with another column count, or with EOF packets goes to
     * readExecuteResult unchanged; more results after the rows (impossible for one SELECT) are an
     * error.
     */
    private DriverOutcome readKnownColumns(NativePacketPayload first) {
        NativeProtocol protocol = session.getProtocol();
        try {
            first.setPosition(0);
            long n = first.readInteger(NativeConstants.IntegerDataType.INT_LENENC);
            if (n <= 0 || n != columns.getFields().length || !protocol.getServerSession().isEOFDeprecated()) {
                return server.readExecuteResult(first, -1, false, columns, DriverOutcome.OUTCOMES, "");
            }
            for (long i = 0; i < n; i++) {
                protocol.skipPacket();
            }
            if (binaryRows == null) {
                binaryRows = new BinaryRowFactory(protocol, columns, Resultset.Concurrency.READ_ONLY, false);
            }
            ArrayList<ResultsetRow> rows = new ArrayList<>();
            for (ResultsetRow row = protocol.read(ResultsetRow.class, binaryRows); row != null;
                    row = protocol.read(ResultsetRow.class, binaryRows)) {
                rows.add(row);
            }
            if (protocol.getServerSession().hasMoreResults()) {
                // a single SELECT has one result; a server that says otherwise left the connection unusable here
                throw ExceptionFactory.createException("more results after a single SELECT's rows", interceptor);
            }
            server.getQueryBindings().getSendTypesToServer().set(false);
            if (session.hadWarnings()) {
                protocol.scanForAndThrowDataTruncation();
            }
            return new DriverOutcome(new ResultsetRowsStatic(rows, columns));
        } catch (IOException e) {
            throw ExceptionFactory.createCommunicationsException(session.getPropertySet(), session.getServerSession(),
                    protocol.getPacketSentTimeHolder(), protocol.getPacketReceivedTimeHolder(), e, interceptor);
        }
    }

    /**
     * Writes the COM_STMT_EXECUTE packet into this statement's own packet, byte for byte what
     * Connector/J's {@code NativeMessageBuilder.buildComStmtExecute} writes for values bound with
     * setInt / setString: statement id, no flags, one iteration, an all-zero null bitmap, the
     * new-params-bound byte (1, then each parameter's type and flag byte, when a parameter was
     * bound since the last execution — Connector/J re-sends the types after every setter — else
     * 0), then the values (integers as 4 bytes little-endian, strings length-encoded). False
     * (nothing written) where Connector/J would send more or other bytes or do more around the
     * execution: a server with query attributes (MySQL 8.0.23+: a parameter count, names and
     * attributes), query interceptors, profiling / metrics / slow-query log / cursor fetch /
     * test-case generation, query attributes set, long data, a parameter never bound (the driver
     * reports it), a string that is not ASCII or a character encoding that does not write ASCII
     * as ASCII.
     */
    private boolean fillExecute() {
        if (!plainExecute || unbound != 0 || session.getServerSession().supportsQueryAttributes() || session.shouldIntercept()
                || server.getQueryAttributesBindings().getCount() > 0 || server.getQueryBindings().isLongParameterSwitchDetected()
                || !asciiEncoding()) {
            return false;
        }
        int n = ints.length;
        for (int i = 0; i < n; i++) {
            char[] c = chars[i];
            if (c != null && !ascii(c)) {
                return false;
            }
        }
        NativePacketPayload p = packet;
        long id = server.getServerStatementId();
        byte[] b = p.getByteBuffer();
        b[1] = (byte) id;
        b[2] = (byte) (id >>> 8);
        b[3] = (byte) (id >>> 16);
        b[4] = (byte) (id >>> 24);
        p.setPosition(textStart);
        if (n == 0) {
            return true;
        }
        if (rebound) {
            p.ensureCapacity(1 + 2 * n);
            b = p.getByteBuffer();
            int pos = p.getPosition();
            b[pos++] = 1;
            for (int i = 0; i < n; i++) {
                boolean isInt = chars[i] == null;
                b[pos++] = isInt ? INT_TYPE : STRING_TYPE;
                b[pos++] = isInt ? INT_FLAG : STRING_FLAG;
            }
            p.setPosition(pos);
        } else {
            p.writeInteger(NativeConstants.IntegerDataType.INT1, 0);
        }
        for (int i = 0; i < n; i++) {
            char[] c = chars[i];
            if (c == null) {
                p.writeInteger(NativeConstants.IntegerDataType.INT4, ints[i]);
            } else {
                p.writeInteger(NativeConstants.IntegerDataType.INT_LENENC, c.length);
                p.ensureCapacity(c.length);
                b = p.getByteBuffer();
                int pos = p.getPosition();
                for (char ch : c) {
                    b[pos++] = (byte) ch;
                }
                p.setPosition(pos);
            }
        }
        return true;
    }

    /** ASCII only (the binary protocol sends strings unescaped, in the connection's encoding). */
    private static boolean ascii(char[] c) {
        for (char ch : c) {
            if (ch >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether the connection's character encoding writes ASCII as the same bytes (checked once per encoding). */
    private boolean asciiEncoding() {
        String e = encoding.getValue();
        if (!encodingChecked || e != checkedEncoding) {
            boolean same;
            try {
                same = Arrays.equals(StringUtils.getBytes(ASCII, e), ASCII.getBytes(StandardCharsets.US_ASCII));
            } catch (RuntimeException unknown) {
                same = false;
            }
            asciiEncoding = same;
            checkedEncoding = e;
            encodingChecked = true;
        }
        return asciiEncoding;
    }

    /** The values bound with Connector/J's setters, for its own packet. */
    private void bindDriver() throws SQLException {
        for (int i = 0; i < ints.length; i++) {
            if (!bound[i]) {
                continue; // the driver reports the unbound parameter
            }
            if (chars[i] == null) {
                jdbc.setInt(i + 1, ints[i]);
            } else {
                jdbc.setString(i + 1, String.valueOf(chars[i]));
            }
        }
    }

    /**
     * Writes the COM_QUERY text into this statement's own packet, byte for byte what Connector/J's
     * {@code NativeMessageBuilder.buildComQuery} writes (its static SQL parts; integers in decimal;
     * strings in single quotes), without its per-execution work (value encoders, property
     * look-ups, a tag map entry, a string per value). False (nothing written) where Connector/J
     * would write more or other bytes: a server with query attributes (MySQL 8.0.23+: an attribute
     * block before the text), a statement comment, a string that needs escaping or is not ASCII, a
     * character encoding that does not write ASCII as ASCII, or a parameter never bound
     * (the driver reports it).
     */
    private boolean fillText() {
        if (unbound != 0 || session.getServerSession().supportsQueryAttributes() || session.getQueryComment() != null
                || !asciiEncoding()) {
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

    /** Client-side statements: Connector/J's own packet, the parameters bound with its setters. */
    private NativePacketPayload viaDriver(QueryBindings b) throws SQLException {
        bindDriver();
        return client.fillSendPacket(b);
    }

    /** For tests: the request virtbench writes for the bound values, or null where Connector/J's is used. */
    byte[] ownRequest() {
        boolean own = server != null ? fillExecute() : fillText();
        return own ? Arrays.copyOf(packet.getByteBuffer(), packet.getPosition()) : null;
    }

    /** For tests: the request Connector/J writes for the bound values (bound with its setters first). */
    byte[] driversRequest() throws SQLException {
        NativePacketPayload p;
        if (server != null) {
            bindDriver();
            p = server.prepareExecutePacket();
        } else {
            p = viaDriver(client.getQueryBindings());
        }
        return Arrays.copyOf(p.getByteBuffer(), p.getPosition());
    }

    /** For tests: the COM_STMT_EXECUTE Connector/J writes now, without binding anything (its bindings as they are). */
    byte[] driversExecuteAsBound() {
        NativePacketPayload p = server.prepareExecutePacket();
        return Arrays.copyOf(p.getByteBuffer(), p.getPosition());
    }

    /** For tests: rows of the last result set, or affected rows, of the last {@link #execute()} on the direct path. */
    long lastCount() {
        return lastCount;
    }

    /** For tests: whether this is a server-side prepared statement. */
    boolean serverSide() {
        return server != null;
    }

    /** For tests: executes with plain JDBC (Connector/J's whole path, its own bindings as they are). */
    int executeByDriver() throws SQLException {
        int r = executeJdbc();
        rebound = false;
        return r;
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

    public void close() throws SQLException {
        if (jdbc != null) {
            jdbc.close();
        }
    }
}
