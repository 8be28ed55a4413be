package io.virtbench.serve;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import io.virtbench.net.Warmup;
import io.virtbench.net.latency.LatencyServer;
import io.virtbench.net.server.IperfServer;
import io.virtbench.net.server.ServerOptions;
import io.virtbench.oltp.db.LocalMariaDb;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code virtbench serve}: the servers the study ran in the guest, for a client on another machine
 * ({@code virtbench suite --target GUEST}): the iperf3-compatible network server (one test at a
 * time, any number of tests in turn), the HTTP target, optionally the sockperf-compatible latency
 * server ({@code --latency-port}) and a throwaway MariaDB the
 * client's OLTP steps prepare, measure and clean up. Every listener binds to the one address
 * given, never to every address. It runs no commands of the client's choosing. Stops, all
 * services cleanly, when {@code stop} is raised (Ctrl-C).
 */
public final class Serve {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_NET_PORT = 5201;
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_DB_PORT = 3306;
    public static final String DEFAULT_DB = "sbtest";
    public static final String DEFAULT_DB_USER = "sbtest";

    /**
     * @param bind        the only address every service listens on
     * @param netPort     the network server's port (0 = any free port)
     * @param httpPort    the HTTP target's port (0 = any free port)
     * @param dbPort      the embedded MariaDB's port (0 = any free port on {@code bind})
     * @param embeddedDb  start a throwaway MariaDB for the client's OLTP steps (empty until they prepare it)
     * @param dbUrl       an existing database for the HTTP target's /db (not with {@code embeddedDb}), or null
     * @param dbUser      the database user the OLTP client logs in as (created in the embedded database)
     * @param dbPassword  its password (never printed)
     * @param netWarmup   warm the network server's JIT up on loopback before serving
     * @param latencyPort the sockperf-compatible latency server's port (UDP and TCP; 0 = any free port),
     *                    or {@link #LATENCY_OFF}
     */
    public record Options(String bind, int netPort, int httpPort, int dbPort, boolean embeddedDb, String dbUrl,
                          String dbUser, String dbPassword, boolean netWarmup, int latencyPort) {
        /** {@code --latency-port} not given: no latency server. */
        public static final int LATENCY_OFF = -1;

        /** Without the latency server. */
        public Options(String bind, int netPort, int httpPort, int dbPort, boolean embeddedDb, String dbUrl,
                       String dbUser, String dbPassword, boolean netWarmup) {
            this(bind, netPort, httpPort, dbPort, embeddedDb, dbUrl, dbUser, dbPassword, netWarmup, LATENCY_OFF);
        }

        public Options {
            if (latencyPort < LATENCY_OFF || latencyPort > 65535) {
                throw UserException.usage("invalid value for --latency-port: " + latencyPort + " (must be 0..65535)");
            }
            if (bind == null || bind.isBlank()) {
                throw UserException.usage("invalid value for --bind: an address is required");
            }
            for (Object[] p : new Object[][] {{"--net-port", netPort}, {"--http-port", httpPort}, {"--db-port", dbPort}}) {
                int v = (Integer) p[1];
                if (v < 0 || v > 65535) {
                    throw UserException.usage("invalid value for " + p[0] + ": " + v + " (must be 0..65535)");
                }
            }
            if (embeddedDb && dbUrl != null) {
                throw UserException.usage("--embedded-db starts its own database: leave out --db-url");
            }
            if (dbUser == null || dbUser.isBlank()) {
                throw UserException.usage("invalid value for --db-user: a user name is required");
            }
            if (embeddedDb && dbUser.equals("root")) {
                throw UserException.usage("invalid value for --db-user: root (the --embedded-db's root is not reachable over "
                        + "the network; the client logs in as a user with rights on database sbtest only)");
            }
            if (dbPassword == null) {
                dbPassword = "";
            }
        }
    }

    private Serve() {
    }

    /** Starts every service, prints one line per service when it is ready, serves until {@code stop}. */
    public static int run(Options o, PrintStream out, PrintStream err, StopSignal stop) throws Exception {
        InetAddress address = resolve(o.bind());
        if (address.isAnyLocalAddress()) {
            err.println("virtbench serve: warning: " + o.bind() + " listens on every address of this machine");
        }
        List<AutoCloseable> running = new ArrayList<>();
        try {
            // the network server and the HTTP target listen at once (the network server warms up behind its
            // open port); the throwaway database, which takes seconds to initialise, comes last
            ServerOptions netOptions = ServerOptions.defaults().withPort(o.netPort()).withBind(o.bind());
            IperfServer net = o.netWarmup() ? IperfServer.startWarmingUp(netOptions, out, err, Warmup::ensure)
                    : IperfServer.start(netOptions, out, err);
            running.add(net);
            out.printf(Locale.ROOT, "virtbench serve: network server (iperf3) ready on %s:%d (client: net client %s -p %d)%n",
                    o.bind(), net.port(), o.bind(), net.port());
            out.flush();
            if (o.latencyPort() != Options.LATENCY_OFF) {
                LatencyServer latency = LatencyServer.start(o.bind(), o.latencyPort());
                running.add(latency);
                out.printf(Locale.ROOT, "virtbench serve: latency server (sockperf) ready on %s:%d, UDP and TCP "
                        + "(client: net latency -i %s -p %d [--tcp])%n", o.bind(), latency.port(), o.bind(), latency.port());
                out.flush();
            }
            // /db reads sbtest1, which the client's OLTP steps create later: only an existing --db-url enables it
            String dbUrl = o.dbUrl();
            HttpServer http = HttpServer.start(new ServeOptions(o.bind(), o.httpPort(), 0, ServeOptions.DEFAULT_PAGE_SIZE,
                    ServeOptions.DEFAULT_MAX_HEADER_SIZE, ServeOptions.DEFAULT_MAX_BODY_SIZE, ServeOptions.DEFAULT_IDLE_TIMEOUT,
                    ServeOptions.DEFAULT_CPU_MAX, dbUrl, o.dbUser(), o.dbPassword(), ServeOptions.DEFAULT_DB_TABLE_SIZE,
                    ServeOptions.DEFAULT_DB_POOL_SIZE));
            running.add(http);
            out.printf(Locale.ROOT, "virtbench serve: HTTP target ready on %s (/, /cpu?n=N%s)%n", http.url("/"),
                    dbUrl == null ? "" : ", /db");
            out.flush();
            if (o.embeddedDb() && !stop.requested()) {
                int port = o.dbPort() == 0 ? freePort(address) : o.dbPort();
                LocalMariaDb db = LocalMariaDb.startOn(LocalMariaDb.find(), err, o.bind(), port, DEFAULT_DB, o.dbUser(),
                        o.dbPassword());
                running.add(db);
                out.printf(Locale.ROOT, "virtbench serve: MariaDB ready on %s:%d: database %s, user %s, password %s "
                                + "(client: oltp --mysql-host %s --mysql-port %d)%n", o.bind(), port, DEFAULT_DB, o.dbUser(),
                        o.dbPassword().isEmpty() ? "empty" : "as given (not shown)", o.bind(), port);
                out.flush();
            }
            out.println("virtbench serve: all services ready; Ctrl-C stops them");
            out.flush();
            http.awaitStop(stop);
            return stop.requested() ? 0 : UserException.FAILURE;
        } finally {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    err.println("virtbench serve: " + e.getMessage());
                }
            }
            if (!running.isEmpty()) {
                out.println("virtbench serve: stopped");
                out.flush();
            }
        }
    }

    private static InetAddress resolve(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw UserException.usage("invalid value for --bind: unknown address '" + bind + "'");
        }
    }

    private static int freePort(InetAddress address) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, address)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new UserException("cannot listen on " + address.getHostAddress() + ": " + e.getMessage(), e);
        }
    }
}
