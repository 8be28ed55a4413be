package io.virtbench.http.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.virtbench.core.harness.slots.Slot;
import io.virtbench.http.transport.Link;

/** One of the {@code -c} connection slots: ab's struct connection. */
final class AbConnection implements Link.Events {
    /** The run this slot belongs to: its options, shared counters and state transitions. */
    private final AbEngine e;

    /** Where a slot is in its request: idle, waiting for its paced start (--rate), or on the wire. */
    enum State {
        IDLE,
        WAITING,
        CONNECTING,
        WRITING,
        READING
    }

    final int index;
    final AbEngine.Loop loop;
    /** This slot on the run's clock: its request's phases, its pacing, its activity (core). */
    final Slot slot;
    /** The request bytes, released when the run ends; written through {@link #requestBuf}. */
    final ByteBuf requestBytes;
    /** The request as written: Netty's channel releases what it wrote, so a view it cannot release. */
    final ByteBuf requestBuf;
    final byte[] header = new byte[AbEngine.HEADER_BUFFER];
    State state = State.IDLE;
    /** The connection (while connecting too), or null. */
    Link link;
    // the response being read (ab: read, bread, cbx, gotheader, keepalive, length)
    long read;
    long bodyRead;
    int headerBytes;
    boolean gotHeader;
    boolean keepAlive;
    long length;
    // HTTP/1.1 framing (virtbench's --http11)
    boolean chunked;
    boolean untilClose;
    /** Where a chunked body ends (one per slot, reset for each response). */
    final ChunkScanner chunks = new ChunkScanner();
    /** The next request goes on the open connection (keep-alive). */
    boolean reuse;

    AbConnection(AbEngine e, int index, AbEngine.Loop loop) {
        this.e = e;
        this.index = index;
        this.loop = loop;
        this.slot = e.slots.slot(index);
        loop.add(this);
        this.requestBytes = Unpooled.directBuffer(e.request.length).writeBytes(e.request);
        this.requestBuf = Unpooled.unreleasableBuffer(requestBytes);
    }

    // ---------------------------------------------------------- starting a request

    /** The slot's first start (on its loop). */
    void firstStart() {
        if (e.stopping() || !slot.activate()) {
            return;
        }
        startConnect();
    }

    /** ab's start_connect: a new connection for the next request, if one is left. */
    void startConnect() {
        reuse = false;
        if (e.stopping()) {
            return;
        }
        if (e.slots.allClaimed()) {
            goIdle();
            return;
        }
        if (!slot.due()) {
            state = State.WAITING;
            return;
        }
        go();
    }

    /** Starts the due request: connects, or writes on a kept-alive connection. */
    void go() {
        if (reuse && link != null) {
            slot.beginOnConnection();
            writeRequest();
            return;
        }
        reuse = false;
        resetResponse();
        slot.begin();
        state = State.CONNECTING;
        loop.connections++;
        dropLink(); // a kept-alive connection not reused any more
        Link l = loop.newLink(this);
        link = l;
        l.start();
    }

    void resetResponse() {
        read = 0;
        bodyRead = 0;
        headerBytes = 0;
        gotHeader = false;
        keepAlive = false;
        length = 0;
        chunked = false;
        untilClose = false;
        chunks.reset();
    }

    @Override
    public void connected(Link l) {
        if (l != link) {
            l.close();
            return;
        }
        if (state != State.CONNECTING || e.stopping()) {
            return;
        }
        boolean was = e.everConnected;
        e.everConnected = true;
        slot.connected();
        if (!writeRequest()) {
            e.everConnected = was; // the link was not connected after all; it says when it is
        }
    }

    @Override
    public void connectFailed(Link l, Throwable cause) {
        l.close();
        if (l != link || state != State.CONNECTING || e.stopping()) {
            return;
        }
        link = null;
        connectFailed(cause);
    }

    void connectFailed(Throwable cause) {
        if (!e.everConnected) {
            // the server is not there at all: no benchmark to run
            String r = AbErrors.reason(cause);
            e.startupFailure = AbErrors.refused(cause) ? r + " (ab: " + AbErrors.abError("apr_socket_recv", cause) + ")" : r;
            e.fatal(AbErrors.abError("apr_socket_connect()", cause));
            return;
        }
        if (AbErrors.refused(cause)) {
            // ab learns of a refused connect from recv() (apr_socket_recv: Connection refused)
            receiveFailed(cause);
            return;
        }
        loop.errConnect++;
        state = State.IDLE;
        e.countFailureMaybeAbort(AbErrors.abError("apr_socket_connect()", cause));
        startConnect();
    }

    /**
     * ab's write_request: claims a request and writes it in one go. False only when the link
     * answers {@link Link#NOT_CONNECTED}: the request is given back and the slot is connecting again.
     */
    boolean writeRequest() {
        if (e.stopping()) {
            return true;
        }
        if (!e.slots.claim()) {
            // ab leaves the connection idle; nothing would ever come: drop it
            dropLink();
            goIdle();
            return true;
        }
        resetResponse();
        Link l = link;
        slot.sending();
        state = State.WRITING;
        requestBuf.readerIndex(0);
        int w = l.write(requestBuf);
        if (l != link || state != State.WRITING) {
            return true; // the connection failed meanwhile, and that was handled
        }
        if (w == Link.NOT_CONNECTED) {
            e.slots.unclaim();
            state = State.CONNECTING;
            return false;
        }
        if (w == Link.FAILED) {
            writeFailed();
            return true;
        }
        state = State.READING;
        // a large body may take several writes: then the end is noted when it is all written
        if (w == Link.WRITTEN) {
            loop.totalPosted += e.request.length;
            slot.sent();
        }
        return true;
    }

    @Override
    public void written(Link l) {
        if (l == link && !e.stopping()) {
            loop.totalPosted += e.request.length;
            slot.sent();
        }
    }

    @Override
    public void writeFailed(Link l, Throwable cause) {
        if (l == link && !e.stopping() && state == State.READING && read == 0) {
            writeFailed();
        }
    }

    /** Closes the connection, if any. */
    void dropLink() {
        Link l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }

    void goIdle() {
        state = State.IDLE;
        slot.deactivate();
    }

    // ---------------------------------------------------------- reading the response

    @Override
    public void read(Link l, ByteBuf data) {
        if (l == link && state == State.READING && !e.stopping()) {
            onData(data);
        }
    }

    void onData(ByteBuf buf) {
        int r = buf.readableBytes();
        if (r == 0) {
            return;
        }
        slot.received();
        loop.totalRead += r;
        read += r;
        int at = buf.readerIndex();
        if (!gotHeader) {
            int space = AbEngine.HEADER_BUFFER - headerBytes;
            int tocopy = Math.min(space, r);
            int from = Math.max(0, headerBytes - 3);
            buf.getBytes(at, header, headerBytes, tocopy);
            headerBytes += tocopy;
            // ab searches the whole buffer each time; the part searched before held neither
            int endAt = AbBytes.indexOf(header, from, headerBytes, AbBytes.CRLFCRLF);
            int l = 4;
            if (endAt < 0) {
                endAt = AbBytes.indexOf(header, Math.max(0, headerBytes - tocopy - 1), headerBytes, AbBytes.LFLF);
                l = 2;
            }
            if (endAt < 0) {
                if (headerBytes < AbEngine.HEADER_BUFFER) {
                    return; // read the rest next time
                }
                // header invalid or too big: not a completed request (ab: err_response, bad)
                loop.errResponse++;
                dropLink();
                state = State.IDLE;
                e.countFailureMaybeAbort("response header larger than 8191 bytes");
                startConnect();
                return;
            }
            onHeader(endAt);
            long body = headerBytes - (endAt + l) + (r - tocopy);
            if (chunked) {
                chunks.scan(buf, at + endAt + l - (headerBytes - tocopy), r - (endAt + l - (headerBytes - tocopy)));
            }
            bodyRead += body;
            loop.totalBodyRead += body;
            if (!e.initialized.get()) {
                e.initializeOthers();
            }
        } else {
            bodyRead += r;
            loop.totalBodyRead += r;
            if (chunked) {
                chunks.scan(buf, at, r);
            }
        }
        if (keepAlive && (chunked ? chunks.done() : bodyRead >= length)) {
            keepAliveDone();
        }
    }

    /** ab's checks on a complete header in header[0, headerBytes) ending at {@code endAt}. */
    void onHeader(int endAt) {
        if (e.good.get() == 0) {
            e.serverName = AbBytes.serverOf(header, headerBytes);
        }
        int http = AbBytes.indexOf(header, 0, headerBytes, AbBytes.HTTP);
        char code = http >= 0 && headerBytes - http > 9 ? (char) header[http + 9] : '5';
        if (code != '2') {
            loop.errResponse++;
        }
        gotHeader = true;
        if (e.http11) {
            frameHttp11(endAt, http, code);
        } else if (e.keepAliveOption && AbBytes.indexOfIgnoreCase(header, 0, endAt, AbBytes.KEEP_ALIVE) >= 0) {
            keepAlive = true;
            int cl = AbBytes.indexOfIgnoreCase(header, 0, endAt, AbBytes.CONTENT_LENGTH);
            length = cl >= 0 && !e.head ? AbBytes.atoi(header, cl + 16, endAt) : 0;
        }
    }

    /**
     * virtbench's HTTP/1.1 framing: the connection persists unless the response is HTTP/1.0
     * without "Keep-Alive" or says "Connection: close"; the body is Content-Length bytes, or
     * chunked, or (neither) everything until the server closes.
     */
    void frameHttp11(int endAt, int http, char code) {
        boolean v11 = http >= 0 && endAt - http > 8 && header[http + 5] == '1' && header[http + 7] == '1';
        boolean close = AbBytes.indexOfIgnoreCase(header, 0, endAt, AbBytes.CONNECTION_CLOSE) >= 0;
        boolean ka = AbBytes.indexOfIgnoreCase(header, 0, endAt, AbBytes.KEEP_ALIVE) >= 0;
        int status = http >= 0 && headerBytes - http > 11 ? AbBytes.atoi(header, http + 9, Math.min(endAt, http + 12)) : 500;
        int cl = AbBytes.indexOfIgnoreCase(header, 0, endAt, AbBytes.CONTENT_LENGTH);
        boolean noBody = e.head || status / 100 == 1 || status == 204 || status == 304;
        if (noBody) {
            length = 0;
        } else if (AbBytes.indexOfIgnoreCase(header, 0, endAt, AbBytes.CHUNKED) >= 0) {
            chunked = true;
            chunks.start();
        } else if (cl >= 0) {
            length = AbBytes.atoi(header, cl + 15, endAt);
        } else {
            untilClose = true;
        }
        keepAlive = !untilClose && !close && (v11 || ka);
    }

    /** The server closed the connection. */
    @Override
    public void peerClosed(Link l) {
        if (l != link || e.stopping()) {
            return;
        }
        if (state == State.READING) {
            // ab: EOF ends the response (good++, close_connection)
            e.good.incrementAndGet();
            closeConnection(true);
        } else if (state == State.WAITING) {
            // a kept-alive connection closed while waiting for its next paced request
            dropLink();
            reuse = false;
        } else if (state == State.WRITING) {
            writeFailed();
        }
    }

    @Override
    public void failed(Link l, Throwable cause) {
        if (l != link || e.stopping() || state == State.CONNECTING) {
            return;
        }
        if (state == State.WRITING) {
            writeFailed();
        } else if (state == State.READING) {
            receiveFailed(cause);
        } else {
            // an error on a connection that has nothing in flight (ab: POLLERR, err_except)
            loop.errExcept++;
            dropLink();
            e.countFailureMaybeAbort("socket error: " + AbErrors.reason(cause));
            startConnect();
        }
    }

    /** ab's write_request failure: "Send request failed!", epipe++, close_connection. */
    void writeFailed() {
        loop.writeErrors++;
        e.live.println("Send request failed!");
        closeConnection(false);
    }

    /** A recv() error: fatal without -r; with -r a Receive failure and close_connection. */
    void receiveFailed(Throwable cause) {
        if (!e.recvErrorsOk) {
            dropLink();
            state = State.IDLE;
            e.fatal(AbErrors.abError("apr_socket_recv", cause) + "; -r counts receive errors as failures and goes on");
            return;
        }
        loop.errReceive++;
        e.bad.incrementAndGet();
        closeConnection(false);
    }

    /** -s: a connection with no event for that long. */
    void checkTimeout(long nowNs) {
        if (state == State.IDLE || state == State.WAITING || !slot.idleFor(e.timeoutNs, nowNs)) {
            return;
        }
        loop.timeouts++;
        if (state == State.CONNECTING) {
            dropLink();
            if (!e.everConnected) {
                e.startupFailure = "no connection within " + seconds() + " s (-s)";
                e.fatal("apr_socket_connect(): connection timed out");
                return;
            }
            loop.errConnect++;
            state = State.IDLE;
            e.countFailureMaybeAbort("no connection within " + seconds() + " s");
            startConnect();
            return;
        }
        if (!e.recvErrorsOk) {
            dropLink();
            state = State.IDLE;
            e.fatal("no response within " + seconds() + " s (-s) (ab: apr_pollset_poll: The timeout specified has expired"
                    + " (70007)); -r counts it as a failure and goes on");
            return;
        }
        loop.errReceive++;
        e.bad.incrementAndGet();
        closeConnection(false);
    }

    private String seconds() {
        double s = e.o.timeout();
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    // ---------------------------------------------------------- completing a request

    /** ab's close_connection: counts the request (length check, timings) and connects again. */
    void closeConnection(boolean wasGood) {
        lengthCheck(wasGood);
        int at = e.slots.complete(slot);
        dropLink();
        state = State.IDLE;
        if (at >= 0) {
            heartbeat(at);
        }
        startConnect();
    }

    /** A keep-alive response is complete: count it and write the next request on this connection. */
    void keepAliveDone() {
        e.good.incrementAndGet();
        lengthCheck(true);
        int at = e.slots.complete(slot);
        if (at >= 0) {
            loop.doneKeepAlive++;
            heartbeat(at);
        }
        if (e.stopping()) {
            return;
        }
        resetResponse();
        // zero connect time with keep-alive (ab)
        slot.reuseConnection();
        reuse = true;
        if (e.slots.allClaimed()) {
            dropLink();
            goIdle();
            return;
        }
        if (!slot.due(slot.doneUs())) {
            state = State.WAITING;
            return;
        }
        writeRequest();
    }

    /** Document Length: the body of the first completed response; later ones must match (unless -l). */
    void lengthCheck(boolean wasGood) {
        if (wasGood && e.docLength.get() < 0 && e.docLength.compareAndSet(-1, bodyRead)) {
            return;
        }
        long doc = Math.max(0, e.docLength.get());
        if (!e.variableLength && bodyRead != doc) {
            e.bad.incrementAndGet();
            loop.errLength++;
        }
    }

    /** ab's "Completed N requests" every heartbeat requests; {@code at} is the request's completion index. */
    void heartbeat(int at) {
        int n = at + 1;
        if (e.heartbeat > 0 && n % e.heartbeat == 0) {
            e.progress.println("Completed " + n + " requests");
            e.progress.flush();
        }
    }

    /** Drops whatever this slot has open (the run has ended). */
    void drop() {
        state = State.IDLE;
        dropLink();
    }
}
