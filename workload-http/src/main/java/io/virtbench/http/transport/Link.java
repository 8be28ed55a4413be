package io.virtbench.http.transport;

import io.netty.buffer.ByteBuf;

/**
 * One TCP connection of a client slot (the ab client's), whatever carries it: a Netty channel
 * ({@link ChannelLink}) or a bare socket on Netty's epoll loop ({@link EpollLink}). Every call and
 * every event happens on the slot's event loop. After {@link #close()} a link reports nothing more.
 */
public abstract class Link {
    /** {@link #write}: all bytes are in the kernel. */
    public static final int WRITTEN = 1;
    /** {@link #write}: the rest follows; {@link Events#written} or {@link Events#writeFailed} tells how it ended. */
    public static final int PENDING = 0;
    /** {@link #write}: the write failed; nothing more is reported about it. */
    public static final int FAILED = -1;
    /**
     * {@link #write} during {@link #start}, when a link reports its connection before it is sure of
     * it: the connection is not made yet and nothing was written; {@link Events#connected} (or
     * {@link Events#connectFailed}) follows when it is known.
     */
    public static final int NOT_CONNECTED = -2;

    /** What a link reports to its slot. {@code data} of {@link #read} is valid during the call only. */
    public interface Events {
        void connected(Link l);

        void connectFailed(Link l, Throwable cause);

        void read(Link l, ByteBuf data);

        void written(Link l);

        void writeFailed(Link l, Throwable cause);

        /** The server closed its side (end of file). */
        void peerClosed(Link l);

        /** An error on the connection outside connecting and writing (a failed receive, a reset). */
        void failed(Link l, Throwable cause);
    }

    /**
     * Connects: {@link Events#connected} or {@link Events#connectFailed} follows (a failure found
     * at once is reported after this call returns). Called once, when the slot holds the link.
     */
    public abstract void start();

    /** Writes {@code request} (its readable bytes, which it consumes). */
    public abstract int write(ByteBuf request);

    /** Closes the connection; idempotent, and no event follows. */
    public abstract void close();
}
