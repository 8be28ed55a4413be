package io.virtbench.net.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.util.concurrent.ScheduledFuture;
import io.virtbench.core.harness.stream.ByteStreamMeter;
import io.virtbench.net.protocol.CJson;
import io.virtbench.net.protocol.ControlDecoder;
import io.virtbench.net.protocol.Cookie;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.protocol.Mode;
import io.virtbench.net.protocol.ResultsException;
import io.virtbench.net.protocol.Role;
import io.virtbench.net.protocol.SystemInfo;
import io.virtbench.net.protocol.TestSettings;
import io.virtbench.net.report.IperfOutput;
import io.virtbench.net.session.CpuUtil;
import io.virtbench.net.session.IperfSession;
import io.virtbench.net.session.IperfStream;
import io.virtbench.net.session.StreamIo;
import io.virtbench.net.session.TcpInfo;
import io.virtbench.net.session.Transport;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One test; every method runs on {@link #loop}. */
final class ClientSession implements ControlDecoder.Listener, StreamIo.Owner {
    final ClientOptions o;
    final IperfOutput out;
    final PrintStream err;
    final EventLoop loop;
    final CompletableFuture<IperfClient.Outcome> done = new CompletableFuture<>();
    Instant startTime = Instant.now();
    Channel ctrl;
    ControlDecoder decoder;
    IperfSession test;
    TestSettings settings;
    byte[] cookie;
    int ctrlMss;
    CpuUtil cpu;
    final List<StreamIo> ios = new ArrayList<>();
    ScheduledFuture<?> endTimer;
    ScheduledFuture<?> statsTimer;
    ScheduledFuture<?> omitTimer;
    ScheduledFuture<?> udpConnectTimer;
    ScheduledFuture<?> resultsTimer;
    ScheduledFuture<?> rcvWatchdog;
    long lastBytesReceived;
    long lastProgressUs;
    boolean finished;
    /** The end of the test is being handled (checkEnd). */
    private boolean ending;
    InetSocketAddress server;
    /** The UDP stream being connected: the remaining streams follow once it is. */
    private List<Boolean> pendingSenders;
    private int pendingIndex;
    private boolean creatingStreams;
    private final List<Byte> deferred = new ArrayList<>();

    ClientSession(ClientOptions o, IperfOutput out, PrintStream err, EventLoop loop) {
        this.o = o;
        this.out = out;
        this.err = err;
        this.loop = loop;
    }

    @Override
    public IperfSession test() {
        return test;
    }

    @Override
    public boolean running() {
        return test != null && test.state == Iperf3.TEST_RUNNING;
    }

    void start() {
        startTime = Instant.now();
        // The test object exists from the start so that errors land in its JSON document.
        settings = o.settings(0);
        test = new IperfSession(Role.CLIENT, settings, o.json(), o.unitFormat(), o.interval(), out);
        test.placeReports(loop);
        test.jsonStart(SystemInfo.VERSION, SystemInfo.uname());
        server = new InetSocketAddress(o.host(), o.port());
        if (server.isUnresolved()) {
            fail(Iperf3.errorMessage(Iperf3.IECONNECT) + ": Name or service not known");
            return;
        }
        Bootstrap b = new Bootstrap().group(loop).channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        decoder = new ControlDecoder(ClientSession.this, ControlDecoder.Expect.STATE, Iperf3.MAX_SERVER_RESULTS_JSON);
                        ch.pipeline().addLast(decoder);
                        ch.pipeline().addLast(new ClientChannels.ControlCloseWatcher(ClientSession.this));
                    }
                });
        if (o.connectTimeoutMs() > 0) {
            b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, o.connectTimeoutMs());
        }
        ChannelFuture f = o.bind() != null ? b.connect(server, new InetSocketAddress(o.bind(), 0)) : b.connect(server);
        f.addListener((ChannelFuture cf) -> {
            if (!cf.isSuccess()) {
                fail(Iperf3.errorMessage(Iperf3.IECONNECT) + ": " + ClientChannels.reason(cf.cause()));
                return;
            }
            connected(cf.channel());
        });
    }

    void connected(Channel ch) {
        ctrl = ch;
        cookie = Cookie.make();
        ch.writeAndFlush(Unpooled.wrappedBuffer(cookie));
        ctrlMss = TcpInfo.mss(ch);
        if (settings.udp() && o.length() == 0) {
            settings.blksize = ctrlMss > 0 ? ctrlMss : Iperf3.DEFAULT_UDP_BLKSIZE;
        }
        if (settings.udp() && ctrlMss > 0 && settings.blksize > ctrlMss) {
            warning("UDP block size " + settings.blksize + " exceeds TCP MSS " + ctrlMss + ", may result in fragmentation / drops");
        }
        test.senderHasRetransmits = test.mode != Mode.RECEIVER && test.tcp() && TcpInfo.available(ch) ? 1 : 0;
        test.congestionUsed = settings.udp() ? null : TcpInfo.congestion();
        cpu = CpuUtil.start();
    }

    void warning(String s) {
        if (!o.json()) {
            err.println("warning: " + s);
        }
    }

    private void sendState(byte s) {
        test.state = s;
        if (ctrl != null && ctrl.isActive()) {
            ctrl.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {s}));
        }
    }

    private void sendJson(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = ctrl.alloc().buffer(4 + b.length).writeInt(b.length).writeBytes(b);
        ctrl.writeAndFlush(buf);
    }

    // ------------------------------------------------------------ control messages

    @Override
    public void cookie(ChannelHandlerContext ctx, byte[] c) {
        // the client never reads a cookie
    }

    @Override
    public void state(ChannelHandlerContext ctx, byte s) {
        if (finished) {
            return;
        }
        if (creatingStreams && s != Iperf3.ACCESS_DENIED && s != Iperf3.SERVER_ERROR && s != Iperf3.SERVER_TERMINATE) {
            // iperf3 creates its streams in a blocking loop, so it reads the next control message only
            // after the last stream is set up; a UDP reply can arrive after the server's TEST_START.
            deferred.add(s);
            return;
        }
        test.state = s;
        switch (s) {
            case Iperf3.PARAM_EXCHANGE -> {
                sendJson(settings.toParamsJson());
                onConnect();
            }
            case Iperf3.CREATE_STREAMS -> createStreams();
            case Iperf3.TEST_START -> testStart();
            case Iperf3.TEST_RUNNING -> {
                for (StreamIo io : ios) {
                    io.startReceiving();
                    io.startSending(settings.rate, settings.pacingTimer);
                }
                if (test.mode != Mode.SENDER) {
                    startRcvWatchdog();
                }
            }
            case Iperf3.EXCHANGE_RESULTS -> {
                cancelTimer(resultsTimer);
                sendJson(test.resultsJson(null));
                decoder.expect(ControlDecoder.Expect.JSON, Iperf3.MAX_SERVER_RESULTS_JSON);
            }
            case Iperf3.DISPLAY_RESULTS -> clientEnd();
            case Iperf3.IPERF_DONE -> {
            }
            case Iperf3.SERVER_TERMINATE -> {
                if (cpu != null) {
                    cpu.measure(test.cpuUtil);
                }
                test.state = Iperf3.DISPLAY_RESULTS;
                reporter(true);
                test.state = s;
                fail(Iperf3.errorMessage(Iperf3.IESERVERTERM));
            }
            case Iperf3.ACCESS_DENIED -> fail(Iperf3.errorMessage(Iperf3.IEACCESSDENIED));
            case Iperf3.SERVER_ERROR -> decoder.expect(ControlDecoder.Expect.ERROR_TRAILER);
            default -> fail(Iperf3.errorMessage(Iperf3.IEMESSAGE) + " (state byte " + s + ")");
        }
    }

    @Override
    public void json(ChannelHandlerContext ctx, String text) {
        if (finished) {
            return;
        }
        try {
            test.applyResults(text);
        } catch (ResultsException e) {
            fail(Iperf3.errorMessage(e.ierrno) + " (" + e.getMessage() + ")");
            return;
        }
        decoder.expect(ControlDecoder.Expect.STATE);
    }

    @Override
    public void serverError(ChannelHandlerContext ctx, int ierrno, int errno) {
        String m = Iperf3.errorMessage(ierrno);
        fail(errno != 0 ? m + " (server errno " + errno + ")" : m);
    }

    @Override
    public void protocolError(ChannelHandlerContext ctx, String message, int ierrno) {
        fail(Iperf3.errorMessage(ierrno) + ": " + message);
    }

    /** iperf_on_connect (client side). */
    private void onConnect() {
        test.jsonStart.add("timestamp", SystemInfo.timestamp());
        test.jsonStart.add("connecting_to", CJson.obj().add("host", o.host()).add("port", o.port()));
        test.jsonStart.add("cookie", Cookie.text(cookie));
        if (test.tcp()) {
            test.jsonStart.add("tcp_mss_default", ctrlMss);
        }
        test.jsonStart.add("target_bitrate", settings.rate);
        if (!o.json()) {
            out.printf("Connecting to host %s, port %d\n", o.host(), o.port());
            if (settings.reverse) {
                out.printf("Reverse mode, remote host %s is sending\n", o.host());
            }
        }
    }

    // ------------------------------------------------------------ streams

    private void createStreams() {
        creatingStreams = true;
        List<Boolean> senders = new ArrayList<>();
        if (test.mode == Mode.BIDIRECTIONAL) {
            for (int i = 0; i < settings.parallel; i++) {
                senders.add(true);
            }
            for (int i = 0; i < settings.parallel; i++) {
                senders.add(false);
            }
        } else {
            for (int i = 0; i < settings.parallel; i++) {
                senders.add(test.mode == Mode.SENDER);
            }
        }
        connectStream(senders, 0);
    }

    private void connectStream(List<Boolean> senders, int i) {
        if (finished) {
            return;
        }
        if (i == senders.size()) {
            creatingStreams = false;
            List<Byte> later = new ArrayList<>(deferred);
            deferred.clear();
            for (byte s : later) {
                state(null, s);
            }
            return;
        }
        boolean sender = senders.get(i);
        StreamIo io = new StreamIo(this, settings.udp(), sender, settings.blksize, settings.udpCounters64bit,
                settings.repeatingPayload);
        Bootstrap b = new Bootstrap().group(loop)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, StreamIo.waterMark(settings.udp(), settings.blksize))
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(settings.blksize))
                .handler(io);
        if (settings.udp()) {
            // SO_REUSEADDR: a receiving stream's own blocking socket binds the same port (UdpReceiver)
            b.channelFactory(Transport.clientDatagramChannel(server.getAddress(), o.bind())).option(ChannelOption.SO_REUSEADDR, true);
        } else {
            b.channel(Transport.socketChannel());
            if (settings.noDelay) {
                b.option(ChannelOption.TCP_NODELAY, true);
            }
        }
        if (settings.window != 0) {
            b.option(ChannelOption.SO_SNDBUF, settings.window).option(ChannelOption.SO_RCVBUF, settings.window);
        }
        ChannelFuture f = o.bind() != null ? b.connect(server, new InetSocketAddress(o.bind(), 0)) : b.connect(server);
        f.addListener((ChannelFuture cf) -> {
            if (finished) {
                cf.channel().close();
                return;
            }
            if (!cf.isSuccess()) {
                fail(Iperf3.errorMessage(Iperf3.IESTREAMCONNECT) + ": " + ClientChannels.reason(cf.cause()));
                return;
            }
            Channel ch = cf.channel();
            ios.add(io);
            ClientChannels.bufferFacts(this, ch);
            if (settings.udp()) {
                udpConnectTimer = loop.schedule(() -> udpConnected(io, Iperf3.errorMessage(Iperf3.IESTREAMREAD)
                        + ": no reply from the server to the UDP hello within 30 s"), Iperf3.UDP_CONNECT_TIMEOUT_MS,
                        TimeUnit.MILLISECONDS);
                pendingSenders = senders;
                pendingIndex = i;
                io.sendHello(settings.reverse);
            } else {
                ch.writeAndFlush(Unpooled.wrappedBuffer(cookie));
                addStream(io, ch, sender);
                connectStream(senders, i + 1);
            }
        });
    }

    @Override
    public void udpConnected(StreamIo io, String error) {
        cancelTimer(udpConnectTimer);
        if (finished) {
            return;
        }
        if (error != null) {
            fail(error);
            return;
        }
        addStream(io, io.channel, io.sender);
        io.prepareReceiving(); // the server answered: its data follows TEST_RUNNING, to the receiving socket
        connectStream(pendingSenders, pendingIndex + 1);
    }

    private void addStream(StreamIo io, Channel ch, boolean sender) {
        // iperf3 reads its data sockets only once the test runs: what arrives earlier waits in the
        // kernel and is counted then (read and dropped here, it would be lost to the count)
        ch.config().setAutoRead(false);
        IperfStream sp = new IperfStream(test.nextStreamId(), sender, Transport.fd(ch, 5 + 2 * test.streams.size()), ch);
        InetSocketAddress l = (InetSocketAddress) ch.localAddress();
        InetSocketAddress r = (InetSocketAddress) ch.remoteAddress();
        sp.localHost = SystemInfo.host(l);
        sp.localPort = l == null ? 0 : l.getPort();
        sp.remoteHost = SystemInfo.host(r);
        sp.remotePort = r == null ? 0 : r.getPort();
        io.attach(sp);
        test.addStream(sp);
    }

    // ------------------------------------------------------------ running

    private void testStart() {
        long now = test.initTest();
        test.closeLate(ios, countsEachRead());
        test.intervalsStartAt(now);
        if (settings.duration != 0) {
            long ns = (long) (settings.duration + settings.omit) * 1_000_000_000L;
            test.endsAt(now + ns / 1000);
            endTimer = loop.schedule(() -> {
                test.done = true;
                checkEnd();
            }, test.nanosFromStart(ns), TimeUnit.NANOSECONDS);
        }
        startStatsTimer(true);
        if (settings.omit != 0) {
            omitTimer = loop.schedule(() -> {
                test.endOmit();
                cancelTimer(statsTimer);
                startStatsTimer(false);
            }, test.boundaryTimerNanos(settings.omit * 1_000_000_000L), TimeUnit.NANOSECONDS);
        }
    }

    /** The stats timer: from the test's start (TEST_START), or from now (the end of -O). */
    private void startStatsTimer(boolean fromStart) {
        if (o.interval() != 0) {
            long ns = (long) (o.interval() * 1_000_000) * 1000L;
            statsTimer = loop.scheduleAtFixedRate(() -> {
                if (test.done) {
                    return;
                }
                test.statsTimer();
            }, test.firstStatsNanos(fromStart, ns), ns, TimeUnit.NANOSECONDS);
        }
    }

    /** iperf3 3.10+'s --rcv-timeout on a receiving client (120 s): nothing arrives, the test fails. */
    private void startRcvWatchdog() {
        rcvWatchdog = loop.scheduleAtFixedRate(() -> {
            if (finished || test.state != Iperf3.TEST_RUNNING) {
                return;
            }
            long now = ByteStreamMeter.nowUs();
            test.drainReceivers();
            if (test.bytesReceived != lastBytesReceived) {
                lastBytesReceived = test.bytesReceived;
                lastProgressUs = now;
            } else if (now - lastProgressUs > Iperf3.DEFAULT_RCV_TIMEOUT_MS * 1000L) {
                fail(Iperf3.errorMessage(Iperf3.IENOMSG));
            }
        }, test.watchdogDelayMs(1000), 1000, TimeUnit.MILLISECONDS);
        lastProgressUs = ByteStreamMeter.nowUs();
    }

    @Override
    public boolean countsEachRead() {
        return settings.bytes != 0 || settings.blocks != 0;
    }

    @Override
    public void progressed() {
        if (settings.bytes != 0 || settings.blocks != 0) {
            checkEnd();
        }
    }

    /** The end-of-test check of iperf_run_client: time, bytes or blocks reached, not omitting. */
    private void checkEnd() {
        if (finished || ending || test.state != Iperf3.TEST_RUNNING || test.omitting()) {
            return;
        }
        boolean end = test.done
                || (settings.bytes != 0 && (test.bytesSent >= settings.bytes || test.bytesReceived >= settings.bytes))
                || (settings.blocks != 0 && (test.blocksSent >= settings.blocks || test.blocksReceived >= settings.blocks));
        if (!end) {
            return;
        }
        // the last interval's close counts what a UDP receiving thread has read meanwhile,
        // which comes back here through progressed()
        ending = true;
        test.done = true;
        cancelTimer(statsTimer);
        cancelTimer(endTimer);
        for (StreamIo io : ios) {
            io.cancelPacing();
        }
        cpu.measure(test.cpuUtil);
        test.endStats();
        sendState(Iperf3.TEST_END);
        // iperf3 waits for the server without limit; virtbench gives up after a minute
        resultsTimer = loop.schedule(() -> fail("the server did not answer the end of the test within 60 s"), 60,
                TimeUnit.SECONDS);
    }

    @Override
    public void streamFailed(StreamIo io, Throwable cause) {
        if (finished || test.done || test.state == Iperf3.TEST_END || test.state == Iperf3.EXCHANGE_RESULTS
                || test.state == Iperf3.DISPLAY_RESULTS) {
            return;
        }
        if (test.state == Iperf3.TEST_RUNNING || test.state == Iperf3.TEST_START || test.state == Iperf3.CREATE_STREAMS) {
            // iperf3 reads the control connection before it writes again, so a server's last word
            // (SERVER_TERMINATE, SERVER_ERROR) wins over the broken stream it leaves behind
            String msg = Iperf3.errorMessage(io.sender ? Iperf3.IESTREAMWRITE : Iperf3.IESTREAMREAD)
                    + (cause != null ? ": " + ClientChannels.reason(cause) : ": the stream was closed by the server");
            loop.schedule(() -> fail(msg), 200, TimeUnit.MILLISECONDS);
        }
    }

    // ------------------------------------------------------------ the end

    private void reporter(boolean end) {
        byte st = test.state;
        if (st == Iperf3.TEST_RUNNING) {
            test.printIntermediate();
        } else if (st == Iperf3.TEST_END || st == Iperf3.DISPLAY_RESULTS) {
            test.reporterCallback(true);
        }
    }

    /** iperf_client_end: close the streams, print the summary, say IPERF_DONE. */
    private void clientEnd() {
        closeStreams();
        reporter(true);
        if (test.state > 0) {
            sendState(Iperf3.IPERF_DONE);
        }
        finish(null, false);
    }

    private void closeStreams() {
        for (StreamIo io : ios) {
            io.stop();
            io.channel.close();
        }
    }

    /** Ctrl-C: as iperf_got_sigend, the summary so far, then CLIENT_TERMINATE. */
    void interrupt() {
        if (finished) {
            return;
        }
        test.done = true;
        if (cpu != null) {
            cpu.measure(test.cpuUtil);
        }
        if (!test.streams.isEmpty() && test.meter.started()) {
            test.endStats();
            test.state = Iperf3.DISPLAY_RESULTS;
            test.reporterCallback(true);
        }
        if (ctrl != null && ctrl.isActive()) {
            test.state = Iperf3.CLIENT_TERMINATE;
            ctrl.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {Iperf3.CLIENT_TERMINATE}));
        }
        closeStreams();
        String msg = "interrupt - " + Iperf3.errorMessage(Iperf3.IECLIENTTERM);
        finish(msg, true);
    }

    /** cleanup_and_fail: close, print what there is, report the error. */
    void fail(String message) {
        if (finished) {
            return;
        }
        closeStreams();
        reporter(true);
        if (test.state > 0 && ctrl != null && ctrl.isActive() && test.state != Iperf3.IPERF_DONE) {
            sendState(Iperf3.IPERF_DONE);
        }
        finish(message, false);
    }

    private void finish(String error, boolean interrupted) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer(endTimer);
        cancelTimer(statsTimer);
        cancelTimer(omitTimer);
        cancelTimer(udpConnectTimer);
        cancelTimer(resultsTimer);
        cancelTimer(rcvWatchdog);
        test.awaitReports(); // the interval lines come before anything printed below
        if (error != null) {
            test.jsonError(error);
        }
        String json = test.jsonFinish();
        if (o.json()) {
            out.print(json + "\n");
        } else if (error == null) {
            out.print("\niperf Done.\n");
        }
        Runnable complete = () -> done.complete(new IperfClient.Outcome(json, interrupted ? null : error, interrupted, startTime,
                Instant.now()));
        if (ctrl != null && ctrl.isOpen()) {
            ctrl.close().addListener(f -> complete.run());
        } else {
            complete.run();
        }
    }

    private static void cancelTimer(ScheduledFuture<?> t) {
        if (t != null) {
            t.cancel(false);
        }
    }
}
