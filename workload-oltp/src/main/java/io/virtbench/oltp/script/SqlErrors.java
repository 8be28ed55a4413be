package io.virtbench.oltp.script;

import java.sql.SQLException;
import java.util.Set;

/**
 * What a failed statement means, as sysbench's MySQL driver decides (drv_mysql.c check_error):
 * an error listed in {@code --mysql-ignore-errors} restarts the transaction and counts as an
 * ignored error; a lost connection reconnects and counts as a reconnect; anything else is fatal.
 */
public final class SqlErrors {
    private SqlErrors() {
    }

    public enum Kind {
        /** Listed in --mysql-ignore-errors: count it, re-run the whole transaction. */
        IGNORED,
        /** The connection is gone: reconnect, count it, re-run the whole transaction. */
        LOST_CONNECTION,
        /** Ends the run. */
        FATAL
    }

    /** Server errors that mean the connection is closed (MariaDB: killed, server shutdown). */
    private static final Set<Integer> CONNECTION_ERRORS = Set.of(
            1053, // ER_SERVER_SHUTDOWN
            1927, // ER_CONNECTION_KILLED (MariaDB)
            2006, 2011, 2013, 2055, // libmysqlclient's CR_SERVER_GONE_ERROR, CR_TCP_CONNECTION, CR_SERVER_LOST(_EXTENDED)
            4031); // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)

    /**
     * @param ignored the --mysql-ignore-errors numbers; null means "all"
     */
    public static Kind classify(SQLException e, Set<Integer> ignored) {
        if (lostConnection(e)) {
            return Kind.LOST_CONNECTION;
        }
        if (ignored == null || ignored.contains(e.getErrorCode())) {
            return Kind.IGNORED;
        }
        return Kind.FATAL;
    }

    /** A communications failure (SQLState class 08) or a server error that closed the connection. */
    public static boolean lostConnection(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && state.startsWith("08")) {
                    return true;
                }
                if (CONNECTION_ERRORS.contains(s.getErrorCode())) {
                    return true;
                }
            }
            if (t.getClass().getName().equals("com.mysql.cj.jdbc.exceptions.CommunicationsException")) {
                return true;
            }
        }
        return false;
    }

    /** One line: "error 1213 (Deadlock found ...)". */
    public static String describe(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl).strip();
        }
        return "error " + e.getErrorCode() + " (" + m + ")";
    }
}
