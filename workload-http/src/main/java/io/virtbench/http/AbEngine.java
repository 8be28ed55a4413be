package io.virtbench.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.virtbench.core.UserException;
import io.virtbench.core.harness.JitActivity;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.stats.Histograms;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
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

    private final AbOptions o;
    private final byte[] request;
    private final InetSocketAddress address;
    private final boolean ipv6;
    private final int requests;
    private final long timeoutNs;
    private final boolean keepAliveOption;
    private final boolean http11;
    private final boolean head;
    private final boolean recvErrorsOk;
    private final boolean variableLength;
    private final double rate;
    private final int heartbeat;
    private final PrintStream progress;
    private final PrintStream live;
    private final int threads;

    // shared between event loops
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger good = new AtomicInteger();
    private final AtomicInteger bad = new AtomicInteger();
    private final AtomicLong docLength = new AtomicLong(-1);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean initialized = new AtomicBoolean();
    private volatile boolean everConnected;
    private volatile String serverName = "";
    private volatile boolean stopping;
    private final AtomicReference<End> end = new AtomicReference<>();
    private volatile String failure;
    private volatile String startupFailure;
    private volatile long finishUs;
    private final CountDownLatch quiesced;
    private final Timings timings;

    private long baseNs;
    private Loop[] loops;
    private Conn[] conns;

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

    private AbRun execute(StopSignal stop) throws InterruptedException {
        EventLoopGroup group = Transport.group(threads, "virtbench-http");
        try {
            loops = new Loop[threads];
            Iterator<io.netty.util.concurrent.EventExecutor> it = group.iterator();
            for (int i = 0; i < threads; i++) {
                loops[i] = new Loop((EventLoop) it.next());
            }
            conns = new Conn[o.concurrency()];
            for (int i = 0; i < conns.length; i++) {
                conns[i] = new Conn(i, loops[i % threads]);
            }
            Instant wallStart = Instant.now();
            baseNs = System.nanoTime();
            for (Loop l : loops) {
                l.startTimer();
            }
            if (rate > 0) {
                // paced: every slot follows its own schedule from the start
                initialized.set(true);
                for (Conn c : conns) {
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

    private UserException startupError(String reason) {
        return new UserException("cannot connect to " + o.target().hostname() + ":" + o.target().port() + ": " + reason);
    }

    private AbRun result(Instant wallStart, Instant wallEnd) {
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

    private long nowUs() {
        return (System.nanoTime() - baseNs) / 1000;
    }

    /** Ends the run once; every loop then drops its connections and reports in. */
    private void finish(End how, String message) {
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

    private void fatal(String message) {
        finish(End.FAILED, message);
    }

    /** Claims the next request to write, as ab's {@code started < requests} test. */
    private boolean claim() {
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
    private void countFailureMaybeAbort(String what) {
        if (bad.getAndIncrement() > MAX_FAILURES) {
            fatal("Test aborted after 10 failures (last: " + what + ")");
        }
    }

    /** After the first response header: start every other connection (ab's requests_initialized). */
    private void initializeOthers() {
        if (initialized.compareAndSet(false, true)) {
            for (int i = 1; i < conns.length; i++) {
                Conn c = conns[i];
                c.loop.executor.execute(c::firstStart);
            }
        }
    }

    private void slotIdle() {
        if (active.decrementAndGet() == 0 && started.get() >= requests && !stopping) {
            // every request was claimed and nothing is in flight any more (some claimed
            // requests never completed, e.g. an oversized header): nothing left to wait for
            finish(End.COMPLETE, null);
        }
    }

    private static final java.util.regex.Pattern NATIVE_ERROR =
            java.util.regex.Pattern.compile(".*?(?:failed with error\\(-?(\\d+)\\)|failed): (.*)");

    private static final java.util.regex.Pattern ADDRESS_SUFFIX = java.util.regex.Pattern.compile("(.*?): [^ /]*/[^ ]*:\\d+");

    /** The OS's words for a socket error, without Netty's "finishConnect(..) failed with error(-111): ". */
    static String reason(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        java.util.regex.Matcher x = NATIVE_ERROR.matcher(m);
        String r = x.matches() ? x.group(2) : m;
        // Netty appends ": <name>/<address>:<port>" (the name empty unless the address has one)
        java.util.regex.Matcher a = ADDRESS_SUFFIX.matcher(r);
        return a.matches() ? a.group(1) : r;
    }

    /** The errno ab would print with the error, or 0 when unknown. */
    static int errno(Throwable t) {
        String m = t.getMessage();
        if (m != null) {
            java.util.regex.Matcher x = NATIVE_ERROR.matcher(m);
            if (x.matches() && x.group(1) != null) {
                return Integer.parseInt(x.group(1));
            }
        }
        String r = reason(t).toLowerCase(Locale.ROOT);
        if (r.contains("connection refused")) {
            return 111;
        }
        if (r.contains("connection reset")) {
            return 104;
        }
        if (r.contains("broken pipe")) {
            return 32;
        }
        if (r.contains("no route to host")) {
            return 113;
        }
        if (r.contains("network is unreachable")) {
            return 101;
        }
        if (r.contains("cannot assign requested address")) {
            return 99;
        }
        if (r.contains("timed out")) {
            return 110;
        }
        return 0;
    }

    private static boolean refused(Throwable t) {
        return t instanceof ConnectException && reason(t).toLowerCase(Locale.ROOT).contains("refused");
    }

    private static String abError(String call, Throwable t) {
        int e = errno(t);
        return call + ": " + reason(t) + (e > 0 ? " (" + e + ")" : "");
    }

    // ------------------------------------------------------------------ per event loop

    /** One event-loop thread's connections, counters and histograms; touched by that thread only. */
    private final class Loop implements Runnable {
        final EventLoop executor;
        final Histogram latency = Histograms.newNanosHistogram();
        final Histogram intended = Histograms.newNanosHistogram();
        Conn[] mine = new Conn[0];
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

        Link newLink(Conn c) {
            return bare ? new EpollLink((io.netty.channel.IoEventLoop) executor, address, ipv6, !keepAliveOption, shared, c)
                    : new ChannelLink(executor, address, ipv6, c);
        }

        void add(Conn c) {
            Conn[] m = java.util.Arrays.copyOf(mine, mine.length + 1);
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
                for (Conn c : mine) {
                    if (c.state == Conn.WAITING && us >= c.intendedUs) {
                        c.go();
                    }
                }
            }
            if (now - nextSweepNs >= 0) {
                nextSweepNs = now + Math.max(1_000_000L, Math.min(100_000_000L, timeoutNs / 10));
                for (Conn c : mine) {
                    c.checkTimeout(now);
                }
            }
        }

        void shutdown() {
            if (timer != null) {
                timer.cancel(false);
            }
            for (Conn c : mine) {
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

    // ------------------------------------------------------------------ per connection slot

    /** One of the {@code -c} connection slots: ab's struct connection. */
    private final class Conn implements Link.Events {
        static final int IDLE = 0;
        static final int WAITING = 1;
        static final int CONNECTING = 2;
        static final int WRITING = 3;
        static final int READING = 4;

        final int index;
        final Loop loop;
        /** The request bytes, released when the run ends; written through {@link #requestBuf}. */
        final ByteBuf requestBytes;
        /** The request as written: Netty's channel releases what it wrote, so a view it cannot release. */
        final ByteBuf requestBuf;
        final byte[] header = new byte[HEADER_BUFFER];
        int state = IDLE;
        boolean activeCounted;
        /** The connection (while connecting too), or null. */
        Link link;
        // the response being read (ab: read, bread, cbx, gotheader, keepalive, length)
        long read;
        long bodyRead;
        int headerBytes;
        boolean gotHeader;
        boolean keepAlive;
        long length;
        // HTTP/1.1 framing (virtbench's --http11)
        boolean chunked;
        boolean untilClose;
        int chunkState;
        long chunkLeft;
        // ab's timestamps, µs since the start
        long startUs;
        long connectUs;
        long endWriteUs;
        long beginReadUs;
        long lastEventNs;
        // --rate: this slot's k-th request is due at start + (k * c + index) / rate
        long k;
        long intendedUs;
        boolean reuse;

        Conn(int index, Loop loop) {
            this.index = index;
            this.loop = loop;
            loop.add(this);
            this.requestBytes = Unpooled.directBuffer(request.length).writeBytes(request);
            this.requestBuf = Unpooled.unreleasableBuffer(requestBytes);
        }

        // ---------------------------------------------------------- starting a request

        /** The slot's first start (on its loop). */
        void firstStart() {
            if (stopping || activeCounted) {
                return;
            }
            activeCounted = true;
            active.incrementAndGet();
            if (rate > 0) {
                intendedUs = intendedOf(0);
            }
            startConnect();
        }

        long intendedOf(long kk) {
            return (long) ((kk * conns.length + index) * 1e6 / rate);
        }

        /** ab's start_connect: a new connection for the next request, if one is left. */
        void startConnect() {
            reuse = false;
            if (stopping) {
                return;
            }
            if (started.get() >= requests) {
                goIdle();
                return;
            }
            if (rate > 0 && nowUs() < intendedUs) {
                state = WAITING;
                return;
            }
            go();
        }

        /** Starts the due request: connects, or writes on a kept-alive connection. */
        void go() {
            if (reuse && link != null) {
                startUs = connectUs = nowUs();
                loop.lastUs = startUs;
                writeRequest();
                return;
            }
            reuse = false;
            resetResponse();
            startUs = nowUs();
            loop.lastUs = startUs;
            lastEventNs = System.nanoTime();
            state = CONNECTING;
            loop.connections++;
            dropLink(); // a kept-alive connection not reused any more
            Link l = loop.newLink(this);
            link = l;
            l.start();
        }

        void resetResponse() {
            read = 0;
            bodyRead = 0;
            headerBytes = 0;
            gotHeader = false;
            keepAlive = false;
            length = 0;
            chunked = false;
            untilClose = false;
            chunkState = 0;
            chunkLeft = 0;
        }

        @Override
        public void connected(Link l) {
            if (l != link) {
                l.close();
                return;
            }
            if (state != CONNECTING || stopping) {
                return;
            }
            boolean was = everConnected;
            everConnected = true;
            connectUs = nowUs();
            if (!writeRequest()) {
                everConnected = was; // the link was not connected after all; it says when it is
            }
        }

        @Override
        public void connectFailed(Link l, Throwable cause) {
            l.close();
            if (l != link || state != CONNECTING || stopping) {
                return;
            }
            link = null;
            connectFailed(cause);
        }

        void connectFailed(Throwable cause) {
            if (!everConnected) {
                // the server is not there at all: no benchmark to run
                String r = reason(cause);
                startupFailure = refused(cause) ? r + " (ab: " + abError("apr_socket_recv", cause) + ")" : r;
                finish(End.FAILED, abError("apr_socket_connect()", cause));
                return;
            }
            if (refused(cause)) {
                // ab learns of a refused connect from recv() (apr_socket_recv: Connection refused)
                receiveFailed(cause);
                return;
            }
            loop.errConnect++;
            state = IDLE;
            countFailureMaybeAbort(abError("apr_socket_connect()", cause));
            startConnect();
        }

        /**
         * ab's write_request: claims a request and writes it in one go. False only when the link
         * answers {@link Link#NOT_CONNECTED}: the request is given back and the slot is connecting again.
         */
        boolean writeRequest() {
            if (stopping) {
                return true;
            }
            if (!claim()) {
                // ab leaves the connection idle; nothing would ever come: drop it
                dropLink();
                goIdle();
                return true;
            }
            resetResponse();
            Link l = link;
            long now = nowUs();
            loop.lastUs = now;
            lastEventNs = System.nanoTime();
            state = WRITING;
            requestBuf.readerIndex(0);
            int w = l.write(requestBuf);
            if (l != link || state != WRITING) {
                return true; // the connection failed meanwhile, and that was handled
            }
            if (w == Link.NOT_CONNECTED) {
                started.decrementAndGet();
                state = CONNECTING;
                return false;
            }
            if (w == Link.FAILED) {
                writeFailed();
                return true;
            }
            state = READING;
            if (w == Link.WRITTEN) {
                loop.totalPosted += request.length;
                endWriteUs = nowUs();
            } else {
                // a large body may take several writes: the end is noted when it is all written
                endWriteUs = now;
            }
            loop.lastUs = endWriteUs;
            return true;
        }

        @Override
        public void written(Link l) {
            if (l == link && !stopping) {
                loop.totalPosted += request.length;
                endWriteUs = nowUs();
                loop.lastUs = endWriteUs;
            }
        }

        @Override
        public void writeFailed(Link l, Throwable cause) {
            if (l == link && !stopping && state == READING && read == 0) {
                writeFailed();
            }
        }

        /** Closes the connection, if any. */
        void dropLink() {
            Link l = link;
            link = null;
            if (l != null) {
                l.close();
            }
        }

        void goIdle() {
            state = IDLE;
            if (activeCounted) {
                activeCounted = false;
                slotIdle();
            }
        }

        // ---------------------------------------------------------- reading the response

        @Override
        public void read(Link l, ByteBuf data) {
            if (l == link && state == READING && !stopping) {
                onData(data);
            }
        }

        void onData(ByteBuf buf) {
            int r = buf.readableBytes();
            if (r == 0) {
                return;
            }
            lastEventNs = System.nanoTime();
            loop.totalRead += r;
            if (read == 0) {
                beginReadUs = nowUs();
            }
            read += r;
            int at = buf.readerIndex();
            if (!gotHeader) {
                int space = HEADER_BUFFER - headerBytes;
                int tocopy = Math.min(space, r);
                int from = Math.max(0, headerBytes - 3);
                buf.getBytes(at, header, headerBytes, tocopy);
                headerBytes += tocopy;
                // ab searches the whole buffer each time; the part searched before held neither
                int endAt = indexOf(header, from, headerBytes, CRLFCRLF);
                int l = 4;
                if (endAt < 0) {
                    endAt = indexOf(header, Math.max(0, headerBytes - tocopy - 1), headerBytes, LFLF);
                    l = 2;
                }
                if (endAt < 0) {
                    if (headerBytes < HEADER_BUFFER) {
                        return; // read the rest next time
                    }
                    // header invalid or too big: not a completed request (ab: err_response, bad)
                    loop.errResponse++;
                    dropLink();
                    state = IDLE;
                    countFailureMaybeAbort("response header larger than 8191 bytes");
                    startConnect();
                    return;
                }
                onHeader(endAt);
                long body = headerBytes - (endAt + l) + (r - tocopy);
                if (chunked) {
                    scanChunks(buf, at + endAt + l - (headerBytes - tocopy), r - (endAt + l - (headerBytes - tocopy)));
                }
                bodyRead += body;
                loop.totalBodyRead += body;
                if (!initialized.get()) {
                    initializeOthers();
                }
            } else {
                bodyRead += r;
                loop.totalBodyRead += r;
                if (chunked) {
                    scanChunks(buf, at, r);
                }
            }
            if (keepAlive && (chunked ? chunkState == CHUNK_DONE : bodyRead >= length)) {
                keepAliveDone();
            }
        }

        /** ab's checks on a complete header in header[0, headerBytes) ending at {@code endAt}. */
        void onHeader(int endAt) {
            if (good.get() == 0) {
                serverName = serverOf(header, headerBytes);
            }
            int http = indexOf(header, 0, headerBytes, HTTP);
            char code = http >= 0 && headerBytes - http > 9 ? (char) header[http + 9] : '5';
            if (code != '2') {
                loop.errResponse++;
            }
            gotHeader = true;
            if (http11) {
                frameHttp11(endAt, http, code);
            } else if (keepAliveOption && indexOfIgnoreCase(header, 0, endAt, KEEP_ALIVE) >= 0) {
                keepAlive = true;
                int cl = indexOfIgnoreCase(header, 0, endAt, CONTENT_LENGTH);
                length = cl >= 0 && !head ? atoi(header, cl + 16, endAt) : 0;
            }
        }

        /**
         * virtbench's HTTP/1.1 framing: the connection persists unless the response is HTTP/1.0
         * without "Keep-Alive" or says "Connection: close"; the body is Content-Length bytes, or
         * chunked, or (neither) everything until the server closes.
         */
        void frameHttp11(int endAt, int http, char code) {
            boolean v11 = http >= 0 && endAt - http > 8 && header[http + 5] == '1' && header[http + 7] == '1';
            boolean close = indexOfIgnoreCase(header, 0, endAt, CONNECTION_CLOSE) >= 0;
            boolean ka = indexOfIgnoreCase(header, 0, endAt, KEEP_ALIVE) >= 0;
            int status = http >= 0 && headerBytes - http > 11 ? atoi(header, http + 9, Math.min(endAt, http + 12)) : 500;
            int cl = indexOfIgnoreCase(header, 0, endAt, CONTENT_LENGTH);
            boolean noBody = head || status / 100 == 1 || status == 204 || status == 304;
            if (noBody) {
                length = 0;
            } else if (indexOfIgnoreCase(header, 0, endAt, CHUNKED) >= 0) {
                chunked = true;
                chunkState = CHUNK_SIZE;
            } else if (cl >= 0) {
                length = atoi(header, cl + 15, endAt);
            } else {
                untilClose = true;
            }
            keepAlive = !untilClose && !close && (v11 || ka);
        }

        // chunked transfer coding, scanned only to find where the body ends
        static final int CHUNK_SIZE = 1;
        static final int CHUNK_EXT = 2;
        static final int CHUNK_DATA = 3;
        static final int CHUNK_DATA_END = 4;
        static final int CHUNK_TRAILER = 5;
        static final int CHUNK_TRAILER_LINE = 6;
        static final int CHUNK_DONE = 7;

        void scanChunks(ByteBuf buf, int from, int len) {
            int i = from;
            int stop = from + len;
            while (i < stop && chunkState != CHUNK_DONE) {
                switch (chunkState) {
                    case CHUNK_SIZE -> {
                        int b = buf.getByte(i++);
                        int d = Character.digit(b, 16);
                        if (d >= 0) {
                            chunkLeft = chunkLeft * 16 + d;
                        } else if (b == '\n') {
                            chunkState = chunkLeft == 0 ? CHUNK_TRAILER : CHUNK_DATA;
                        } else if (b != '\r') {
                            chunkState = CHUNK_EXT;
                        }
                    }
                    case CHUNK_EXT -> {
                        if (buf.getByte(i++) == '\n') {
                            chunkState = chunkLeft == 0 ? CHUNK_TRAILER : CHUNK_DATA;
                        }
                    }
                    case CHUNK_DATA -> {
                        int n = (int) Math.min(chunkLeft, stop - i);
                        i += n;
                        chunkLeft -= n;
                        if (chunkLeft == 0) {
                            chunkState = CHUNK_DATA_END;
                        }
                    }
                    case CHUNK_DATA_END -> {
                        if (buf.getByte(i++) == '\n') {
                            chunkState = CHUNK_SIZE;
                        }
                    }
                    case CHUNK_TRAILER -> {
                        int b = buf.getByte(i++);
                        if (b == '\n') {
                            chunkState = CHUNK_DONE;
                        } else if (b != '\r') {
                            chunkState = CHUNK_TRAILER_LINE;
                        }
                    }
                    case CHUNK_TRAILER_LINE -> {
                        if (buf.getByte(i++) == '\n') {
                            chunkState = CHUNK_TRAILER;
                        }
                    }
                    default -> i = stop;
                }
            }
        }

        /** The server closed the connection. */
        @Override
        public void peerClosed(Link l) {
            if (l != link || stopping) {
                return;
            }
            if (state == READING) {
                // ab: EOF ends the response (good++, close_connection)
                good.incrementAndGet();
                closeConnection(true);
            } else if (state == WAITING) {
                // a kept-alive connection closed while waiting for its next paced request
                dropLink();
                reuse = false;
            } else if (state == WRITING) {
                writeFailed();
            }
        }

        @Override
        public void failed(Link l, Throwable cause) {
            if (l != link || stopping || state == CONNECTING) {
                return;
            }
            if (state == WRITING) {
                writeFailed();
            } else if (state == READING) {
                receiveFailed(cause);
            } else {
                // an error on a connection that has nothing in flight (ab: POLLERR, err_except)
                loop.errExcept++;
                dropLink();
                countFailureMaybeAbort("socket error: " + reason(cause));
                startConnect();
            }
        }

        /** ab's write_request failure: "Send request failed!", epipe++, close_connection. */
        void writeFailed() {
            loop.writeErrors++;
            live.println("Send request failed!");
            closeConnection(false);
        }

        /** A recv() error: fatal without -r; with -r a Receive failure and close_connection. */
        void receiveFailed(Throwable cause) {
            if (!recvErrorsOk) {
                dropLink();
                state = IDLE;
                fatal(abError("apr_socket_recv", cause) + "; -r counts receive errors as failures and goes on");
                return;
            }
            loop.errReceive++;
            bad.incrementAndGet();
            closeConnection(false);
        }

        /** -s: a connection with no event for that long. */
        void checkTimeout(long nowNs) {
            if (state < CONNECTING || nowNs - lastEventNs < timeoutNs) {
                return;
            }
            loop.timeouts++;
            if (state == CONNECTING) {
                dropLink();
                if (!everConnected) {
                    startupFailure = "no connection within " + seconds() + " s (-s)";
                    finish(End.FAILED, "apr_socket_connect(): connection timed out");
                    return;
                }
                loop.errConnect++;
                state = IDLE;
                countFailureMaybeAbort("no connection within " + seconds() + " s");
                startConnect();
                return;
            }
            if (!recvErrorsOk) {
                dropLink();
                state = IDLE;
                fatal("no response within " + seconds() + " s (-s) (ab: apr_pollset_poll: The timeout specified has expired"
                        + " (70007)); -r counts it as a failure and goes on");
                return;
            }
            loop.errReceive++;
            bad.incrementAndGet();
            closeConnection(false);
        }

        private String seconds() {
            double s = o.timeout();
            return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
        }

        // ---------------------------------------------------------- completing a request

        /** ab's close_connection: counts the request (length check, timings) and connects again. */
        void closeConnection(boolean wasGood) {
            long now = nowUs();
            lengthCheck(wasGood);
            int slot = done.getAndIncrement();
            dropLink();
            state = IDLE;
            if (slot < requests) {
                record(slot, now);
                loop.lastUs = now;
                if (slot + 1 == requests) {
                    finish(End.COMPLETE, null);
                    return;
                }
            }
            nextIntended();
            startConnect();
        }

        /** A keep-alive response is complete: count it and write the next request on this connection. */
        void keepAliveDone() {
            long now = nowUs();
            good.incrementAndGet();
            lengthCheck(true);
            int slot = done.getAndIncrement();
            if (slot < requests) {
                loop.doneKeepAlive++;
                record(slot, now);
                if (slot + 1 == requests) {
                    loop.lastUs = now;
                    finish(End.COMPLETE, null);
                    return;
                }
            }
            loop.lastUs = now;
            resetResponse();
            // zero connect time with keep-alive (ab)
            startUs = connectUs = now;
            reuse = true;
            nextIntended();
            if (started.get() >= requests) {
                dropLink();
                goIdle();
                return;
            }
            if (rate > 0 && now < intendedUs) {
                state = WAITING;
                return;
            }
            writeRequest();
        }

        void nextIntended() {
            if (rate > 0) {
                k++;
                intendedUs = intendedOf(k);
            }
        }

        /** Document Length: the body of the first completed response; later ones must match (unless -l). */
        void lengthCheck(boolean wasGood) {
            if (wasGood && docLength.get() < 0 && docLength.compareAndSet(-1, bodyRead)) {
                return;
            }
            long doc = Math.max(0, docLength.get());
            if (!variableLength && bodyRead != doc) {
                bad.incrementAndGet();
                loop.errLength++;
            }
        }

        void record(int slot, long now) {
            long ctime = Math.max(0, connectUs - startUs);
            long time = Math.max(0, now - startUs);
            long wait = read == 0 ? 0 : Math.max(0, beginReadUs - endWriteUs);
            timings.set(slot, startUs, ctime, time, wait);
            loop.latency.recordValue(Histograms.clamp(time * 1000));
            if (rate > 0) {
                loop.intended.recordValue(Histograms.clamp(Math.max(0, now - intendedUs) * 1000));
            }
            int n = slot + 1;
            if (heartbeat > 0 && n % heartbeat == 0) {
                progress.println("Completed " + n + " requests");
                progress.flush();
            }
        }

        /** Drops whatever this slot has open (the run has ended). */
        void drop() {
            state = IDLE;
            dropLink();
        }
    }

    // ------------------------------------------------------------------ byte helpers (ab's strstr & co.)

    static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    static final byte[] LFLF = {'\n', '\n'};
    static final byte[] HTTP = {'H', 'T', 'T', 'P'};
    static final byte[] KEEP_ALIVE = lower("Keep-Alive");
    static final byte[] CONTENT_LENGTH = lower("Content-Length:");
    static final byte[] SERVER = lower("Server:");
    static final byte[] CONNECTION_CLOSE = lower("Connection: close");
    static final byte[] CHUNKED = lower("Transfer-Encoding: chunked");

    private static byte[] lower(String s) {
        return s.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** First index of {@code needle} in {@code a[from, to)}, or -1 (case-sensitive, as strstr). */
    static int indexOf(byte[] a, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** First index of lower-case {@code needle} in {@code a[from, to)} ignoring ASCII case (ab's xstrcasestr). */
    static int indexOfIgnoreCase(byte[] a, int from, int to, byte[] needle) {
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                int b = a[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 32;
                }
                if (b != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** C's atoi on {@code a[from, to)}: leading blanks, an optional sign, then digits. */
    static int atoi(byte[] a, int from, int to) {
        int i = from;
        while (i < to && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r' || a[i] == 0x0b || a[i] == '\f')) {
            i++;
        }
        boolean neg = false;
        if (i < to && (a[i] == '-' || a[i] == '+')) {
            neg = a[i] == '-';
            i++;
        }
        long v = 0;
        while (i < to && a[i] >= '0' && a[i] <= '9') {
            v = v * 10 + (a[i] - '0');
            if (v > Integer.MAX_VALUE) {
                v = Integer.MAX_VALUE;
            }
            i++;
        }
        return (int) (neg ? -v : v);
    }

    /** ab's server name: after the first "Server:" (any case) skip 8 bytes, copy bytes above space. */
    static String serverOf(byte[] a, int len) {
        int p = indexOfIgnoreCase(a, 0, len, SERVER);
        if (p < 0) {
            return "";
        }
        p += 8;
        int q = p;
        while (q < len && (a[q] & 0xff) > 32 && q - p < 1023) {
            q++;
        }
        return p >= len ? "" : new String(a, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

}
