package io.virtbench.http.server;

import io.virtbench.core.harness.StopSignal;
import io.virtbench.http.transport.Transport;
import java.io.PrintStream;

/** {@code virtbench http serve}: runs {@link HttpServer} until Ctrl-C or SIGTERM. */
public final class HttpServe {
    private HttpServe() {
    }

    /** Serves until {@code stop}; prints where it listens and, at the end, what it served. */
    public static int run(ServeOptions o, PrintStream out, StopSignal stop) throws InterruptedException {
        Transport.benchmarkMode();
        try (HttpServer server = HttpServer.start(o)) {
            out.println("virtbench http serve: listening on " + server.url("/") + " (Netty " + Transport.name() + ", "
                    + o.effectiveThreads() + " event-loop thread" + (o.effectiveThreads() == 1 ? "" : "s") + ")");
            out.println("  /           static page of " + o.pageSize() + " bytes");
            out.println("  /cpu?n=N    primes below N counted as one sysbench cpu event (default n=" + ServeOptions.DEFAULT_CPU_N
                    + ", at most " + o.cpuMax() + ")");
            out.println("  /db         " + (o.dbUrl() == null ? "off (give --db-url)"
                    : "SELECT c FROM sbtest1 WHERE id=? (random id 1.." + o.dbTableSize() + ") via HikariCP, pool of "
                    + o.dbPoolSize()));
            out.println("Press Ctrl-C to stop.");
            out.flush();
            server.awaitStop(stop);
            HttpServer.Served s = server.served();
            out.printf("virtbench http serve: stopped after %d connections: %d 2xx, %d 4xx, %d 5xx responses%n",
                    s.connections(), s.ok(), s.clientErrors(), s.serverErrors());
            out.flush();
        }
        return 0;
    }
}
