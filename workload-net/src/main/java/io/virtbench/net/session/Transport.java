package io.virtbench.net.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.UnixChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Netty's native epoll transport on Linux (it gives TCP_INFO and file descriptors), NIO
 * elsewhere. {@code -Dvirtbench.net.transport=nio} forces NIO, to test the fallback.
 */
public final class Transport {
    public static final boolean EPOLL = !"nio".equalsIgnoreCase(System.getProperty("virtbench.net.transport")) && Epoll.isAvailable();

    private Transport() {
    }

    /** One event loop thread: a test runs on one thread, as iperf3 3.12 does. */
    public static EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory()) {
            @Override
            protected IoEventLoop newChild(Executor executor, IoHandlerFactory factory, Object... args) {
                return new Loop(this, executor, factory);
            }
        };
    }

    /**
     * Netty's event loop, telling whether one of its timers is due. It fetches due timers only
     * when a pass over its task queue ends, and a pass goes on for up to a second while tasks
     * keep coming (io.netty.eventLoop.maxTaskProcessingQuantumMs); a task that queues itself
     * again asks this first, so that the interval, -O and -t timers fire on time.
     */
    static final class Loop extends SingleThreadIoEventLoop {
        Loop(IoEventLoopGroup parent, Executor executor, IoHandlerFactory factory) {
            super(parent, executor, factory);
        }

        boolean timerDue() {
            return hasScheduledTasks();
        }
    }

    /** True if {@code loop} is one of ours and one of its timers is due. */
    static boolean timerDue(EventLoop loop) {
        return loop instanceof Loop l && l.timerDue();
    }

    public static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerSocketChannel> serverSocketChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends DatagramChannel> datagramChannel() {
        return EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /**
     * A client's datagram channel for a server at {@code target}, bound to {@code bind} (-B, or
     * null): an IPv4 socket for an IPv4 address, as iperf3's client opens (getaddrinfo's family),
     * where Netty's default is a dual-stack IPv6 socket sending to an IPv4-mapped address. Traced
     * at iperf3's default rate: the send's system call to the receiver's wake-up took 30–33 us
     * from an IPv4 socket, 36–40 us from the dual-stack one (iperf3's client: 26–28).
     */
    public static ChannelFactory<DatagramChannel> clientDatagramChannel(InetAddress target, String bind) {
        if (EPOLL && target instanceof Inet4Address && (bind == null || !bind.contains(":"))) {
            return () -> new EpollDatagramChannel(SocketProtocolFamily.INET);
        }
        return EPOLL ? EpollDatagramChannel::new : NioDatagramChannel::new;
    }

    /** The socket's file descriptor (what iperf3 prints as [ ID]), or {@code fallback}. */
    public static int fd(Channel ch, int fallback) {
        if (ch instanceof UnixChannel u) {
            try {
                return u.fd().intValue();
            } catch (RuntimeException e) {
                return fallback;
            }
        }
        return fallback;
    }

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }
}
