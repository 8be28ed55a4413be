package io.virtbench.http.server;

import static io.virtbench.http.server.HttpBytes.ascii;
import static io.virtbench.http.server.HttpBytes.contains;
import static io.virtbench.http.server.HttpBytes.nameIs;
import static io.virtbench.http.server.HttpBytes.number;
import static io.virtbench.http.server.HttpBytes.queryNumber;
import static io.virtbench.http.server.HttpBytes.startsWith;
import static io.virtbench.http.server.HttpBytes.writeDecimal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.FastThreadLocal;
import io.virtbench.core.sysbench.Primes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection of {@link HttpServer}: reads HTTP/1.x requests straight from Netty's
 * buffers (no request objects, no strings) and writes each response into one pooled buffer.
 * Requests may be pipelined; responses are flushed once per read.
 */
final class ServerConnection extends ByteToMessageDecoder {
    private static final int HEAD = 0;
    private static final int BODY = 1;
    private static final int CHUNK_SIZE = 2;
    private static final int CHUNK_EXT = 3;
    private static final int CHUNK_DATA = 4;
    private static final int CHUNK_DATA_END = 5;
    private static final int CHUNK_TRAILER = 6;
    private static final int CHUNK_TRAILER_LINE = 7;
    private static final int CLOSED = 8;

    private static final int ROUTE_PAGE = 1;
    private static final int ROUTE_CPU = 2;
    private static final int ROUTE_DB = 3;
    private static final int ROUTE_NONE = 4;

    private static final byte[] SERVER = ascii("Server: virtbench\r\nDate: ");
    private static final byte[] TEXT_HTML = ascii("\r\nContent-Type: text/html\r\nContent-Length: ");
    private static final byte[] TEXT_PLAIN = ascii("\r\nContent-Type: text/plain\r\nContent-Length: ");
    private static final byte[] KEEP_ALIVE = ascii("\r\nConnection: keep-alive\r\n\r\n");
    private static final byte[] CLOSE = ascii("\r\nConnection: close\r\n\r\n");
    private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final byte[][] STATUS = new byte[600][];

    static {
        status(200, "OK");
        status(400, "Bad Request");
        status(404, "Not Found");
        status(413, "Content Too Large");
        status(414, "URI Too Long");
        status(431, "Request Header Fields Too Large");
        status(500, "Internal Server Error");
        status(503, "Service Unavailable");
        status(505, "HTTP Version Not Supported");
    }

    private static void status(int code, String reason) {
        STATUS[code] = ascii("HTTP/1.1 " + code + " " + reason + "\r\n");
    }

    /** The Date header value, formatted once per second per event loop. */
    private static final FastThreadLocal<DateCache> DATE = new FastThreadLocal<>() {
        @Override
        protected DateCache initialValue() {
            return new DateCache();
        }
    };

    private static final class DateCache {
        private static final DateTimeFormatter RFC_1123 =
                DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
        long second = Long.MIN_VALUE;
        byte[] value;

        byte[] now() {
            long s = System.currentTimeMillis() / 1000;
            if (s != second) {
                second = s;
                value = ascii(RFC_1123.format(Instant.ofEpochSecond(s)));
            }
            return value;
        }
    }

    private final HttpServer server;
    private final int maxHeader;
    private final long maxBody;
    private int state = HEAD;
    // the request being read
    private boolean keepAlive;
    private boolean head;
    private int route;
    private long cpuN;
    private int error;
    private long bodyLeft;
    private long bodyTotal;
    private long chunkLeft;
    private boolean waiting;
    private ChannelHandlerContext context;

    ServerConnection(HttpServer server) {
        this.server = server;
        this.maxHeader = server.options().maxHeaderSize();
        this.maxBody = server.options().maxBodySize();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        server.stats().connections++;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && !waiting) {
            switch (state) {
                case HEAD -> {
                    if (!readHead(ctx, in)) {
                        return;
                    }
                }
                case BODY -> {
                    int n = (int) Math.min(bodyLeft, in.readableBytes());
                    in.skipBytes(n);
                    bodyLeft -= n;
                    if (bodyLeft == 0) {
                        respond(ctx);
                    }
                }
                case CLOSED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                default -> {
                    if (!readChunks(ctx, in)) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        super.channelReadComplete(ctx);
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client that resets its connection is nothing to report
        ctx.close();
    }

    // ------------------------------------------------------------------ request head

    /** Reads a request line and headers if they are all there; false to wait for more bytes. */
    private boolean readHead(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int avail = in.writerIndex();
        int limit = Math.min(avail, start + maxHeader);
        int firstLf = in.indexOf(start, limit, (byte) '\n');
        if (firstLf < 0) {
            if (avail - start >= maxHeader) {
                reject(ctx, in, 414);
            }
            return false;
        }
        // find the empty line that ends the head
        int p = firstLf;
        int end = -1;
        while (p >= 0) {
            int next = p + 1;
            if (next < limit && in.getByte(next) == '\n') {
                end = next + 1;
                break;
            }
            if (next + 1 < limit && in.getByte(next) == '\r' && in.getByte(next + 1) == '\n') {
                end = next + 2;
                break;
            }
            p = in.indexOf(next, limit, (byte) '\n');
        }
        if (end < 0) {
            if (avail - start >= maxHeader) {
                reject(ctx, in, 431);
            }
            return false;
        }
        parseHead(in, start, firstLf, end);
        in.readerIndex(end);
        if (error != 0) {
            reject(ctx, in, error);
            return false;
        }
        if (bodyTotal > maxBody) {
            reject(ctx, in, 413);
            return false;
        }
        if (state == HEAD) {
            respond(ctx);
        }
        return true;
    }

    private void parseHead(ByteBuf in, int start, int firstLf, int end) {
        keepAlive = false;
        head = false;
        route = ROUTE_NONE;
        cpuN = ServeOptions.DEFAULT_CPU_N;
        error = 0;
        bodyLeft = 0;
        bodyTotal = 0;
        chunkLeft = 0;
        state = HEAD;
        boolean v11 = requestLine(in, start, firstLf);
        if (error != 0) {
            return;
        }
        boolean close = false;
        boolean ka = false;
        boolean chunked = false;
        boolean expect = false;
        long length = 0;
        int line = firstLf + 1;
        while (line < end) {
            int lf = in.indexOf(line, end, (byte) '\n');
            int le = lf > line && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            if (le == line) {
                break; // the empty line
            }
            int b0 = in.getByte(line);
            if (b0 != ' ' && b0 != '\t') {
                int colon = in.indexOf(line, le, (byte) ':');
                if (colon <= line) {
                    error = 400;
                    return;
                }
                int n = colon - line;
                if (n == 14 && nameIs(in, line, "content-length")) {
                    length = number(in, colon + 1, le);
                    if (length < 0) {
                        error = 400;
                        return;
                    }
                } else if (n == 10 && nameIs(in, line, "connection")) {
                    close |= contains(in, colon + 1, le, "close");
                    ka |= contains(in, colon + 1, le, "keep-alive");
                } else if (n == 17 && nameIs(in, line, "transfer-encoding")) {
                    chunked = contains(in, colon + 1, le, "chunked");
                    if (!chunked) {
                        error = 400; // no other transfer coding is understood
                        return;
                    }
                } else if (n == 6 && nameIs(in, line, "expect")) {
                    expect = contains(in, colon + 1, le, "100-continue");
                }
            }
            line = lf + 1;
        }
        keepAlive = !close && (v11 || ka);
        if (chunked) {
            state = CHUNK_SIZE;
        } else if (length > 0) {
            state = BODY;
            bodyLeft = length;
            bodyTotal = length;
        }
        if (expect && (chunked || length > 0) && length <= maxBody && v11) {
            context.write(Unpooled.wrappedBuffer(CONTINUE), context.voidPromise());
        }
    }

    /**
     * The request line from {@code start} to the line feed {@code firstLf}: the method (HEAD or
     * not) and the route; whether it is HTTP/1.1. A bad line sets {@link #error}.
     */
    private boolean requestLine(ByteBuf in, int start, int firstLf) {
        int lineEnd = firstLf > start && in.getByte(firstLf - 1) == '\r' ? firstLf - 1 : firstLf;
        int sp1 = in.indexOf(start, lineEnd, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : in.indexOf(sp1 + 1, lineEnd, (byte) ' ');
        if (sp1 <= start || sp2 <= sp1 + 1) {
            error = 400;
            return false;
        }
        // version: HTTP/1.0 or HTTP/1.1
        if (lineEnd - (sp2 + 1) != 8 || !startsWith(in, sp2 + 1, "HTTP/1.")) {
            error = lineEnd - (sp2 + 1) >= 5 && startsWith(in, sp2 + 1, "HTTP/") ? 505 : 400;
            return false;
        }
        byte minor = in.getByte(sp2 + 8);
        if (minor != '0' && minor != '1') {
            error = 505;
            return false;
        }
        head = sp1 - start == 4 && startsWith(in, start, "HEAD");
        route(in, sp1 + 1, sp2);
        return minor == '1';
    }

    /** Sets the route from the request target {@code [from, to)}. */
    private void route(ByteBuf in, int from, int to) {
        if (in.getByte(from) != '/') {
            route = ROUTE_NONE;
            return;
        }
        int q = in.indexOf(from, to, (byte) '?');
        int pathEnd = q < 0 ? to : q;
        int len = pathEnd - from;
        if (len == 1 || (len == 11 && startsWith(in, from, "/index.html"))) {
            route = ROUTE_PAGE;
        } else if (len == 4 && startsWith(in, from, "/cpu")) {
            route = ROUTE_CPU;
            if (q >= 0) {
                cpuN = queryNumber(in, q + 1, to, "n=");
            }
        } else if (len == 3 && startsWith(in, from, "/db")) {
            route = ROUTE_DB;
        } else {
            route = ROUTE_NONE;
        }
    }

    // ------------------------------------------------------------------ chunked request bodies

    private boolean readChunks(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            switch (state) {
                case CHUNK_SIZE -> {
                    int b = in.readByte();
                    int d = Character.digit(b, 16);
                    if (d >= 0) {
                        chunkLeft = chunkLeft * 16 + d;
                        if (chunkLeft > maxBody) {
                            reject(ctx, in, 413);
                            return false;
                        }
                    } else if (b == '\n') {
                        state = chunkLeft == 0 ? CHUNK_TRAILER : CHUNK_DATA;
                    } else if (b != '\r') {
                        state = CHUNK_EXT;
                    }
                }
                case CHUNK_EXT -> {
                    if (in.readByte() == '\n') {
                        state = chunkLeft == 0 ? CHUNK_TRAILER : CHUNK_DATA;
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkLeft, in.readableBytes());
                    in.skipBytes(n);
                    chunkLeft -= n;
                    bodyTotal += n;
                    if (bodyTotal > maxBody) {
                        reject(ctx, in, 413);
                        return false;
                    }
                    if (chunkLeft == 0) {
                        state = CHUNK_DATA_END;
                    }
                }
                case CHUNK_DATA_END -> {
                    if (in.readByte() == '\n') {
                        state = CHUNK_SIZE;
                    }
                }
                case CHUNK_TRAILER -> {
                    int b = in.readByte();
                    if (b == '\n') {
                        state = HEAD;
                        respond(ctx);
                        return true;
                    } else if (b != '\r') {
                        state = CHUNK_TRAILER_LINE;
                    }
                }
                case CHUNK_TRAILER_LINE -> {
                    if (in.readByte() == '\n') {
                        state = CHUNK_TRAILER;
                    }
                }
                default -> {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ responses

    private void respond(ChannelHandlerContext ctx) {
        state = HEAD;
        HttpServer.Stats st = server.stats();
        switch (route) {
            case ROUTE_PAGE -> {
                byte[] page = server.pageBytes();
                if (page.length <= 16384 || head) {
                    ByteBuf buf = header(ctx, 200, TEXT_HTML, page.length, head ? 0 : page.length);
                    if (!head) {
                        buf.writeBytes(page);
                    }
                    send(ctx, buf);
                } else {
                    ByteBuf buf = header(ctx, 200, TEXT_HTML, page.length, 0);
                    ctx.write(buf, ctx.voidPromise());
                    send(ctx, server.bigPage().retainedDuplicate());
                }
                st.ok++;
            }
            case ROUTE_CPU -> {
                if (cpuN < 1 || cpuN > server.options().cpuMax()) {
                    text(ctx, 400, "n must be 1.." + server.options().cpuMax() + "\n");
                    st.clientErrors++;
                    return;
                }
                long n = cpuN;
                boolean headRequest = head;
                offload(ctx, server.cpuPool(), () -> Long.toString(Primes.count(n)), (primes, failure) -> {
                    byte[] body = (primes + "\n").getBytes(StandardCharsets.US_ASCII);
                    ByteBuf buf = header(ctx, 200, TEXT_PLAIN, body.length, headRequest ? 0 : body.length);
                    if (!headRequest) {
                        buf.writeBytes(body);
                    }
                    send(ctx, buf);
                    server.stats().ok++;
                });
            }
            case ROUTE_DB -> db(ctx);
            default -> {
                text(ctx, 404, "not found (routes: /, /cpu?n=N, /db)\n");
                st.clientErrors++;
            }
        }
    }

    /** {@code /db}: one row by a random id, read on the database pool. */
    private void db(ChannelHandlerContext ctx) {
        SbtestReader reader = server.db();
        if (reader == null) {
            text(ctx, 404, "no database: start the server with --db-url\n");
            server.stats().clientErrors++;
            return;
        }
        boolean headRequest = head;
        int id = 1 + ThreadLocalRandom.current().nextInt(server.options().dbTableSize());
        offload(ctx, server.dbPool(), () -> reader.read(id), (value, failure) -> {
            HttpServer.Stats st = server.stats();
            if (failure != null) {
                text(ctx, 500, "database error: " + failure.replace('\n', ' ') + "\n");
                st.serverErrors++;
            } else if (value == null) {
                text(ctx, 404, "no row with id " + id + " in sbtest1\n");
                st.clientErrors++;
            } else {
                byte[] body = (value + "\n").getBytes(StandardCharsets.UTF_8);
                ByteBuf buf = header(ctx, 200, TEXT_PLAIN, body.length, headRequest ? 0 : body.length);
                if (!headRequest) {
                    buf.writeBytes(body);
                }
                send(ctx, buf);
                st.ok++;
            }
        });
    }

    /** Sends the response to work done off the event loop: its result, or the failure's message. */
    private interface Reply {
        void send(String value, String failure);
    }

    /**
     * Runs {@code work} on {@code pool}, off the event loop, so that slow routes (/cpu, /db)
     * never hold up the static page or other connections; the reply is sent back on the event
     * loop. This connection reads no further request meanwhile (responses stay in order). A full
     * queue is a 503 at once rather than an ever-growing backlog.
     */
    private void offload(ChannelHandlerContext ctx, ExecutorService pool, Callable<String> work, Reply reply) {
        waiting = true;
        try {
            pool.execute(() -> {
                String value = null;
                String failure = null;
                try {
                    value = work.call();
                } catch (Exception e) {
                    failure = String.valueOf(e.getMessage());
                }
                String v = value;
                String f = failure;
                ctx.channel().eventLoop().execute(() -> resume(ctx, () -> reply.send(v, f)));
            });
        } catch (RejectedExecutionException e) {
            waiting = false;
            text(ctx, 503, pool.isShutdown() ? "server is stopping\n" : "server busy: too many /cpu or /db requests queued\n");
            server.stats().serverErrors++;
        }
    }

    private void resume(ChannelHandlerContext ctx, Runnable respond) {
        waiting = false;
        respond.run();
        ctx.flush();
        // requests that arrived meanwhile are still in the cumulation buffer
        if (state != CLOSED && internalBuffer().isReadable() && ctx.channel().isActive()) {
            try {
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
                ctx.flush();
            } catch (Exception e) {
                ctx.close();
            }
        }
    }

    /** An error response that ends the connection (malformed or oversized request). */
    private void reject(ChannelHandlerContext ctx, ByteBuf in, int status) {
        keepAlive = false;
        head = false;
        String body = switch (status) {
            case 413 -> "request body larger than " + maxBody + " bytes\n";
            case 414 -> "request line longer than " + maxHeader + " bytes\n";
            case 431 -> "request header larger than " + maxHeader + " bytes\n";
            case 505 -> "HTTP/1.0 and HTTP/1.1 only\n";
            default -> "bad request\n";
        };
        text(ctx, status, body);
        server.stats().clientErrors++;
        in.skipBytes(in.readableBytes());
        state = CLOSED;
    }

    private void text(ChannelHandlerContext ctx, int status, String body) {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = header(ctx, status, TEXT_PLAIN, b.length, head ? 0 : b.length);
        if (!head) {
            buf.writeBytes(b);
        }
        send(ctx, buf);
    }

    /** Status line and headers, with room for {@code bodyRoom} more bytes. */
    private ByteBuf header(ChannelHandlerContext ctx, int status, byte[] type, long contentLength, int bodyRoom) {
        byte[] date = DATE.get().now();
        ByteBuf buf = ctx.alloc().directBuffer(160 + bodyRoom);
        buf.writeBytes(STATUS[status]);
        buf.writeBytes(SERVER);
        buf.writeBytes(date);
        buf.writeBytes(type);
        writeDecimal(buf, contentLength);
        buf.writeBytes(keepAlive ? KEEP_ALIVE : CLOSE);
        return buf;
    }

    private void send(ChannelHandlerContext ctx, ByteBuf buf) {
        if (keepAlive) {
            ctx.write(buf, ctx.voidPromise());
        } else {
            state = CLOSED;
            ctx.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
