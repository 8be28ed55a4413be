package io.virtbench.net.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reads iperf3's control connection (spec A2): the 37-byte cookie, single signed state bytes, JSON
 * objects framed by a 4-byte big-endian length, and the two 4-byte integers that follow a
 * SERVER_ERROR state. The protocol is strictly sequential, so the owner says what comes next
 * ({@link #expect}) from inside each callback; bytes are kept until a whole message is there.
 *
 * <p>Every length is bounded: a JSON length above the limit the owner set, or more buffered bytes
 * than any expected message can need, is a protocol error, never an allocation. An optional
 * deadline ({@link #expect(Expect, int, long)}) turns a peer that stops half-way into an error too.
 */
public final class ControlDecoder extends ChannelInboundHandlerAdapter {

    /** What the next message is. */
    public enum Expect {
        COOKIE, STATE, JSON, ERROR_TRAILER, NOTHING
    }

    /** The owner of the connection: told about each complete message, on the channel's event loop. */
    public interface Listener {
        void cookie(ChannelHandlerContext ctx, byte[] cookie);

        void state(ChannelHandlerContext ctx, byte state);

        void json(ChannelHandlerContext ctx, String json);

        void serverError(ChannelHandlerContext ctx, int ierrno, int errno);

        /** The peer broke the framing, sent too much, or was too slow; {@code ierrno} is iperf3's error number. */
        void protocolError(ChannelHandlerContext ctx, String message, int ierrno);
    }

    /** More than this may not pile up unread while nothing, or one state byte, is expected. */
    private static final int MAX_IDLE_BUFFER = 64 * 1024;

    private final Listener listener;
    private ByteBuf buf;
    private Expect expect;
    private int maxJson;
    private ScheduledFuture<?> deadline;
    private long timeoutMs;
    private boolean failed;

    public ControlDecoder(Listener listener, Expect first, int maxJson) {
        this.listener = listener;
        this.expect = first;
        this.maxJson = maxJson;
    }

    /** The next message kind, with the largest JSON object accepted. */
    public void expect(Expect e, int maxJsonBytes) {
        expect(e, maxJsonBytes, 0);
    }

    /**
     * The next message kind; it must be complete within {@code timeoutMs} (0 = no limit), else
     * {@link Listener#protocolError} reports a timeout.
     */
    public void expect(Expect e, int maxJsonBytes, long timeoutMs) {
        this.expect = e;
        this.maxJson = maxJsonBytes;
        this.timeoutMs = timeoutMs;
        cancelDeadline();
    }

    public void expect(Expect e) {
        expect(e, maxJson, 0);
    }

    public Expect expecting() {
        return expect;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        buf = ctx.alloc().heapBuffer(256);
        if (ctx.channel().isActive()) {
            armDeadline(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        armDeadline(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (failed || buf == null) {
                return;
            }
            buf.writeBytes(in);
        } finally {
            in.release();
        }
        decode(ctx);
    }

    private void decode(ChannelHandlerContext ctx) {
        while (!failed && buf != null && ctx.channel().isOpen()) {
            boolean consumed = switch (expect) {
                case COOKIE -> cookie(ctx);
                case STATE -> state(ctx);
                case JSON -> json(ctx);
                case ERROR_TRAILER -> trailer(ctx);
                case NOTHING -> false;
            };
            if (!consumed) {
                if (buf != null && buf.readableBytes() > MAX_IDLE_BUFFER + (expect == Expect.JSON ? maxJson : 0)) {
                    fail(ctx, "too much unexpected data on the control connection", Iperf3.IEMESSAGE);
                }
                if (buf != null) {
                    buf.discardReadBytes();
                }
                break;
            }
            armDeadline(ctx);
        }
    }

    private boolean cookie(ChannelHandlerContext ctx) {
        if (buf.readableBytes() < Iperf3.COOKIE_SIZE) {
            return false;
        }
        byte[] c = new byte[Iperf3.COOKIE_SIZE];
        buf.readBytes(c);
        completed();
        expect = Expect.NOTHING;
        listener.cookie(ctx, c);
        return true;
    }

    private boolean state(ChannelHandlerContext ctx) {
        if (!buf.isReadable()) {
            return false;
        }
        byte s = buf.readByte();
        completed();
        listener.state(ctx, s);
        return true;
    }

    private boolean json(ChannelHandlerContext ctx) {
        if (buf.readableBytes() < 4) {
            return false;
        }
        long len = buf.getUnsignedInt(buf.readerIndex());
        if (len == 0 || len > maxJson) {
            fail(ctx, "JSON length " + len + " on the control connection is out of bounds (1.." + maxJson + ")",
                    Iperf3.IERECVPARAMS);
            return false;
        }
        if (buf.readableBytes() < 4 + len) {
            return false;
        }
        buf.skipBytes(4);
        String text = buf.readCharSequence((int) len, StandardCharsets.UTF_8).toString();
        completed();
        expect = Expect.NOTHING;
        listener.json(ctx, text);
        return true;
    }

    private boolean trailer(ChannelHandlerContext ctx) {
        if (buf.readableBytes() < 8) {
            return false;
        }
        int ierrno = buf.readInt();
        int errno = buf.readInt();
        completed();
        expect = Expect.NOTHING;
        listener.serverError(ctx, ierrno, errno);
        return true;
    }

    private void completed() {
        cancelDeadline();
    }

    private void fail(ChannelHandlerContext ctx, String message, int ierrno) {
        if (failed) {
            return;
        }
        failed = true;
        cancelDeadline();
        listener.protocolError(ctx, message, ierrno);
    }

    private void armDeadline(ChannelHandlerContext ctx) {
        cancelDeadline();
        if (timeoutMs > 0 && expect != Expect.NOTHING) {
            Expect waitingFor = expect;
            deadline = ctx.executor().schedule(() -> {
                deadline = null;
                if (!failed && expect == waitingFor && ctx.channel().isOpen()) {
                    fail(ctx, "no complete " + describe(waitingFor) + " from the peer within " + timeoutMs + " ms",
                            waitingFor == Expect.COOKIE ? Iperf3.IERECVCOOKIE : Iperf3.IERECVPARAMS);
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    private static String describe(Expect e) {
        return switch (e) {
            case COOKIE -> "cookie";
            case STATE -> "control message";
            case JSON -> "JSON object";
            case ERROR_TRAILER -> "error report";
            case NOTHING -> "message";
        };
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.channelInactive(ctx);
    }
}
