package io.virtbench.http.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.slots.RequestSlots;
import io.virtbench.core.harness.slots.SlotLimits;
import io.virtbench.core.harness.slots.SlotsEnd;
import io.virtbench.core.harness.slots.SlotsResult;
import io.virtbench.http.transport.ChannelLink;
import io.virtbench.http.transport.EpollLink;
import io.virtbench.http.transport.Link;
import io.virtbench.http.transport.Transport;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>Core's {@link RequestSlots} owns the run's clock and limits: it hands out the requests,
 * stamps each request's phases, records every completed request's times and ends the run; this
 * class keeps ab's protocol, its counters and its event loops.
 *
 * <p>The hot path allocates nothing per request: each slot keeps its request bytes in one
 * direct buffer, reads into its loop's buffer, copies at most 8191 header bytes into its own
 * array, and its times go into the run's preallocated columns. Without
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

    final AbOptions o;
    final byte[] request;
    final InetSocketAddress address;
    final boolean ipv6;
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
    final AtomicInteger good = new AtomicInteger();
    final AtomicInteger bad = new AtomicInteger();
    final AtomicLong docLength = new AtomicLong(-1);
    final AtomicBoolean initialized = new AtomicBoolean();
    volatile boolean everConnected;
    volatile String serverName = "";
    volatile String failure;
    volatile String startupFailure;
    final CountDownLatch quiesced;
    /** The run's clock, limits and per-request times (core). */
    final RequestSlots slots;

    Loop[] loops;
    AbConnection[] conns;

    private AbEngine(AbOptions o, PrintStream progress, PrintStream live) {
        this(o, progress, live, heartbeatOf(o));
    }

    AbEngine(AbOptions o, PrintStream progress, PrintStream live, int heartbeat) {
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
        this.slots = new RequestSlots(new SlotLimits(o.requests(), o.timeLimit(), o.concurrency(), rate), this::stopLoops);
    }

    /** ab prints "Completed N requests" every max(n/10, 100) requests when n > 150 and not -q; 0 = never. */
    public static int heartbeatOf(AbOptions o) {
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
        JitWarmup.Summary warmup = null;
        if (o.warmup() > 0) {
            warmup = AbWarmUp.run(o, stop);
            if (Boolean.getBoolean("virtbench.debug")) {
                System.err.println("warm-up ended at " + java.time.LocalTime.now()); // bench/deopt.sh reads it
            }
        }
        AbRun run = engine.execute(stop).withJitWarmup(warmup);
        if (Boolean.getBoolean("virtbench.debug")) {
            System.err.println("run ended at " + java.time.LocalTime.now());
        }
        return run;
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
            slots.start();
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
            slots.await(stop);
            if (!quiesced.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("event loops did not stop within 10 s");
            }
            if (startupFailure != null) {
                throw startupError(startupFailure);
            }
            return result(slots.result());
        } finally {
            Transport.shutdown(group);
        }
    }

    UserException startupError(String reason) {
        return new UserException("cannot connect to " + o.target().hostname() + ":" + o.target().port() + ": " + reason);
    }

    AbRun result(SlotsResult r) {
        AbRun.Counts.Builder counts = AbRun.Counts.builder();
        for (Loop l : loops) {
            l.addTo(counts);
        }
        counts.done(r.completed()).bad(bad.get()).good(good.get()).started(r.started());
        long doc = docLength.get();
        return new AbRun(o, request.length, r.start(), r.end(), r.seconds(), counts.build(), serverName,
                doc < 0 ? 0 : doc, r.times(), r.completed(), r.totalNanos(), r.sinceDueNanos(), r.how(), failure,
                threads, Transport.name(), null);
    }

    // ------------------------------------------------------------------ shared state transitions

    /** Whether the run has ended: every slot drops what it does. */
    boolean stopping() {
        return slots.ended();
    }

    /** The run has ended: every loop drops its connections and reports in. */
    private void stopLoops() {
        for (Loop l : loops) {
            l.executor.execute(l::shutdown);
        }
    }

    /** Ends the run with a fatal error (the first reason wins). */
    void fatal(String message) {
        if (slots.finish(SlotsEnd.FAILED)) {
            failure = message;
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

    // ------------------------------------------------------------------ per event loop

    /** One event-loop thread's connections, counters and histograms; touched by that thread only. */
    final class Loop implements Runnable {
        final EventLoop executor;
        AbConnection[] mine = new AbConnection[0];
        ScheduledFuture<?> timer;
        /** Bare sockets on Netty's epoll loop ({@link EpollLink}) where they run, else Netty channels. */
        final boolean bare;
        /** What this loop's bare sockets share: the buffer they read into (ab's 8192 bytes). */
        final EpollLink.Shared shared;
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
            if (stopping()) {
                return;
            }
            long now = slots.nowNanos();
            if (rate > 0) {
                long us = slots.nowMicros();
                for (AbConnection c : mine) {
                    if (c.state == AbConnection.State.WAITING && c.slot.due(us)) {
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
                shared.release();
            }
            quiesced.countDown();
        }

        void addTo(AbRun.Counts.Builder b) {
            b.add(totalRead, totalBodyRead, totalPosted, doneKeepAlive, errConnect, errReceive, errLength, errExcept,
                    errResponse, writeErrors, timeouts, connections);
        }
    }
}
