package io.virtbench.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A link over a bare non-blocking socket registered with Netty's epoll event loop (Netty 4.2's
 * {@link EpollIoHandle}): the system calls ab makes and fewer, and no channel, pipeline or promise
 * per connection. Without keep-alive a connection makes socket, connect, one epoll_ctl (read and
 * write readiness, edge-triggered), getsockopt (the connect's result), write, two reads (the
 * response, the end of file) and close: ab makes 13 calls per request, Netty's channel 19.
 * With keep-alive the socket is level-triggered: write readiness only while connecting or while
 * a write is unfinished, one read per readiness as ab reads.
 */
final class EpollLink extends Link implements EpollIoHandle {
    private static final EpollIoOps EDGE = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLOUT).with(EpollIoOps.EPOLLRDHUP)
            .with(EpollIoOps.EPOLLET);
    private static final EpollIoOps IN = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLRDHUP);
    private static final EpollIoOps IN_OUT = IN.with(EpollIoOps.EPOLLOUT);
    private static final int OUT_BIT = EpollIoOps.EPOLLOUT.value();
    private static final int RDHUP_BIT = EpollIoOps.EPOLLRDHUP.value();

    private final IoEventLoop loop;
    private final InetSocketAddress address;
    private final boolean ipv6;
    private final boolean edge;
    private final ByteBuf readBuffer;
    private final Events events;
    private LinuxSocket socket;
    private IoRegistration registration;
    private EpollIoOps ops;
    private boolean connecting = true;
    private boolean closed;
    private ByteBuf pending;

    /**
     * A connection to {@code address} on {@code loop}. {@code edge}: one edge-triggered
     * registration for the connection's life (for connections that carry one response); else
     * level-triggered. {@code readBuffer}: a direct buffer the loop's links share for reading (as
     * is the request buffer, so that the kernel reads and writes them without a copy).
     */
    EpollLink(IoEventLoop loop, InetSocketAddress address, boolean ipv6, boolean edge, ByteBuf readBuffer, Events events) {
        this.loop = loop;
        this.address = address;
        this.ipv6 = ipv6;
        this.edge = edge;
        this.readBuffer = readBuffer;
        this.events = events;
    }

    /** True where this link can run: Netty's epoll transport on {@code loop}. */
    static boolean usable(io.netty.channel.EventLoop loop) {
        return Transport.epoll() && loop instanceof IoEventLoop l && l.isCompatible(EpollLink.class);
    }

    @Override
    void start() {
        try {
            socket = LinuxSocket.newSocketStream(ipv6);
            // a connect that completes at once is reported by epoll as writable, like one that completes later
            socket.connect(address);
            Future<IoRegistration> r = loop.register(this);
            if (!r.isSuccess()) {
                throw new IOException("cannot register with the event loop: " + r.cause());
            }
            registration = r.getNow();
            interest(edge ? EDGE : IN_OUT);
        } catch (IOException | RuntimeException e) {
            // no socket (too many open files), or a connect refused at once: reported after this call
            Throwable cause = e instanceof io.netty.channel.ChannelException && e.getCause() != null ? e.getCause() : e;
            loop.execute(() -> failConnect(cause));
        }
    }

    private void failConnect(Throwable cause) {
        if (!closed) {
            close();
            events.connectFailed(this, cause);
        }
    }

    private void interest(EpollIoOps o) {
        if (o != ops) {
            ops = o;
            registration.submit(o);
        }
    }

    @Override
    public FileDescriptor fd() {
        return socket;
    }

    @Override
    public void handle(IoRegistration r, IoEvent event) {
        if (closed) {
            return;
        }
        int ready = ((EpollIoEvent) event).ops().value();
        if (connecting) {
            try {
                if (!socket.finishConnect()) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                failConnect(e);
                return;
            }
            connecting = false;
            if (!edge) {
                interest(IN);
            }
            events.connected(this);
            return; // the request was just written: nothing to read yet
        }
        if (pending != null && (ready & OUT_BIT) != 0) {
            flushPending();
            if (closed) {
                return;
            }
        }
        // read even on write readiness alone (edge-triggered: the request's ACK before the response):
        // the read finds nothing (fewer than 1 in 150 requests against nginx), and the compiled loop
        // has no branch that the warm-up against a fast private server never takes and the first
        // such event in the measured run would deoptimize
        readReady(ready);
    }

    /**
     * Reads what is there: until the kernel has no more when edge-triggered, else once (as ab).
     * Edge-triggered, when the event already carried the peer's end (EPOLLRDHUP: its FIN had
     * arrived, behind all its data), a short read has taken everything and the end of file is
     * next: it is taken from the event instead of from one more read (one system call fewer per
     * request without keep-alive, where the server closes right after its response).
     */
    private void readReady(int ready) {
        java.nio.ByteBuffer into = readBuffer.internalNioBuffer(0, readBuffer.capacity());
        int capacity = readBuffer.capacity();
        do {
            int n;
            try {
                n = socket.read(into, 0, capacity);
            } catch (IOException e) {
                events.failed(this, e);
                return;
            }
            if (n == 0) {
                return; // nothing more for now
            }
            if (n < 0) {
                events.peerClosed(this);
                return;
            }
            readBuffer.setIndex(0, n);
            events.read(this, readBuffer);
            if (n < capacity) {
                if (!edge) {
                    return;
                }
                if ((ready & RDHUP_BIT) != 0) {
                    if (!closed) {
                        events.peerClosed(this);
                    }
                    return;
                }
            }
        } while (!closed);
    }

    @Override
    int write(ByteBuf request) {
        if (closed) {
            return FAILED;
        }
        try {
            writeSome(request);
        } catch (IOException e) {
            return FAILED;
        }
        if (!request.isReadable()) {
            return WRITTEN;
        }
        pending = request;
        if (!edge) {
            interest(IN_OUT);
        }
        return PENDING;
    }

    private void writeSome(ByteBuf b) throws IOException {
        while (b.isReadable()) {
            java.nio.ByteBuffer from = b.internalNioBuffer(b.readerIndex(), b.readableBytes());
            int n = socket.write(from, from.position(), from.limit());
            if (n <= 0) {
                return; // the send buffer is full: go on when writable
            }
            b.skipBytes(n);
        }
    }

    private void flushPending() {
        ByteBuf b = pending;
        try {
            writeSome(b);
        } catch (IOException e) {
            pending = null;
            events.writeFailed(this, e);
            return;
        }
        if (!b.isReadable()) {
            pending = null;
            if (!edge) {
                interest(IN);
            }
            events.written(this);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        if (socket != null) {
            try {
                // closed before the registration is cancelled: the kernel drops it from epoll, no epoll_ctl
                socket.close();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
        if (registration != null) {
            registration.cancel();
        }
    }
}
