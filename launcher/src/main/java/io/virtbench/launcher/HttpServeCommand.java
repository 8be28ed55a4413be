package io.virtbench.launcher;

import io.virtbench.http.server.HttpServe;
import io.virtbench.http.server.ServeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The target server to run in a guest: HTTP/1.1 on Netty with / (a static page),",
                "/cpu?n=N (CPU-bound) and, with --db-url, /db (one sbtest1 row through HikariCP)."})
final class HttpServeCommand implements Callable<Integer> {
    private final Streams streams;

    HttpServeCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServeOptions.DEFAULT_BIND,
            description = "address to listen on, and only this one (0.0.0.0 = every IPv4 address)")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServeOptions.DEFAULT_PORT,
            description = "TCP port (0 = any free port)")
    int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "event-loop threads, 0 = one per core")
    int threads;

    @Option(names = "--page-size", paramLabel = "BYTES", defaultValue = "" + ServeOptions.DEFAULT_PAGE_SIZE,
            description = "size of the static page at / (the study's server returned 1021 bytes)")
    int pageSize;

    @Option(names = "--max-header-size", paramLabel = "BYTES", defaultValue = "" + ServeOptions.DEFAULT_MAX_HEADER_SIZE,
            description = "largest request line + headers (414 / 431 beyond)")
    int maxHeaderSize;

    @Option(names = "--max-body-size", paramLabel = "BYTES", defaultValue = "" + ServeOptions.DEFAULT_MAX_BODY_SIZE,
            description = "largest request body (413 beyond)")
    int maxBodySize;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "close connections idle for this long, 0 = never")
    double idleTimeout;

    @Option(names = "--cpu-max", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_CPU_MAX,
            description = "largest n accepted by /cpu?n=N (1.." + ServeOptions.MAX_CPU_MAX + "; larger n is answered 400)")
    int cpuMax;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "enables /db: a MySQL/MariaDB with sysbench's sbtest1, e.g. jdbc:mysql://127.0.0.1:3306/sbtest")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = ServeOptions.DEFAULT_DB_USER, description = "database user")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = ServeOptions.DEFAULT_DB_PASSWORD,
            description = "database password")
    String dbPassword;

    @Option(names = "--db-table-size", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_DB_TABLE_SIZE,
            description = "rows in sbtest1 (/db reads a random id 1..N)")
    int dbTableSize;

    @Option(names = "--db-pool-size", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_DB_POOL_SIZE,
            description = "database connections (and threads running the queries)")
    int dbPoolSize;

    @Override
    public Integer call() throws Exception {
        ServeOptions o = new ServeOptions(bind, port, threads, pageSize, maxHeaderSize, maxBodySize, idleTimeout, cpuMax,
                dbUrl, dbUser, dbPassword, dbTableSize, dbPoolSize);
        return HttpServe.run(o, streams.out(), streams.stop());
    }
}
