package io.virtbench.http.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Netty's native epoll transport on Linux, NIO elsewhere (or when the native library cannot
 * load). Set {@code -Dvirtbench.transport=nio} to force NIO.
 */
public final class Transport {
    /** Upper bound of {@code --threads} (event-loop threads) of the client and the server. */
    public static final int MAX_THREADS = 256;

    private Transport() {
    }

    /** Decided once, when the first connection or server needs it. */
    private static final class Choice {
        static final boolean EPOLL = !"nio".equalsIgnoreCase(System.getProperty("virtbench.transport")) && Epoll.isAvailable();
    }

    /** True when the epoll transport is used. */
    public static boolean epoll() {
        return Choice.EPOLL;
    }

    /** "epoll" or "nio". */
    public static String name() {
        return epoll() ? "epoll" : "nio";
    }

    public static EventLoopGroup group(int threads, String namePrefix) {
        IoHandlerFactory f = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, daemonThreads(namePrefix), f);
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return epoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * Turns off Netty's buffer-leak sampling for benchmark runs (it records a stack trace for
     * one buffer in 128), unless {@code -Dio.netty.leakDetection.level} asks for it.
     */
    public static void benchmarkMode() {
        if (System.getProperty("io.netty.leakDetection.level") == null && System.getProperty("io.netty.leakDetectionLevel") == null) {
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * A new, unregistered client socket channel of this transport, of the target's address
     * family (an IPv4 socket for an IPv4 target: no dual-stack option or mapped addresses).
     */
    public static SocketChannel newSocketChannel(boolean ipv6) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        return epoll() ? new EpollSocketChannel(family) : new NioSocketChannel();
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Stops {@code group} at once (no quiet period: a CLI must not exit 2 s late). */
    public static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Event-loop threads are daemons, so a forgotten group never keeps the JVM alive. */
    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new io.netty.util.concurrent.FastThreadLocalThread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
