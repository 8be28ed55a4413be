package io.virtbench.http.server;

import io.virtbench.core.Limits;
import io.virtbench.core.Secrets;
import io.virtbench.core.UserException;
import io.virtbench.http.transport.Transport;

/**
 * Options of {@code virtbench http serve}, the target server for guests.
 *
 * @param bind          address to listen on (only this one; default 127.0.0.1, loopback only)
 * @param port          TCP port, 0 = any free port
 * @param threads       event-loop threads, 0 = one per core
 * @param pageSize      bytes of the static page at {@code /} (default 1021, the study's page)
 * @param maxHeaderSize most bytes of request line and headers (414 or 431 beyond)
 * @param maxBodySize   most bytes of a request body (413 beyond)
 * @param idleTimeout   seconds a connection may stay idle before the server closes it, 0 = never
 * @param cpuMax        largest {@code n} accepted by {@code /cpu?n=N}
 * @param dbUrl         JDBC URL of a MySQL/MariaDB holding sysbench's sbtest1 table, or null (no {@code /db})
 * @param dbUser        database user
 * @param dbPassword    database password
 * @param dbTableSize   rows of sbtest1: {@code /db} reads a random id in 1..this
 * @param dbPoolSize    connections in the pool (and threads running the queries)
 */
public record ServeOptions(String bind, int port, int threads, int pageSize, int maxHeaderSize, int maxBodySize,
                           double idleTimeout, int cpuMax, String dbUrl, String dbUser, String dbPassword,
                           int dbTableSize, int dbPoolSize) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** The size of the page the study's server returned. */
    public static final int DEFAULT_PAGE_SIZE = 1021;
    public static final int DEFAULT_MAX_HEADER_SIZE = 8192;
    public static final int DEFAULT_MAX_BODY_SIZE = 1 << 20;
    public static final double DEFAULT_IDLE_TIMEOUT = 60;
    /** The default cap on {@code /cpu?n=N}: about 0.2 s of one core's time per request. */
    public static final int DEFAULT_CPU_MAX = 1_000_000;
    /** The highest cap {@code --cpu-max} takes: about 6 s of one core's time per request. */
    public static final int MAX_CPU_MAX = 10_000_000;
    public static final int DEFAULT_CPU_N = 10000;
    public static final String DEFAULT_DB_USER = "sbtest";
    public static final String DEFAULT_DB_PASSWORD = "";
    /** sysbench's default --table-size. */
    public static final int DEFAULT_DB_TABLE_SIZE = 10000;
    public static final int DEFAULT_DB_POOL_SIZE = 16;
    public static final int MAX_PAGE_SIZE = 64 << 20;

    public ServeOptions {
        if (bind == null || bind.isBlank()) {
            throw UserException.usage("invalid value for --bind: an address is required");
        }
        if (port < 0 || port > 65535) {
            throw UserException.usage("invalid value for --port: " + port + " (must be 0..65535)");
        }
        if (threads < 0 || threads > Transport.MAX_THREADS) {
            throw UserException.usage("invalid value for --threads: " + threads + " (must be 0.." + Transport.MAX_THREADS + ")");
        }
        if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
            throw UserException.usage("invalid value for --page-size: " + pageSize + " (must be 0.." + MAX_PAGE_SIZE + ")");
        }
        if (maxHeaderSize < 256 || maxHeaderSize > 1 << 20) {
            throw UserException.usage("invalid value for --max-header-size: " + maxHeaderSize + " (must be 256..1048576)");
        }
        if (maxBodySize < 0) {
            throw UserException.usage("invalid value for --max-body-size: " + maxBodySize + " (must be >= 0)");
        }
        Limits.seconds("--idle-timeout", idleTimeout);
        if (cpuMax < 1 || cpuMax > MAX_CPU_MAX) {
            throw UserException.usage("invalid value for --cpu-max: " + cpuMax + " (must be 1.." + MAX_CPU_MAX + ")");
        }
        if (dbUrl != null && !dbUrl.startsWith("jdbc:")) {
            throw UserException.usage("invalid value for --db-url: '" + Secrets.maskUrl(dbUrl) + "' (expected jdbc:mysql://host:port/db)");
        }
        if (dbTableSize < 1) {
            throw UserException.usage("invalid value for --db-table-size: " + dbTableSize + " (must be >= 1)");
        }
        if (dbPoolSize < 1 || dbPoolSize > 1000) {
            throw UserException.usage("invalid value for --db-pool-size: " + dbPoolSize + " (must be 1..1000)");
        }
    }

    /** Loopback, a free port, the defaults for everything else. */
    public static ServeOptions loopback() {
        return new ServeOptions(DEFAULT_BIND, 0, 0, DEFAULT_PAGE_SIZE, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_BODY_SIZE,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_CPU_MAX, null, DEFAULT_DB_USER, DEFAULT_DB_PASSWORD, DEFAULT_DB_TABLE_SIZE,
                DEFAULT_DB_POOL_SIZE);
    }

    public ServeOptions withPort(int p) {
        return new ServeOptions(bind, p, threads, pageSize, maxHeaderSize, maxBodySize, idleTimeout, cpuMax, dbUrl, dbUser,
                dbPassword, dbTableSize, dbPoolSize);
    }

    public ServeOptions withThreads(int t) {
        return new ServeOptions(bind, port, t, pageSize, maxHeaderSize, maxBodySize, idleTimeout, cpuMax, dbUrl, dbUser,
                dbPassword, dbTableSize, dbPoolSize);
    }

    public ServeOptions withPageSize(int s) {
        return new ServeOptions(bind, port, threads, s, maxHeaderSize, maxBodySize, idleTimeout, cpuMax, dbUrl, dbUser,
                dbPassword, dbTableSize, dbPoolSize);
    }

    public ServeOptions withLimits(int header, int body) {
        return new ServeOptions(bind, port, threads, pageSize, header, body, idleTimeout, cpuMax, dbUrl, dbUser,
                dbPassword, dbTableSize, dbPoolSize);
    }

    public ServeOptions withDb(String url, String user, String password, int tableSize, int poolSize) {
        return new ServeOptions(bind, port, threads, pageSize, maxHeaderSize, maxBodySize, idleTimeout, cpuMax, url, user,
                password, tableSize, poolSize);
    }

    public ServeOptions withCpuMax(int n) {
        return new ServeOptions(bind, port, threads, pageSize, maxHeaderSize, maxBodySize, idleTimeout, n, dbUrl, dbUser,
                dbPassword, dbTableSize, dbPoolSize);
    }

    public ServeOptions withIdleTimeout(double s) {
        return new ServeOptions(bind, port, threads, pageSize, maxHeaderSize, maxBodySize, s, cpuMax, dbUrl, dbUser,
                dbPassword, dbTableSize, dbPoolSize);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
