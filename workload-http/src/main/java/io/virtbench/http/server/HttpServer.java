package io.virtbench.http.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;
import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.http.transport.Transport;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code virtbench http serve}: a small HTTP/1.1 server on Netty to run inside a guest, the
 * target of {@code virtbench http bench} (or ab, or wrk). Routes:
 * <ul>
 *   <li>{@code /} (and {@code /index.html}): a static page of {@code --page-size} bytes (default
 *       1021, the size of the page the study's server returned);</li>
 *   <li>{@code /cpu?n=N}: CPU-bound: the prime count of one sysbench cpu event with
 *       {@code --cpu-max-prime=N} (default 10000), computed on a pool of one thread per core,
 *       never on an event loop;</li>
 *   <li>{@code /db}: with {@code --db-url}, one row of sysbench's sbtest1 by a random id
 *       ({@code SELECT c FROM sbtest1 WHERE id=?}) through HikariCP, on a thread pool of the
 *       pool's size.</li>
 * </ul>
 * HTTP/1.0 keep-alive (as ab -k asks) and HTTP/1.1 persistent connections and pipelining;
 * request line + headers at most {@code --max-header-size} bytes (414 when the request line
 * alone is longer, else 431), bodies at most {@code --max-body-size} (413); the connection is
 * closed after those errors. It listens only on the address given.
 */
public final class HttpServer implements AutoCloseable {
    private final ServeOptions options;
    private final EventLoopGroup group;
    private final Channel listener;
    private final byte[] page;
    private final SbtestReader db;
    private final ExecutorService dbPool;
    private final ExecutorService cpuPool;
    /** Requests of {@code /cpu} or {@code /db} each pool lets wait for a thread (ab's -c is at most 20000). */
    static final int QUEUE_LIMIT = 20_000;
    private final Queue<Stats> stats = new ConcurrentLinkedQueue<>();
    private final FastThreadLocal<Stats> loopStats = new FastThreadLocal<>() {
        @Override
        protected Stats initialValue() {
            Stats s = new Stats();
            stats.add(s);
            return s;
        }
    };
    /** The page as one pooled buffer per event loop, for pages too large to copy per response. */
    private final FastThreadLocal<ByteBuf> bigPage = new FastThreadLocal<>() {
        @Override
        protected ByteBuf initialValue() {
            return PooledByteBufAllocator.DEFAULT.directBuffer(page.length).writeBytes(page);
        }
    };

    /** Requests answered, by status class; one per event loop, summed by {@link #served}. */
    static final class Stats {
        long ok;
        long clientErrors;
        long serverErrors;
        long connections;
    }

    private HttpServer(ServeOptions o) throws InterruptedException {
        this.options = o;
        this.page = page(o.pageSize());
        InetAddress address;
        try {
            address = InetAddress.getByName(o.bind());
        } catch (UnknownHostException e) {
            throw UserException.usage("invalid value for --bind: cannot resolve '" + o.bind() + "'");
        }
        SbtestReader reader = null;
        ExecutorService pool = null;
        if (o.dbUrl() != null) {
            try {
                reader = SbtestReader.open(o);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof UserException u) {
                    throw u;
                }
                throw new UserException("cannot open the database: " + e.getCause(), e);
            } catch (UserException e) {
                throw e;
            } catch (Exception e) {
                throw new UserException("cannot open the database: " + e, e);
            }
            pool = pool("virtbench-db-", o.dbPoolSize());
        }
        this.db = reader;
        this.dbPool = pool;
        this.cpuPool = pool("virtbench-cpu-", Runtime.getRuntime().availableProcessors());
        this.group = Transport.group(o.effectiveThreads(), "virtbench-serve");
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(Transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (options.idleTimeout() > 0) {
                            // reader idle only: an all-idle or writer-idle handler would wrap every write's promise
                            ch.pipeline().addLast(new IdleStateHandler((long) (options.idleTimeout() * 1000), 0, 0,
                                    TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline().addLast(new ServerConnection(HttpServer.this));
                    }
                });
        try {
            this.listener = b.bind(new InetSocketAddress(address, o.port())).sync().channel();
        } catch (Exception e) {
            close();
            String why = e instanceof BindException || e.getCause() instanceof BindException || String.valueOf(e.getMessage())
                    .contains("in use") ? "address already in use" : String.valueOf(e.getMessage());
            throw new UserException("cannot listen on " + o.bind() + ":" + o.port() + ": " + why, e);
        }
    }

    /**
     * The threads that run {@code /cpu} or {@code /db} off the event loops, with a bounded queue:
     * a request beyond {@link #QUEUE_LIMIT} waiting ones is answered 503 at once.
     */
    private static ExecutorService pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_LIMIT), r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a server; a port of 0 picks a free one (see {@link #port}). */
    public static HttpServer start(ServeOptions o) throws InterruptedException {
        return new HttpServer(o);
    }

    public ServeOptions options() {
        return options;
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** {@code http://bind:port/} for clients. */
    public String url(String path) {
        String host = options.bind().indexOf(':') >= 0 ? "[" + options.bind() + "]" : options.bind();
        if ("0.0.0.0".equals(host)) {
            host = "127.0.0.1";
        } else if ("[::]".equals(host)) {
            host = "[::1]";
        }
        return "http://" + host + ":" + port() + path;
    }

    byte[] pageBytes() {
        return page;
    }

    /** Bytes of the page every GET of / answers with. */
    public int pageLength() {
        return page.length;
    }

    ByteBuf bigPage() {
        return bigPage.get();
    }

    Stats stats() {
        return loopStats.get();
    }

    SbtestReader db() {
        return db;
    }

    ExecutorService dbPool() {
        return dbPool;
    }

    ExecutorService cpuPool() {
        return cpuPool;
    }

    /** Responses sent so far by class, and connections accepted. */
    public record Served(long ok, long clientErrors, long serverErrors, long connections) {
    }

    /** Responses sent so far, and connections accepted. */
    public Served served() {
        long ok = 0;
        long clientErrors = 0;
        long serverErrors = 0;
        long connections = 0;
        for (Stats s : stats) {
            ok += s.ok;
            clientErrors += s.clientErrors;
            serverErrors += s.serverErrors;
            connections += s.connections;
        }
        return new Served(ok, clientErrors, serverErrors, connections);
    }

    /**
     * Waits (at most {@code timeoutMs}) until at least {@code count} 2xx responses were sent and
     * returns how many: a response counts once written, which may be just after its client read it.
     */
    public long awaitServed(long count, long timeoutMs) throws InterruptedException {
        Deadline deadline = Deadline.inMillis(timeoutMs);
        long served = served().ok();
        while (served < count && !deadline.passed()) {
            Thread.sleep(2);
            served = served().ok();
        }
        return served;
    }

    /** Blocks until {@code stop} is raised. */
    public void awaitStop(io.virtbench.core.harness.StopSignal stop) throws InterruptedException {
        Object lock = new Object();
        try (AutoCloseable ignored = stop.onRequest(() -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        })) {
            synchronized (lock) {
                while (!stop.requested() && listener.isOpen()) {
                    lock.wait(200);
                }
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (group != null) {
            Transport.shutdown(group);
        }
        if (dbPool != null) {
            dbPool.shutdownNow();
        }
        if (cpuPool != null) {
            cpuPool.shutdownNow();
        }
        if (db != null) {
            db.close();
        }
    }

    /**
     * The static page: a small HTML document of exactly {@code size} bytes (filled with 'x'),
     * or just 'x' bytes when {@code size} is below the markup's own size.
     */
    static byte[] page(int size) {
        String head = "<!DOCTYPE html>\n<html><head><title>virtbench</title></head><body><p>";
        String tail = "</p></body></html>\n";
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) 'x');
        if (size >= head.length() + tail.length()) {
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(h, 0, b, 0, h.length);
            System.arraycopy(t, 0, b, size - t.length, t.length);
        }
        return b;
    }
}
