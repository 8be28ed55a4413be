package io.virtbench.oltp.db;

import io.virtbench.core.Secrets;
import io.virtbench.core.UserException;
import io.virtbench.oltp.driver.BlockingSocketFactory;
import java.util.Properties;

/**
 * Where the database is and how to log in: either {@code --db-url} (a Connector/J
 * {@code jdbc:mysql://} URL) or sysbench's {@code --mysql-host/--mysql-port/--mysql-user/
 * --mysql-password/--mysql-db}. The password is passed to the driver as a property, never put in a
 * URL, and {@link #toString()}, {@link #describe()} and {@link #masked(String)} never show it.
 *
 * @param url      {@code --db-url}, or null to build one from host and port
 * @param host     {@code --mysql-host} (sysbench default localhost; virtbench always uses TCP)
 * @param port     {@code --mysql-port} (3306)
 * @param user     {@code --mysql-user} (sbtest)
 * @param password {@code --mysql-password} (empty)
 * @param db       {@code --mysql-db} (sbtest)
 * @param ssl      {@code --mysql-ssl} (off)
 */
public record DbTarget(String url, String host, int port, String user, String password, String db, boolean ssl) {
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 3306;
    public static final String DEFAULT_USER = "sbtest";
    public static final String DEFAULT_PASSWORD = "";
    public static final String DEFAULT_DB = "sbtest";
    /** What replaces a password wherever one would be shown. */
    public static final String MASK = Secrets.MASK;

    public DbTarget {
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null && !url.startsWith("jdbc:mysql:")) {
            throw UserException.usage("invalid value for --db-url: '" + maskUrl(url) + "' (expected jdbc:mysql://HOST:PORT/DB)");
        }
        if (url == null && (host == null || host.isBlank())) {
            throw UserException.usage("invalid value for --mysql-host: empty");
        }
        if (port < 1 || port > 65535) {
            throw UserException.usage("invalid value for --mysql-port: " + port + " (must be 1..65535)");
        }
        if (user == null) {
            user = DEFAULT_USER;
        }
        if (password == null) {
            password = DEFAULT_PASSWORD;
        }
        if (db == null) {
            db = DEFAULT_DB;
        }
    }

    public static DbTarget of(String host, int port, String user, String password, String db) {
        return new DbTarget(null, host, port, user, password, db, false);
    }

    /** A copy pointing at {@code host:port}, keeping user, password and database. */
    public DbTarget at(String h, int p) {
        return new DbTarget(null, h, p, user, password, db, ssl);
    }

    public DbTarget withUser(String u, String pw) {
        return new DbTarget(url, host, port, u, pw, db, ssl);
    }

    /**
     * The Connector/J URL. Options chosen to send what sysbench's libmysqlclient sends and no more:
     * server-side prepared statements only with {@code --db-ps-mode=auto}, no client cache of
     * them, no TLS unless {@code --mysql-ssl=on}, session state tracked locally (no extra
     * round trips), no per-query timing inside the driver.
     */
    public String jdbcUrl(PsMode mode) {
        String base = url != null ? url : "jdbc:mysql://" + bracket(host) + ":" + port + "/" + db;
        StringBuilder b = new StringBuilder(base);
        char sep = base.indexOf('?') >= 0 ? '&' : '?';
        String[] opts = {
                "useServerPrepStmts=" + (mode == PsMode.AUTO),
                "cachePrepStmts=false",
                "sslMode=" + (ssl ? "REQUIRED" : "DISABLED"),
                "allowPublicKeyRetrieval=true",
                "useLocalSessionState=true",
                "elideSetAutoCommits=true",
                "maintainTimeStats=false",
                "dontTrackOpenResources=true",
                "cacheResultSetMetadata=true",
                "connectTimeout=10000",
                "tcpKeepAlive=true",
                // affected rows = changed rows, as libmysqlclient without CLIENT_FOUND_ROWS (sysbench)
                "useAffectedRows=true",
                // one read(2) per reply: BufferedInputStream (no available() call per packet, as
                // the default read-ahead stream makes) over a blocking socket (no EAGAIN + poll)
                "useReadAheadInput=false",
                "useUnbufferedInput=false",
                "socketFactory=" + BlockingSocketFactory.class.getName(),
        };
        for (String o : opts) {
            String key = o.substring(0, o.indexOf('='));
            if (base.contains(key + "=")) {
                continue; // the user's own URL wins
            }
            b.append(sep).append(o);
            sep = '&';
        }
        return b.toString();
    }

    private static String bracket(String h) {
        return h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    /** Driver properties: user and password (kept out of the URL). */
    public Properties properties() {
        Properties p = new Properties();
        if (url == null || !url.toLowerCase(java.util.Locale.ROOT).contains("user=")) {
            p.setProperty("user", user);
        }
        if (url == null || !url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** For messages: "host 127.0.0.1, port 3306, user 'sbtest', database 'sbtest'" (no password). */
    public String describe() {
        if (url != null) {
            return maskUrl(url) + " as user '" + user + "'";
        }
        return "host " + host + ", port " + port + ", user '" + user + "', database '" + db + "'";
    }

    /** {@code text} with the password of any JDBC URL in it replaced by {@link #MASK}. */
    public static String maskUrl(String text) {
        return Secrets.maskUrl(text);
    }

    /** {@code text} with any password of a JDBC URL or of this target replaced by {@link #MASK}. */
    public String masked(String text) {
        if (text == null) {
            return null;
        }
        return Secrets.mask(text, password);
    }

    @Override
    public String toString() {
        return "DbTarget[" + describe() + ", password " + (password.isEmpty() ? "empty" : MASK) + "]";
    }
}
