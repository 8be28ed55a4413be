package io.virtbench.http.client;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.clock.Stopwatch;
import io.virtbench.core.harness.JitActivity;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import java.io.PrintStream;

/**
 * The HTTP client's own JIT warm-up ({@code --warmup}), kept apart from the client loop so that
 * it can give way to a warm-up owned by core.
 */
final class AbWarmUp {
    /** One warm-up burst of requests at full speed... */
    private static final double WARMUP_BURST_SECONDS = 0.3;
    /** ...then no load until the JIT compiler has been idle for this long. */
    private static final long JIT_QUIET_NS = 150_000_000L;
    /** A page longer than the read buffer: its responses take several reads, as nginx's header-then-file do. */
    private static final int WARMUP_LONG_PAGE = 3 * AbEngine.READ_BUFFER;
    /** Progress lines every this many requests in the warm-up (to a null stream) when the run prints them. */
    private static final int WARMUP_HEARTBEAT = 97;

    private AbWarmUp() {
    }

    /**
     * {@code --warmup}: before the measured run, bursts of the same kind of requests against a
     * private {@link HttpServer} on 127.0.0.1, each followed by a pause without load until the JIT
     * compiler is idle, until a burst gives the compiler nothing more to do (at most
     * {@code --warmup} seconds). ab is compiled ahead of time; without this the measured run
     * would pay for class loading and JIT compilation, and on a small machine the compiler
     * would take CPU from the server under test. Nothing reaches the target.
     * <p>
     * The bursts take the branches the measured run will take, because the JIT compiles only the
     * branches it has seen taken and deoptimizes (recompiles the whole event loop that inlined
     * it) when another one is taken: the run's own length check, its progress lines (into a null
     * stream, every {@value #WARMUP_HEARTBEAT} requests), and, in alternate bursts, a page that
     * arrives in one read and one that arrives in several (a server that writes the header and
     * the file separately, as nginx does); the first burst ends at a time limit, the others when
     * their requests are done.
     */
    static void run(AbOptions o, StopSignal stop) throws InterruptedException {
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        JitActivity jit = new JitActivity();
        Deadline deadline = Deadline.inNanos((long) (o.warmup() * 1e9));
        int heartbeat = AbEngine.heartbeatOf(o) > 0 ? WARMUP_HEARTBEAT : 0;
        ServeOptions serve = ServeOptions.loopback().withThreads(1);
        try (HttpServer shortPage = HttpServer.start(serve);
             HttpServer longPage = HttpServer.start(serve.withPageSize(WARMUP_LONG_PAGE))) {
            int n = (int) Math.min(10_000_000L, Runtime.getRuntime().maxMemory() / 4 / AbOptions.BYTES_PER_REQUEST);
            HttpServer[] servers = {shortPage, longPage};
            AbOptions.Builder[] w = new AbOptions.Builder[servers.length];
            for (int i = 0; i < servers.length; i++) {
                w[i] = o.withUrl(servers[i].url("/")).toBuilder().warmup(0).rate(0).recvErrorsOk(true);
            }
            int requests = Math.max(n, o.concurrency());
            double seconds = WARMUP_BURST_SECONDS;
            for (int burst = 0; !stop.requested(); burst++) {
                long before = jit.work();
                double left = deadline.remainingNanos() / 1e9;
                if (left <= 0) {
                    return;
                }
                HttpServer server = servers[burst % 2];
                AbOptions wo = w[burst % 2].requests(requests).timeLimit(Math.min(seconds, left)).build();
                Stopwatch began = Stopwatch.start();
                AbRun r = new AbEngine(wo, none, none, heartbeat).execute(stop);
                double took = Math.max(1e-3, began.elapsedSeconds());
                // the first burst ends at its time limit; the next ones at their count (as a run with -n
                // ends), with the time limit only as a bound
                requests = (int) Math.max(o.concurrency(), Math.min(n, r.completed() * WARMUP_BURST_SECONDS / took));
                seconds = 3 * WARMUP_BURST_SECONDS;
                long after = jit.awaitQuiet(JIT_QUIET_NS, deadline.atNanos(), stop::requested);
                if (Boolean.getBoolean("virtbench.debug")) {
                    System.err.printf("warm-up burst %d (%d-byte page): %d requests, JIT work %d -> %d, %.1f s left%n", burst,
                            server.pageLength(), r.completed(), before, after, deadline.remainingNanos() / 1e9);
                }
                if (burst > 0 && before >= 0 && after >= 0 && after - before <= 1) {
                    return; // the last burst compiled (almost) nothing new
                }
            }
        } catch (UserException e) {
            // a warm-up that cannot run only costs the measured run some speed
        }
    }

}
