package io.virtbench.net.latency;

import io.virtbench.core.UserException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of {@link PingPong}, as {@code sockperf server}: answers every pong request
 * with the same bytes, the client flag cleared, on UDP and on TCP at once, on one port (sockperf
 * serves one protocol per process). One thread receives the datagrams; each TCP connection has
 * its own thread (at most {@link #MAX_CONNECTIONS}), which reads the messages framed by their
 * length field. A TCP message longer than sockperf's limit closes its connection, as sockperf's
 * server does. Buffers are direct and reused.
 */
public final class LatencyServer implements AutoCloseable {
    static final int MAX_CONNECTIONS = 64;
    private static final int BIND_ATTEMPTS = 20;

    private final DatagramChannel udp;
    private final ServerSocketChannel tcp;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LatencyServer(DatagramChannel udp, ServerSocketChannel tcp) {
        this.udp = udp;
        this.tcp = tcp;
    }

    /**
     * Listens on {@code bind} (null: every address) and {@code port} for UDP and TCP; with port 0
     * on a port number free for both.
     */
    public static LatencyServer start(String bind, int port) {
        if (port < 0 || port > 65535) {
            throw UserException.usage("invalid value for -p/--port: " + port + " (must be 0..65535)");
        }
        InetAddress address = bind == null ? null : PingPongWorker.resolve(bind);
        IOException last = null;
        for (int i = 0; i < (port == 0 ? BIND_ATTEMPTS : 1); i++) {
            ServerSocketChannel t = null;
            DatagramChannel u = null;
            try {
                t = ServerSocketChannel.open();
                t.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                t.bind(new InetSocketAddress(address, port), 128);
                int p = ((InetSocketAddress) t.getLocalAddress()).getPort();
                u = DatagramChannel.open();
                u.bind(new InetSocketAddress(address, p));
                LatencyServer s = new LatencyServer(u, t);
                s.startThreads();
                return s;
            } catch (IOException e) {
                last = e;
                closeQuietly(t);
                closeQuietly(u);
                if (!(e instanceof BindException)) {
                    break;
                }
            }
        }
        throw new UserException("cannot listen on " + (bind == null ? "every address" : bind) + " port " + port + ": "
                + last.getMessage(), last);
    }

    public int port() {
        return tcp.socket().getLocalPort();
    }

    private void startThreads() {
        daemon("virtbench-latency-udp", this::serveUdp).start();
        daemon("virtbench-latency-accept", this::accept).start();
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void serveUdp() {
        ByteBuffer b = ByteBuffer.allocateDirect(Sockperf.MAX_UDP);
        while (!closed) {
            try {
                b.clear();
                SocketAddress from = udp.receive(b);
                int end = b.position();
                int at = 0;
                // a datagram may hold several messages, each framed by its length
                while (end - at >= Sockperf.HEADER) {
                    int length = Sockperf.length(b, at);
                    if (length < Sockperf.HEADER || length > end - at) {
                        break;
                    }
                    answer(b, at, length, from);
                    at += length;
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // one datagram that could not be answered (ICMP unreachable, buffer full): go on
            }
        }
    }

    private void answer(ByteBuffer b, int at, int length, SocketAddress to) throws IOException {
        int flags = Sockperf.flags(b, at);
        if (Sockperf.wantsPong(flags)) {
            Sockperf.markAnswer(b, at, flags);
            b.limit(at + length).position(at);
            try {
                udp.send(b, to);
            } finally {
                b.limit(b.capacity());
            }
        }
    }

    private void accept() {
        while (!closed) {
            SocketChannel c;
            try {
                c = tcp.accept();
            } catch (IOException e) {
                return;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                closeQuietly(c);
                continue;
            }
            connections.add(c);
            daemon("virtbench-latency-tcp", () -> serveTcp(c)).start();
        }
    }

    private void serveTcp(SocketChannel c) {
        try (c) {
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
            while (!closed) {
                if (c.read(b) < 0) {
                    return;
                }
                b = answerAll(c, b);
                if (b == null) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            connections.remove(c);
        }
    }

    /**
     * Answers the complete messages at the start of {@code b} (in write mode), keeps a partial
     * one, and returns the buffer to read on into: a larger one when a message needs it, null
     * when a message is longer than sockperf takes (the connection is then closed).
     */
    private static ByteBuffer answerAll(SocketChannel c, ByteBuffer b) throws IOException {
        int end = b.position();
        int at = 0;
        while (end - at >= Sockperf.HEADER) {
            int length = Sockperf.length(b, at);
            if (length < Sockperf.HEADER || length > Sockperf.MAX_TCP) {
                return null;
            }
            if (length > end - at) {
                break;
            }
            int flags = Sockperf.flags(b, at);
            if (Sockperf.wantsPong(flags)) {
                Sockperf.markAnswer(b, at, flags);
                b.limit(at + length).position(at);
                while (b.hasRemaining()) {
                    c.write(b);
                }
                b.limit(b.capacity());
            }
            at += length;
        }
        b.limit(end).position(at);
        int need = end - at >= Sockperf.HEADER ? Sockperf.length(b, at) : Sockperf.HEADER;
        ByteBuffer into = need > b.capacity() ? ByteBuffer.allocateDirect(need) : b;
        if (into == b) {
            b.compact();
        } else {
            into.put(b);
        }
        return into;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(udp);
        closeQuietly(tcp);
        for (SocketChannel c : connections) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
