package io.virtbench.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.JitActivity;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.stats.Histograms;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The ApacheBench 2.3 client loop (support/ab.c test, start_connect, write_request,
 * read_connection, close_connection) on Netty event loops.
 *
 * <p>{@code -c} connection slots are spread over the event-loop threads. Each slot runs one
 * request at a time: connect, write the request, read the response, then either reuse the
 * connection (keep-alive) or close it and connect again. As in ab, only the first slot starts
 * at once; the others start when the first response header has arrived. A request is claimed
 * when it is written (ab's {@code started}); a completed request claims the next timing slot
 * (ab's {@code done}). The run ends when {@code -n} requests completed, at the {@code -t} limit,
 * on a stop request, or on a fatal error, and then every connection is dropped.
 *
 * <p>The response is read as ab reads it, not as an HTTP parser would: the header ends at the
 * first CRLFCRLF (else LFLF) within the first 8191 bytes; the status is the three characters 9
 * bytes after the first "HTTP"; without {@code -k} a response ends when the server closes;
 * with {@code -k} it ends after Content-Length body bytes if the header contains "Keep-Alive"
 * anywhere (case-insensitive). See README.md for how every failure is classified.
 *
 * <p>A connection is a {@link Link}: with Netty's epoll transport a bare socket on the event
 * loop ({@link EpollLink}, fewer system calls than ab makes), elsewhere a Netty channel
 * ({@link ChannelLink}; {@code -Dvirtbench.http.channels=true} chooses it on Linux too).
 *
 * <p>The hot path allocates nothing per request: each slot keeps its request bytes in one
 * direct buffer, reads into its loop's buffer, copies at most 8191 header bytes into its own
 * array, and records into its loop's histogram and the shared {@link Timings}. Without
 * keep-alive, each new connection's socket and registration objects are the only garbage.
 */
public final class AbEngine {
    /** ab's header buffer: CBUFFSIZE 8192 minus the terminating NUL. */
    static final int HEADER_BUFFER = 8191;
    /** ab aborts when a failure happens with more than this many failures already counted. */
    static final int MAX_FAILURES = 10;
    /** System property: true = Netty channels ({@link ChannelLink}) even where bare epoll sockets run. */
    static final String CHANNELS_PROPERTY = "virtbench.http.channels";

    /** Whether connections on {@code loop} are bare epoll sockets ({@link EpollLink}) rather than Netty channels. */
    static boolean bareSockets(EventLoop loop) {
        return EpollLink.usable(loop) && !Boolean.getBoolean(CHANNELS_PROPERTY);
    }

    /** ab reads a response in pieces of at most this many bytes (CBUFFSIZE). */
    static final int READ_BUFFER = 8192;
    /** Tick of the pacing timer with {@code --rate}. */
    static final long RATE_TICK_NS = 250_000;

    /** How the run ended. */
    public enum End { COMPLETE, TIME_LIMIT, INTERRUPTED, FAILED }

    final AbOptions o;
    final byte[] request;
    final InetSocketAddress address;
    final boolean ipv6;
    final int requests;
    final long timeoutNs;
    final boolean keepAliveOption;
    final boolean http11;
    final boolean head;
    final boolean recvErrorsOk;
    final boolean variableLength;
    final double rate;
    final int heartbeat;
    final PrintStream progress;
    final PrintStream live;
    final int threads;

    // shared between event loops
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger good = new AtomicInteger();
    final AtomicInteger bad = new AtomicInteger();
    final AtomicLong docLength = new AtomicLong(-1);
    final AtomicInteger active = new AtomicInteger();
    final AtomicBoolean initialized = new AtomicBoolean();
    volatile boolean everConnected;
    volatile String serverName = "";
    volatile boolean stopping;
    final AtomicReference<End> end = new AtomicReference<>();
    volatile String failure;
    volatile String startupFailure;
    volatile long finishUs;
    final CountDownLatch quiesced;
    final Timings timings;

    long baseNs;
    Loop[] loops;
    AbConnection[] conns;

    private AbEngine(AbOptions o, PrintStream progress, PrintStream live) {
        this(o, progress, live, heartbeatOf(o));
    }

    private AbEngine(AbOptions o, PrintStream progress, PrintStream live, int heartbeat) {
        this.o = o;
        this.request = AbRequest.build(o, o.body());
        AbUrl u = o.target();
        try {
            this.address = new InetSocketAddress(named(InetAddress.getByName(u.hostname())), u.port());
        } catch (UnknownHostException e) {
            throw new UserException("cannot resolve host '" + u.hostname() + "' (ab: apr_sockaddr_info_get() for "
                    + u.hostname() + ": Temporary failure in name resolution)");
        }
        this.ipv6 = address.getAddress() instanceof java.net.Inet6Address;
        this.requests = o.requests();
        this.timeoutNs = (long) (o.timeout() * 1e9);
        this.keepAliveOption = o.keepAlive() || o.http11();
        this.http11 = o.http11();
        this.head = o.isHead();
        this.recvErrorsOk = o.recvErrorsOk();
        this.variableLength = o.variableLength();
        this.rate = o.rate();
        this.heartbeat = heartbeat;
        this.progress = progress;
        this.live = live;
        int cores = Runtime.getRuntime().availableProcessors();
        this.threads = Math.min(o.concurrency(), o.threads() > 0 ? o.threads() : cores);
        this.quiesced = new CountDownLatch(threads);
        this.timings = new Timings(requests);
    }

    /** ab prints "Completed N requests" every max(n/10, 100) requests when n > 150 and not -q; 0 = never. */
    static int heartbeatOf(AbOptions o) {
        if (o.quiet() || o.requests() <= 150) {
            return 0;
        }
        return Math.max(o.requests() / 10, 100);
    }

    /**
     * The address with its text form stored as its host name: Netty asks every new connection's
     * remote address for its host string, which for an address without a name means formatting
     * the numbers again each time. IPv6 addresses (scope ids) are kept as they are.
     */
    static InetAddress named(InetAddress a) throws UnknownHostException {
        return a instanceof java.net.Inet4Address ? InetAddress.getByAddress(a.getHostAddress(), a.getAddress()) : a;
    }

    /**
     * Runs the benchmark. Progress lines go to {@code progress} (ab's stderr lines), ab's
     * "Send request failed!" lines to {@code live}. A server that cannot be reached at the
     * start is a {@link UserException}; every other failure ends in the returned {@link AbRun}.
     */
    public static AbRun run(AbOptions o, PrintStream progress, PrintStream live, StopSignal stop) throws InterruptedException {
        AbEngine engine = new AbEngine(o, progress, live);
        if (o.warmup() > 0) {
            warmUp(o, stop);
            if (Boolean.getBoolean("virtbench.debug")) {
                System.err.println("warm-up ended at " + java.time.LocalTime.now()); // bench/deopt.sh reads it
            }
        }
        AbRun run = engine.execute(stop);
        if (Boolean.getBoolean("virtbench.debug")) {
            System.err.println("run ended at " + java.time.LocalTime.now());
        }
        return run;
    }

    /** One warm-up burst of requests at full speed... */
    static final double WARMUP_BURST_SECONDS = 0.3;
    /** ...then no load until the JIT compiler has been idle for this long. */
    static final long JIT_QUIET_NS = 150_000_000L;
    /** A page longer than the read buffer: its responses take several reads, as nginx's header-then-file do. */
    static final int WARMUP_LONG_PAGE = 3 * READ_BUFFER;
    /** Progress lines every this many requests in the warm-up (to a null stream) when the run prints them. */
    static final int WARMUP_HEARTBEAT = 97;

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
    static void warmUp(AbOptions o, StopSignal stop) throws InterruptedException {
        PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
        JitActivity jit = new JitActivity();
        long deadline = System.nanoTime() + (long) (o.warmup() * 1e9);
        int heartbeat = heartbeatOf(o) > 0 ? WARMUP_HEARTBEAT : 0;
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
                double left = (deadline - System.nanoTime()) / 1e9;
                if (left <= 0) {
                    return;
                }
                HttpServer server = servers[burst % 2];
                AbOptions wo = w[burst % 2].requests(requests).timeLimit(Math.min(seconds, left)).build();
                long began = System.nanoTime();
                AbRun r = new AbEngine(wo, none, none, heartbeat).execute(stop);
                double took = Math.max(1e-3, (System.nanoTime() - began) / 1e9);
                // the first burst ends at its time limit; the next ones at their count (as a run with -n
                // ends), with the time limit only as a bound
                requests = (int) Math.max(o.concurrency(), Math.min(n, r.completed() * WARMUP_BURST_SECONDS / took));
                seconds = 3 * WARMUP_BURST_SECONDS;
                long after = jit.awaitQuiet(JIT_QUIET_NS, deadline, stop::requested);
                if (Boolean.getBoolean("virtbench.debug")) {
                    System.err.printf("warm-up burst %d (%d-byte page): %d requests, JIT work %d -> %d, %.1f s left%n", burst,
                            server.pageBytes().length, r.completed(), before, after, (deadline - System.nanoTime()) / 1e9);
                }
                if (burst > 0 && before >= 0 && after >= 0 && after - before <= 1) {
                    return; // the last burst compiled (almost) nothing new
                }
            }
        } catch (UserException e) {
            // a warm-up that cannot run only costs the measured run some speed
        }
    }

    AbRun execute(StopSignal stop) throws InterruptedException {
        EventLoopGroup group = Transport.group(threads, "virtbench-http");
        try {
            loops = new Loop[threads];
            Iterator<io.netty.util.concurrent.EventExecutor> it = group.iterator();
            for (int i = 0; i < threads; i++) {
                loops[i] = new Loop((EventLoop) it.next());
            }
            conns = new AbConnection[o.concurrency()];
            for (int i = 0; i < conns.length; i++) {
                conns[i] = new AbConnection(this, i, loops[i % threads]);
            }
            Instant wallStart = Instant.now();
            baseNs = System.nanoTime();
            for (Loop l : loops) {
                l.startTimer();
            }
            if (rate > 0) {
                // paced: every slot follows its own schedule from the start
                initialized.set(true);
                for (AbConnection c : conns) {
                    c.loop.executor.execute(c::firstStart);
                }
            } else {
                conns[0].loop.executor.execute(conns[0]::firstStart);
            }
            long deadline = o.timeLimit() > 0 ? baseNs + (long) (o.timeLimit() * 1e9) : Long.MAX_VALUE;
            try (AutoCloseable ignored = stop.onRequest(() -> finish(End.INTERRUPTED, null))) {
                while (end.get() == null) {
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        finish(End.TIME_LIMIT, null);
                        break;
                    }
                    long waitNs = Math.min(deadline - now, 50_000_000L);
                    synchronized (this) {
                        if (end.get() == null) {
                            TimeUnit.NANOSECONDS.timedWait(this, Math.max(waitNs, 1));
                        }
                    }
                }
            } catch (InterruptedException e) {
                finish(End.INTERRUPTED, null);
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (!quiesced.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("event loops did not stop within 10 s");
            }
            Instant wallEnd = Instant.now();
            if (startupFailure != null) {
                throw startupError(startupFailure);
            }
            return result(wallStart, wallEnd);
        } finally {
            Transport.shutdown(group);
        }
    }

    UserException startupError(String reason) {
        return new UserException("cannot connect to " + o.target().hostname() + ":" + o.target().port() + ": " + reason);
    }

    AbRun result(Instant wallStart, Instant wallEnd) {
        End how = end.get();
        long last = 0;
        Histogram latency = Histograms.newNanosHistogram();
        Histogram intended = rate > 0 ? Histograms.newNanosHistogram() : null;
        AbRun.Counts.Builder counts = AbRun.Counts.builder();
        for (Loop l : loops) {
            last = Math.max(last, l.lastUs);
            latency.add(l.latency);
            if (intended != null) {
                intended.add(l.intended);
            }
            l.addTo(counts);
        }
        long endUs = switch (how) {
            case INTERRUPTED -> finishUs;
            case TIME_LIMIT -> Math.max(last, (long) (o.timeLimit() * 1e6));
            default -> last;
        };
        int completed = Math.min(done.get(), requests);
        counts.done(completed).bad(bad.get()).good(good.get()).started(Math.min(started.get(), requests));
        long doc = docLength.get();
        return new AbRun(o, request.length, wallStart, wallEnd, endUs / 1e6, counts.build(), serverName,
                doc < 0 ? 0 : doc, timings, completed, latency, intended, how, failure, threads, Transport.name());
    }

    // ------------------------------------------------------------------ shared state transitions

    long nowUs() {
        return (System.nanoTime() - baseNs) / 1000;
    }

    /** Ends the run once; every loop then drops its connections and reports in. */
    void finish(End how, String message) {
        if (!end.compareAndSet(null, how)) {
            return;
        }
        finishUs = nowUs();
        failure = message;
        stopping = true;
        for (Loop l : loops) {
            l.executor.execute(l::shutdown);
        }
        synchronized (this) {
            notifyAll();
        }
    }

    void fatal(String message) {
        finish(End.FAILED, message);
    }

    /** Claims the next request to write, as ab's {@code started < requests} test. */
    boolean claim() {
        while (true) {
            int s = started.get();
            if (s >= requests) {
                return false;
            }
            if (started.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** ab's {@code bad++ > 10} check on the connect-failure and bad-header paths. */
    void countFailureMaybeAbort(String what) {
        if (bad.getAndIncrement() > MAX_FAILURES) {
            fatal("Test aborted after 10 failures (last: " + what + ")");
        }
    }

    /** After the first response header: start every other connection (ab's requests_initialized). */
    void initializeOthers() {
        if (initialized.compareAndSet(false, true)) {
            for (int i = 1; i < conns.length; i++) {
                AbConnection c = conns[i];
                c.loop.executor.execute(c::firstStart);
            }
        }
    }

    void slotIdle() {
        if (active.decrementAndGet() == 0 && started.get() >= requests && !stopping) {
            // every request was claimed and nothing is in flight any more (some claimed
            // requests never completed, e.g. an oversized header): nothing left to wait for
            finish(End.COMPLETE, null);
        }
    }

    // ------------------------------------------------------------------ per event loop

    /** One event-loop thread's connections, counters and histograms; touched by that thread only. */
    final class Loop implements Runnable {
        final EventLoop executor;
        final Histogram latency = Histograms.newNanosHistogram();
        final Histogram intended = Histograms.newNanosHistogram();
        AbConnection[] mine = new AbConnection[0];
        ScheduledFuture<?> timer;
        /** Bare sockets on Netty's epoll loop ({@link EpollLink}) where they run, else Netty channels. */
        final boolean bare;
        /** What this loop's bare sockets share: the buffer they read into (ab's 8192 bytes). */
        final EpollLink.Shared shared;
        long lastUs;
        long totalRead;
        long totalBodyRead;
        long totalPosted;
        long doneKeepAlive;
        long errConnect;
        long errReceive;
        long errLength;
        long errExcept;
        long errResponse;
        long writeErrors;
        long timeouts;
        long connections;
        private long nextSweepNs;

        Loop(EventLoop executor) {
            this.executor = executor;
            this.bare = bareSockets(executor);
            this.shared = bare ? new EpollLink.Shared(Unpooled.directBuffer(READ_BUFFER, READ_BUFFER)) : null;
        }

        Link newLink(AbConnection c) {
            return bare ? new EpollLink((io.netty.channel.IoEventLoop) executor, address, ipv6, !keepAliveOption, shared, c)
                    : new ChannelLink(executor, address, ipv6, c);
        }

        void add(AbConnection c) {
            AbConnection[] m = java.util.Arrays.copyOf(mine, mine.length + 1);
            m[mine.length] = c;
            mine = m;
        }

        void startTimer() {
            long period = rate > 0 ? RATE_TICK_NS : Math.max(1_000_000L, Math.min(100_000_000L, timeoutNs / 10));
            executor.execute(() -> timer = executor.scheduleAtFixedRate(this, period, period, TimeUnit.NANOSECONDS));
        }

        /** The timer: paced starts (--rate) and the -s timeout. */
        @Override
        public void run() {
            if (stopping) {
                return;
            }
            long now = System.nanoTime();
            if (rate > 0) {
                long us = (now - baseNs) / 1000;
                for (AbConnection c : mine) {
                    if (c.state == AbConnection.State.WAITING && us >= c.intendedUs) {
                        c.go();
                    }
                }
            }
            if (now - nextSweepNs >= 0) {
                nextSweepNs = now + Math.max(1_000_000L, Math.min(100_000_000L, timeoutNs / 10));
                for (AbConnection c : mine) {
                    c.checkTimeout(now);
                }
            }
        }

        void shutdown() {
            if (timer != null) {
                timer.cancel(false);
            }
            for (AbConnection c : mine) {
                c.drop();
                c.requestBytes.release();
            }
            if (shared != null) {
                shared.readBuffer.release();
            }
            quiesced.countDown();
        }

        void addTo(AbRun.Counts.Builder b) {
            b.add(totalRead, totalBodyRead, totalPosted, doneKeepAlive, errConnect, errReceive, errLength, errExcept,
                    errResponse, writeErrors, timeouts, connections);
        }
    }
}
