package io.virtbench.net.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.virtbench.core.UserException;
import io.virtbench.net.protocol.ControlDecoder;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.protocol.Role;
import io.virtbench.net.protocol.SystemInfo;
import io.virtbench.net.protocol.TestSettings;
import io.virtbench.net.report.IperfOutput;
import io.virtbench.net.session.BlockRecvAllocator;
import io.virtbench.net.session.IperfSession;
import io.virtbench.net.session.Transport;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * iperf3's server (iperf_server_api.c) on Netty, one test at a time, on one event loop thread.
 *
 * <p>Robustness beyond iperf3 3.12 (which blocks in read(2) on a silent client): every
 * connection's cookie, the parameters, the data streams and the client's results must arrive
 * within {@code --ctrl-timeout}; every length and parameter is bounded ({@link ControlDecoder},
 * {@link TestSettings}); a connection that has not sent its whole cookie does not hold the server
 * (the first complete cookie gets the test); a client that dies or vanishes ends its test (control
 * EOF, {@code --rcv-timeout}, or the time + omit + 40 s safety timer) and the next client is served
 * at once.
 */
public final class IperfServer implements AutoCloseable {
    static final String BANNER_LINE = "-----------------------------------------------------------\n";

    final ServerOptions o;
    final IperfOutput out;
    final PrintStream err;
    final EventLoopGroup group;
    final EventLoop loop;
    final CountDownLatch terminated = new CountDownLatch(1);
    final CountDownLatch accepting = new CountDownLatch(1);
    final AtomicInteger testsServed = new AtomicInteger();
    Channel listener;
    int port;
    int testNumber;
    int listenerRcvBuf;
    ServerSession current;
    final List<Channel> pending = new ArrayList<>();
    volatile boolean closing;

    private IperfServer(ServerOptions o, PrintStream out, PrintStream err) {
        this.o = o;
        this.out = new IperfOutput(out);
        this.err = err;
        this.group = Transport.newGroup(1);
        this.loop = group.next();
    }

    /** Binds the listener ({@code -B} address only when given) and starts serving. */
    public static IperfServer start(ServerOptions o, PrintStream out, PrintStream err) {
        return start(o, out, err, true);
    }

    /**
     * Binds the listener and prints the banner at once, as iperf3 does, then warms this JVM up
     * ({@code warmup}, the net module's {@code Warmup::ensure}, which runs a client and a server of
     * its own and so is handed in from above) on a thread of its own before it accepts the first
     * connection. A
     * client that connects meanwhile completes its TCP handshake in the kernel's backlog and waits
     * for the server's first control byte, which iperf3's client and virtbench's wait for without
     * a time limit; its test starts after the warm-up, which therefore never runs beside it.
     */
    public static IperfServer startWarmingUp(ServerOptions o, PrintStream out, PrintStream err, Runnable warmup) {
        IperfServer s = start(o, out, err, false);
        Thread t = new Thread(() -> {
            try {
                warmup.run();
            } finally {
                s.acceptConnections();
            }
        }, "virtbench-server-warmup");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private static IperfServer start(ServerOptions o, PrintStream out, PrintStream err, boolean accept) {
        IperfServer s = new IperfServer(o, out, err);
        try {
            s.bind(accept);
        } catch (RuntimeException e) {
            Transport.shutdown(s.group);
            throw e;
        }
        return s;
    }

    /** Starts accepting connections (after {@link #startWarmingUp}'s warm-up). */
    void acceptConnections() {
        listener.config().setAutoRead(true);
        accepting.countDown();
    }

    /** Waits until the server accepts connections (after its warm-up), for tests and scripts. */
    public boolean awaitAccepting(long timeout, TimeUnit unit) throws InterruptedException {
        return accepting.await(timeout, unit);
    }

    void bind(boolean accept) {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(Transport.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                // a listener that does not read yet leaves new connections in the kernel's backlog
                .option(ChannelOption.AUTO_READ, accept)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted(ch);
                    }
                });
        InetSocketAddress at = o.bind() != null ? new InetSocketAddress(o.bind(), o.port()) : new InetSocketAddress(o.port());
        if (at.isUnresolved()) {
            throw new UserException("cannot listen on " + o.bind() + ": unknown address");
        }
        ChannelFuture f = b.bind(at).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new UserException("unable to start listener for connections: " + f.cause().getMessage()
                    + " (" + at.getHostString() + " port " + o.port() + ")");
        }
        listener = f.channel();
        Integer rb = listener.config().getOption(ChannelOption.SO_RCVBUF);
        listenerRcvBuf = rb == null ? 0 : rb;
        port = ((InetSocketAddress) listener.localAddress()).getPort();
        if (accept) {
            accepting.countDown();
        }
        loop.execute(this::banner);
    }

    /** The port it listens on (the one given, or the one chosen for -p 0). */
    public int port() {
        return port;
    }

    public int testsServed() {
        return testsServed.get();
    }

    /** Waits until the server stops (after one test with -1, or after {@link #close()}). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** Stops: a running test's client gets SERVER_TERMINATE (as on SIGINT/SIGTERM). */
    @Override
    public void close() {
        if (!closing) {
            closing = true;
            CountDownLatch stopped = new CountDownLatch(1);
            loop.execute(() -> {
                try {
                    terminate();
                } finally {
                    stopped.countDown();
                }
            });
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Transport.shutdown(group);
        terminated.countDown();
    }

    // ---------------------------------------------------------------- on the event loop

    void banner() {
        testNumber++;
        if (!o.json()) {
            out.print(BANNER_LINE);
            out.printf("Server listening on %d (test #%d)\n", port, testNumber);
            out.print(BANNER_LINE);
        }
    }

    void error(String message) {
        err.println("virtbench: error - " + message);
        err.flush();
    }

    /** A new TCP connection (iperf_accept / iperf_tcp_accept). */
    void accepted(Channel ch) {
        // set before the first read: a data connection will read whole blocks once the size is known
        ch.config().setRecvByteBufAllocator(new BlockRecvAllocator(Iperf3.COOKIE_SIZE));
        if (closing) {
            ch.close();
            return;
        }
        if (current != null && !current.acceptingTcpStreams()) {
            deny(ch);
            return;
        }
        pending.add(ch);
        ch.closeFuture().addListener(f -> pending.remove(ch));
        Pending p = new Pending(ch);
        p.decoder = new ControlDecoder(p, ControlDecoder.Expect.COOKIE, 0);
        p.decoder.expect(ControlDecoder.Expect.COOKIE, 0, o.ctrlTimeoutMs());
        ch.pipeline().addLast(p.decoder);
        ch.pipeline().addLast(p.closeWatcher);
    }

    /** ACCESS_DENIED: one byte 0xFF, then close, reading nothing. */
    static void deny(Channel ch) {
        ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {Iperf3.ACCESS_DENIED})).addListener(ChannelFutureListener.CLOSE);
    }

    /** A connection whose cookie has not arrived yet; later the control connection of a test. */
    final class Pending implements ControlDecoder.Listener {
        final Channel ch;
        ControlDecoder decoder;
        ControlDecoder.Listener delegate;
        final ChannelInboundHandlerAdapter closeWatcher = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                if (delegate instanceof ServerSession t) {
                    t.controlClosed();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        };

        Pending(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void cookie(ChannelHandlerContext ctx, byte[] cookie) {
            pending.remove(ch);
            if (closing) {
                ch.close();
            } else if (current == null) {
                ServerSession t = new ServerSession(IperfServer.this, ch, decoder, cookie);
                delegate = t;
                current = t;
                t.begin();
            } else if (current.acceptingTcpStreams()) {
                ch.pipeline().remove(closeWatcher);
                current.dataConnection(ch, cookie);
            } else {
                deny(ch);
            }
        }

        @Override
        public void state(ChannelHandlerContext ctx, byte state) {
            if (delegate != null) {
                delegate.state(ctx, state);
            }
        }

        @Override
        public void json(ChannelHandlerContext ctx, String json) {
            if (delegate != null) {
                delegate.json(ctx, json);
            }
        }

        @Override
        public void serverError(ChannelHandlerContext ctx, int ierrno, int errno) {
            if (delegate != null) {
                delegate.serverError(ctx, ierrno, errno);
            }
        }

        @Override
        public void protocolError(ChannelHandlerContext ctx, String message, int ierrno) {
            if (delegate != null) {
                delegate.protocolError(ctx, message, ierrno);
            } else {
                ch.close(); // a cookie that never came: drop the connection
            }
        }
    }

    /** Ctrl-C / close(): iperf_got_sigend on the server. */
    void terminate() {
        if (current != null) {
            current.terminated();
        } else if (o.json()) {
            IperfSession idle = new IperfSession(Role.SERVER, new TestSettings(), true, o.unitFormat(), o.interval(), out);
            idle.jsonStart(SystemInfo.VERSION, SystemInfo.uname());
            idle.jsonError("interrupt - " + Iperf3.errorMessage(Iperf3.IESERVERTERM));
            out.print(idle.jsonFinish() + "\n");
        }
        for (Channel ch : new ArrayList<>(pending)) {
            ch.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    void testEnded(ServerSession t) {
        if (current == t) {
            current = null;
        }
        testsServed.incrementAndGet();
        if (o.oneOff() || closing) {
            if (!closing) {
                closing = true;
                if (listener != null) {
                    listener.close();
                }
                for (Channel ch : new ArrayList<>(pending)) {
                    ch.close();
                }
                terminated.countDown();
            }
        } else {
            banner();
        }
    }
}
