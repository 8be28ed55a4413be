package io.virtbench.http.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.Errors;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A link over a bare non-blocking socket registered with Netty's epoll event loop (Netty 4.2's
 * {@link EpollIoHandle}): the system calls ab makes and fewer, and no channel, pipeline or promise
 * per connection. Without keep-alive a connection makes socket, connect, write, one epoll_ctl
 * (edge-triggered), a read (the response; the end of file comes with its event) and close, plus
 * the getsockname of Netty's socket constructor: ab makes 13 calls per request, Netty's channel 19.
 * With keep-alive the socket is level-triggered: write readiness only while connecting or while
 * a write is unfinished, one read per readiness as ab reads.
 *
 * <p>The write right after connect: on the loopback the kernel completes the handshake inside the
 * non-blocking connect (it still answers EINPROGRESS), so the request can go at once instead of
 * after an epoll event and a getsockopt for the connect's result. The link then reports the
 * connection as made and lets the slot write ({@link Shared#writeAtConnect}); if the write finds
 * the handshake unfinished (EAGAIN, as on any real network) nothing was sent, {@link #write}
 * answers {@link Link#NOT_CONNECTED} and the link waits for epoll as before; if it finds the
 * connect failed, the failure is reported as the connect's, exactly as getsockopt would have
 * given it. Where the early write keeps missing, the loop stops trying.
 */
public final class EpollLink extends Link implements EpollIoHandle {
    private static final EpollIoOps EDGE = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLOUT).with(EpollIoOps.EPOLLRDHUP)
            .with(EpollIoOps.EPOLLET);
    private static final EpollIoOps IN = EpollIoOps.EPOLLIN.with(EpollIoOps.EPOLLRDHUP);
    private static final EpollIoOps IN_OUT = IN.with(EpollIoOps.EPOLLOUT);
    private static final int OUT_BIT = EpollIoOps.EPOLLOUT.value();
    private static final int RDHUP_BIT = EpollIoOps.EPOLLRDHUP.value();

    /** Edge-triggered without write readiness: the request went out whole at once. */
    private static final EpollIoOps EDGE_IN = IN.with(EpollIoOps.EPOLLET);

    /** What the links of one event loop share (touched by that loop only). */
    public static final class Shared {
        /** A direct buffer the loop's links read into (so that the kernel writes it without a copy). */
        final ByteBuf readBuffer;
        /** Whether links write at once after connect (see the class comment). */
        boolean writeAtConnect = true;
        long earlyTries;
        long earlyMisses;

        public Shared(ByteBuf readBuffer) {
            this.readBuffer = readBuffer;
        }

        /** Releases the read buffer (the loop's links are closed). */
        public void release() {
            readBuffer.release();
        }

        /** An early write that found the handshake unfinished: give up once more than a quarter of (at least 16) tries miss. */
        void missed() {
            earlyMisses++;
            if (earlyMisses >= 16 && earlyMisses * 4 > earlyTries) {
                writeAtConnect = false;
            }
        }
    }

    private final IoEventLoop loop;
    private final InetSocketAddress address;
    private final boolean ipv6;
    private final boolean edge;
    private final Shared shared;
    private final ByteBuf readBuffer;
    private final Events events;
    private LinuxSocket socket;
    private IoRegistration registration;
    private EpollIoOps ops;
    private boolean connecting = true;
    /** In {@link #start}: the slot was told of the connection before epoll confirmed it. */
    private boolean early;
    /** The early write found that the connect failed. */
    private IOException earlyFailure;
    private boolean closed;
    private ByteBuf pending;

    /**
     * A connection to {@code address} on {@code loop}. {@code edge}: one edge-triggered
     * registration for the connection's life (for connections that carry one response); else
     * level-triggered. {@code shared}: what the loop's links share.
     */
    public EpollLink(IoEventLoop loop, InetSocketAddress address, boolean ipv6, boolean edge, Shared shared, Events events) {
        this.loop = loop;
        this.address = address;
        this.ipv6 = ipv6;
        this.edge = edge;
        this.shared = shared;
        this.readBuffer = shared.readBuffer;
        this.events = events;
    }

    /** True where this link can run: Netty's epoll transport on {@code loop}. */
    public static boolean usable(io.netty.channel.EventLoop loop) {
        return Transport.epoll() && loop instanceof IoEventLoop l && l.isCompatible(EpollLink.class);
    }

    @Override
    public void start() {
        try {
            socket = LinuxSocket.newSocketStream(ipv6);
            // a connect that completes at once is reported by epoll as writable, like one that completes later
            socket.connect(address);
        } catch (IOException | RuntimeException e) {
            startFailed(e);
            return;
        }
        if (shared.writeAtConnect) {
            // the slot writes its request now (write() below); events.connected may also close this link
            early = true;
            events.connected(this);
            early = false;
            if (earlyFailure != null) {
                IOException cause = earlyFailure;
                loop.execute(() -> failConnect(cause));
                return;
            }
            if (closed) {
                return;
            }
        }
        try {
            Future<IoRegistration> r = loop.register(this);
            if (!r.isSuccess()) {
                throw new IOException("cannot register with the event loop: " + r.cause());
            }
            registration = r.getNow();
            // epoll reports what is ready when the socket is added: a response that came meanwhile included
            ops = connecting || pending != null ? (edge ? EDGE : IN_OUT) : (edge ? EDGE_IN : IN);
            registration.submit(ops);
        } catch (IOException | RuntimeException e) {
            startFailed(e);
        }
    }

    /** No socket (too many open files), a connect refused at once, no registration: reported after {@link #start} returns. */
    private void startFailed(Exception e) {
        Throwable cause = e instanceof io.netty.channel.ChannelException && e.getCause() != null ? e.getCause() : e;
        loop.execute(() -> failConnect(cause));
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
            if (registration != null) { // else given when registering
                registration.submit(o);
            }
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
    public int write(ByteBuf request) {
        if (closed) {
            return FAILED;
        }
        if (early && connecting) {
            shared.earlyTries++;
            try {
                if (writeFirst(request) == 0) {
                    shared.missed();
                    return NOT_CONNECTED; // the handshake is not done: nothing was sent
                }
            } catch (IOException e) {
                earlyFailure = e;
                return NOT_CONNECTED;
            }
            connecting = false;
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

    /**
     * The early write's first system call: bytes written, 0 if the handshake is unfinished. A
     * failed connect makes the write fail with the connect's error (and clears it), so it is
     * turned into the exception getsockopt's answer would have given (finishConnect's).
     */
    private int writeFirst(ByteBuf b) throws IOException {
        java.nio.ByteBuffer from = b.internalNioBuffer(b.readerIndex(), b.readableBytes());
        int n;
        try {
            n = socket.write(from, from.position(), from.limit());
        } catch (Errors.NativeIoException e) {
            Errors.throwConnectException("finishConnect", e.expectedErr());
            throw e; // not reached
        }
        if (n > 0) {
            b.skipBytes(n);
        }
        return n;
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
