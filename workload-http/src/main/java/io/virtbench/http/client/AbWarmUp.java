package io.virtbench.http.client;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.clock.Stopwatch;
import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import java.io.PrintStream;

/**
 * The HTTP client's JIT warm-up ({@code --warmup}, {@code --jit-warmup}): its plan of bursts,
 * run by core's {@link JitWarmup#bursts}.
 */
final class AbWarmUp {
    /** One warm-up burst of requests at full speed, then no load until the JIT compiler is idle. */
    private static final double WARMUP_BURST_SECONDS = 0.3;
    /** A page longer than the read buffer: its responses take several reads, as nginx's header-then-file do. */
    private static final int WARMUP_LONG_PAGE = 3 * AbEngine.READ_BUFFER;
    /** Progress lines every this many requests in the warm-up (to a null stream) when the run prints them. */
    private static final int WARMUP_HEARTBEAT = 97;
    static final String TOUCHED = "two HTTP servers of its own on 127.0.0.1, nothing reaches the target";

    private AbWarmUp() {
    }

    /**
     * Before the measured run, bursts of the same kind of requests against a private
     * {@link HttpServer} on 127.0.0.1, each followed by a pause without load until the JIT
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
     *
     * @return what it did, or null when it could not run (which only costs the measured run some speed)
     */
    static JitWarmup.Summary run(AbOptions o, StopSignal stop) throws InterruptedException {
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
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
            Bursts plan = new Bursts(o, w, n, heartbeat, deadline, none, stop);
            return JitWarmup.bursts(plan, TOUCHED, o.warmup(), stop::requested);
        } catch (UserException e) {
            return null;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return null; // a burst that fails only leaves the JIT less warm
        }
    }

    /** The bursts, alternating the short and the long page; the first ends at its time limit, the others at their count. */
    private static final class Bursts implements JitWarmup.Round {
        private final AbOptions o;
        private final AbOptions.Builder[] w;
        private final int n;
        private final int heartbeat;
        private final Deadline deadline;
        private final PrintStream none;
        private final StopSignal stop;
        private int burst;
        private int requests;
        private double seconds = WARMUP_BURST_SECONDS;

        Bursts(AbOptions o, AbOptions.Builder[] w, int n, int heartbeat, Deadline deadline, PrintStream none,
               StopSignal stop) {
            this.o = o;
            this.w = w;
            this.n = n;
            this.heartbeat = heartbeat;
            this.deadline = deadline;
            this.none = none;
            this.stop = stop;
            this.requests = Math.max(n, o.concurrency());
        }

        @Override
        public void run() throws InterruptedException {
            double left = deadline.remainingNanos() / 1e9;
            if (left <= 0) {
                return;
            }
            AbOptions wo = w[burst % 2].requests(requests).timeLimit(Math.min(seconds, left)).build();
            Stopwatch began = Stopwatch.start();
            AbRun r = new AbEngine(wo, none, none, heartbeat).execute(stop);
            double took = Math.max(1e-3, began.elapsedSeconds());
            // later bursts end at their count (as a run with -n ends), the time limit only a bound
            requests = (int) Math.max(o.concurrency(), Math.min(n, r.completed() * WARMUP_BURST_SECONDS / took));
            seconds = 3 * WARMUP_BURST_SECONDS;
            if (Boolean.getBoolean("virtbench.debug")) {
                System.err.printf("warm-up burst %d: %d requests, %.1f s left%n", burst, r.completed(),
                        deadline.remainingNanos() / 1e9);
            }
            burst++;
        }
    }
}
