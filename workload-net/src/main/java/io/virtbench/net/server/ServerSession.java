package io.virtbench.net.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
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
import io.virtbench.net.session.BlockRecvAllocator;
import io.virtbench.net.session.CpuUtil;
import io.virtbench.net.session.IperfSession;
import io.virtbench.net.session.StreamIo;
import io.virtbench.net.session.TcpInfo;
import io.virtbench.net.session.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One test, from its control connection's cookie to IPERF_DONE; every method runs on the loop. */
final class ServerSession implements ControlDecoder.Listener, StreamIo.Owner {
    /** The server this test runs on: its options, output, loop and listener. */
    final IperfServer server;
    final Channel ctrl;
    final ControlDecoder decoder;
    final byte[] cookie;
    TestSettings settings;
    IperfSession test;
    CpuUtil cpu;
    final List<StreamIo> ios = new ArrayList<>();
    /** The test's data streams as they are accepted. */
    final ServerStreams streams = new ServerStreams(this);
    ScheduledFuture<?> phaseTimer;
    ScheduledFuture<?> safetyTimer;
    ScheduledFuture<?> statsTimer;
    ScheduledFuture<?> omitTimer;
    ScheduledFuture<?> rcvWatchdog;
    boolean ended;
    long lastBytesReceived;
    long lastProgressUs;

    ServerSession(IperfServer server, Channel ctrl, ControlDecoder decoder, byte[] cookie) {
        this.server = server;
        this.ctrl = ctrl;
        this.decoder = decoder;
        this.cookie = cookie;
    }

    @Override
    public IperfSession test() {
        return test;
    }

    @Override
    public boolean running() {
        return test != null && test.state == Iperf3.TEST_RUNNING;
    }

    boolean acceptingTcpStreams() {
        return test != null && test.state == Iperf3.CREATE_STREAMS && test.tcp();
    }

    private void sendState(byte s) {
        if (test != null) {
            test.state = s;
        }
        if (ctrl.isActive()) {
            ctrl.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {s}));
        }
    }

    private void sendJson(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = ctrl.alloc().buffer(4 + b.length).writeInt(b.length).writeBytes(b);
        ctrl.writeAndFlush(buf);
    }

    /** The cookie arrived: ask for the parameters. */
    void begin() {
        ctrl.config().setOption(ChannelOption.TCP_NODELAY, true);
        if (ctrl.config().getRecvByteBufAllocator() instanceof BlockRecvAllocator a) {
            a.size(4096);
        }
        if (ctrl.isActive()) {
            ctrl.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {Iperf3.PARAM_EXCHANGE}));
        }
        decoder.expect(ControlDecoder.Expect.JSON, Iperf3.MAX_PARAMS_JSON, server.o.ctrlTimeoutMs());
    }

    @Override
    public void cookie(ChannelHandlerContext ctx, byte[] c) {
    }

    @Override
    public void json(ChannelHandlerContext ctx, String text) {
        if (ended) {
            return;
        }
        if (test == null) {
            parameters(text);
        } else {
            clientResults(text);
        }
    }

    /** get_parameters, the stream listener, on_connect, CREATE_STREAMS. */
    private void parameters(String text) {
        try {
            settings = TestSettings.fromParamsJson(text);
        } catch (TestSettings.ParamsException e) {
            failWithServerError(Iperf3.errorMessage(Iperf3.IERECVPARAMS) + ": " + e.getMessage(), e.ierrno());
            return;
        }
        test = new IperfSession(Role.SERVER, settings, server.o.json(), server.o.unitFormat(), server.o.interval(), server.out);
        test.placeReports(server.loop);
        test.state = Iperf3.PARAM_EXCHANGE;
        test.jsonStart(SystemInfo.VERSION, SystemInfo.uname(), server.o.json());
        test.senderHasRetransmits = test.mode != Mode.RECEIVER && test.tcp() && Transport.EPOLL ? 1 : 0;
        test.congestionUsed = test.tcp() ? TcpInfo.congestion() : null;
        if (settings.rate != 0) {
            test.jsonStart.add("target_bitrate", settings.rate);
        }
        if (settings.getServerOutput && !server.o.json()) {
            server.out.startCapture();
        }
        streams.expect(test.mode, settings.parallel);
        if (settings.udp()) {
            streams.bindUdpListener(f -> {
                if (!f.isSuccess()) {
                    failWithServerError(Iperf3.errorMessage(Iperf3.IESTREAMLISTEN) + ": " + f.cause().getMessage(),
                            Iperf3.IESTREAMLISTEN);
                    return;
                }
                afterListen();
            });
        } else {
            if (settings.window != 0) {
                server.listener.config().setOption(ChannelOption.SO_RCVBUF, settings.window);
            }
            Integer snd = ctrl.config().getOption(ChannelOption.SO_SNDBUF);
            Integer rcv = server.listener.config().getOption(ChannelOption.SO_RCVBUF);
            test.jsonStart.add("sock_bufsize", settings.window);
            test.jsonStart.add("sndbuf_actual", snd == null ? 0 : snd);
            test.jsonStart.add("rcvbuf_actual", rcv == null ? 0 : rcv);
            afterListen();
        }
    }

    private void afterListen() {
        if (ended) {
            return;
        }
        InetSocketAddress peer = (InetSocketAddress) ctrl.remoteAddress();
        test.jsonStart.add("timestamp", SystemInfo.timestamp());
        test.jsonStart.add("accepted_connection", CJson.obj().add("host", SystemInfo.host(peer))
                .add("port", peer == null ? 0 : peer.getPort()));
        test.jsonStart.add("cookie", Cookie.text(cookie));
        if (test.tcp()) {
            test.jsonStart.add("tcp_mss_default", 0);
        }
        test.jsonStart.add("target_bitrate", settings.rate);
        if (!server.o.json()) {
            server.out.printf("Accepted connection from %s, port %d\n", SystemInfo.host(peer), peer == null ? 0 : peer.getPort());
        }
        sendState(Iperf3.CREATE_STREAMS);
        decoder.expect(ControlDecoder.Expect.STATE);
        phaseTimer = server.loop.schedule(() -> abort("the client did not open its " + streams.expected()
                + " data stream(s) within " + server.o.ctrlTimeoutMs() + " ms", Iperf3.IESTREAMACCEPT), server.o.ctrlTimeoutMs(),
                TimeUnit.MILLISECONDS);
    }

    /** A TCP connection sent a cookie during CREATE_STREAMS (iperf_tcp_accept). */
    void dataConnection(Channel ch, byte[] c) {
        streams.dataConnection(ch, c);
    }

    /** All streams are there: TEST_START, timers, TEST_RUNNING. */
    void startTest() {
        cancel(phaseTimer);
        if (ended) {
            return;
        }
        for (StreamIo io : ios) {
            io.prepareReceiving(); // before TEST_START: the client sends data only after TEST_RUNNING
        }
        cpu = CpuUtil.start();
        sendState(Iperf3.TEST_START);
        long now = test.initTest();
        test.closeLate(ios, false);
        test.intervalsStartAt(now);
        if (settings.duration != 0) {
            long s = (long) settings.duration + settings.omit + Iperf3.SERVER_GRACE_SECONDS;
            safetyTimer = server.loop.schedule(() -> abort("the test did not end within its time + omit + "
                    + Iperf3.SERVER_GRACE_SECONDS + " s", Iperf3.IEMESSAGE), s, TimeUnit.SECONDS);
        }
        startStatsTimer(true);
        if (settings.omit != 0) {
            omitTimer = server.loop.schedule(() -> {
                test.endOmit();
                cancel(statsTimer);
                startStatsTimer(false);
            }, test.boundaryTimerNanos(settings.omit * 1_000_000_000L), TimeUnit.NANOSECONDS);
        }
        if (test.mode != Mode.SENDER) {
            lastProgressUs = now;
            long period = Math.min(server.o.rcvTimeoutMs(), 1000);
            rcvWatchdog = server.loop.scheduleAtFixedRate(this::rcvCheck, test.watchdogDelayMs(period), period,
                    TimeUnit.MILLISECONDS);
        }
        sendState(Iperf3.TEST_RUNNING);
        for (StreamIo io : ios) {
            io.startReceiving();
            io.startSending(settings.rate, settings.pacingTimer);
        }
    }

    /** The stats timer: from the test's start (TEST_START), or from now (the end of -O). */
    private void startStatsTimer(boolean fromStart) {
        if (server.o.interval() != 0) {
            long ns = (long) (server.o.interval() * 1_000_000) * 1000L;
            statsTimer = server.loop.scheduleAtFixedRate(() -> {
                if (test.done || ended) {
                    return;
                }
                test.statsTimer();
            }, test.firstStatsNanos(fromStart, ns), ns, TimeUnit.NANOSECONDS);
        }
    }

    /** --rcv-timeout: a receiving server gives up when no data arrives for that long. */
    private void rcvCheck() {
        if (ended || test.state != Iperf3.TEST_RUNNING) {
            return;
        }
        long now = ByteStreamMeter.nowUs();
        test.drainReceivers();
        if (test.bytesReceived != lastBytesReceived) {
            lastBytesReceived = test.bytesReceived;
            lastProgressUs = now;
        } else if (now - lastProgressUs > server.o.rcvTimeoutMs() * 1000L) {
            abort(Iperf3.errorMessage(Iperf3.IENOMSG) + " (nothing for " + server.o.rcvTimeoutMs() + " ms)", Iperf3.IENOMSG);
        }
    }

    @Override
    public void progressed() {
    }

    @Override
    public void streamFailed(StreamIo io, Throwable cause) {
        // iperf3 notices a dead client on the control connection; a stream closing alone ends
        // nothing, but a sending server stops writing into it.
        io.stop();
    }

    @Override
    public void state(ChannelHandlerContext ctx, byte s) {
        if (ended) {
            return;
        }
        switch (s) {
            case Iperf3.TEST_START -> {
            }
            case Iperf3.TEST_END -> {
                if (test == null || (test.state != Iperf3.TEST_RUNNING && test.state != Iperf3.TEST_START)) {
                    abort(Iperf3.errorMessage(Iperf3.IEMESSAGE) + " (TEST_END before the test ran)", Iperf3.IEMESSAGE);
                    return;
                }
                test.state = s;
                test.done = true;
                cancelTestTimers();
                cpu.measure(test.cpuUtil);
                test.endStats();
                closeStreams();
                test.reporterCallback(true);
                sendState(Iperf3.EXCHANGE_RESULTS);
                decoder.expect(ControlDecoder.Expect.JSON, Iperf3.MAX_CLIENT_RESULTS_JSON, server.o.ctrlTimeoutMs());
            }
            case Iperf3.IPERF_DONE -> {
                if (test != null) {
                    test.state = s;
                }
                end(null);
            }
            case Iperf3.CLIENT_TERMINATE -> {
                if (test != null && cpu != null) {
                    // as iperf3: the summary so far (the last interval is printed once more)
                    cpu.measure(test.cpuUtil);
                    test.reporterCallback(true);
                }
                end(Iperf3.errorMessage(Iperf3.IECLIENTTERM));
            }
            default -> abort(Iperf3.errorMessage(Iperf3.IEMESSAGE) + " (state byte " + s + ")", Iperf3.IEMESSAGE);
        }
    }

    /** The client's results, then this side's, then DISPLAY_RESULTS (iperf_exchange_results). */
    private void clientResults(String text) {
        if (test.state != Iperf3.EXCHANGE_RESULTS) {
            abort(Iperf3.errorMessage(Iperf3.IEMESSAGE) + " (unexpected JSON)", Iperf3.IEMESSAGE);
            return;
        }
        try {
            test.applyResults(text);
        } catch (ResultsException e) {
            abort(Iperf3.errorMessage(e.ierrno) + " (" + e.getMessage() + ")", e.ierrno);
            return;
        }
        String captured = server.out.captured();
        sendJson(test.resultsJson(captured));
        sendState(Iperf3.DISPLAY_RESULTS);
        decoder.expect(ControlDecoder.Expect.STATE, 0, server.o.ctrlTimeoutMs());
    }

    @Override
    public void serverError(ChannelHandlerContext ctx, int ierrno, int errno) {
        abort(Iperf3.errorMessage(Iperf3.IEMESSAGE), Iperf3.IEMESSAGE);
    }

    @Override
    public void protocolError(ChannelHandlerContext ctx, String message, int ierrno) {
        if (test == null) {
            failWithServerError(Iperf3.errorMessage(ierrno) + ": " + message, ierrno);
        } else if (test.state == Iperf3.DISPLAY_RESULTS) {
            end(null); // no IPERF_DONE in time: the test is complete anyway
        } else {
            abort(message, ierrno);
        }
    }

    /** The control connection closed: "the client has unexpectedly closed the connection" (not an error). */
    void controlClosed() {
        if (ended) {
            return;
        }
        if (test != null && test.state == Iperf3.DISPLAY_RESULTS) {
            end(null);
            return;
        }
        end("the client has unexpectedly closed the connection");
    }

    /** Parameter problems: SERVER_ERROR with iperf3's error number (as 3.21+ do), then close. */
    void failWithServerError(String message, int ierrno) {
        if (ended) {
            return;
        }
        if (ctrl.isActive()) {
            ByteBuf b = ctrl.alloc().buffer(9).writeByte(Iperf3.SERVER_ERROR).writeInt(ierrno).writeInt(0);
            ctrl.writeAndFlush(b);
        }
        end(message);
    }

    /** Ends the test with an error; the client gets SERVER_ERROR and {@code ierrno} (3.12 just closes). */
    private void abort(String message, int ierrno) {
        if (ended) {
            return;
        }
        if (ctrl.isActive() && test != null && test.state != Iperf3.IPERF_DONE) {
            ByteBuf b = ctrl.alloc().buffer(9).writeByte(Iperf3.SERVER_ERROR).writeInt(ierrno).writeInt(0);
            ctrl.writeAndFlush(b);
        }
        end(message);
    }

    /** SIGINT/SIGTERM while this test exists. */
    void terminated() {
        if (ended) {
            return;
        }
        if (test != null && test.state == Iperf3.TEST_RUNNING) {
            test.done = true;
            cpu.measure(test.cpuUtil);
            test.endStats();
            test.state = Iperf3.DISPLAY_RESULTS;
            test.reporterCallback(true);
        }
        if (ctrl.isActive()) {
            ctrl.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {Iperf3.SERVER_TERMINATE}));
        }
        for (StreamIo io : ios) {
            io.stop(); // no more data; the message above goes out before the streams close
        }
        end("interrupt - " + Iperf3.errorMessage(Iperf3.IESERVERTERM));
    }

    private void cancelTestTimers() {
        cancel(safetyTimer);
        cancel(statsTimer);
        cancel(omitTimer);
        cancel(rcvWatchdog);
        cancel(phaseTimer);
    }

    private void closeStreams() {
        for (StreamIo io : ios) {
            io.stop();
            io.channel.close();
        }
        streams.closeListeners();
    }

    /** The end of this test: print its JSON (with -J), free everything, serve the next client. */
    private void end(String error) {
        if (ended) {
            return;
        }
        ended = true;
        cancelTestTimers();
        if (test != null) {
            test.awaitReports(); // the interval lines come before anything printed below
        }
        closeStreams();
        if (settings != null && settings.window != 0 && server.listener.isActive() && server.listenerRcvBuf > 0) {
            server.listener.config().setOption(ChannelOption.SO_RCVBUF, server.listenerRcvBuf);
        }
        if (error != null) {
            if (test != null) {
                test.jsonError(error);
            }
            if (!server.o.json() || test == null) {
                server.error(error);
            }
        }
        if (server.o.json() && test != null) {
            server.out.print(test.jsonFinish() + "\n");
        }
        server.out.stopCapture();
        ctrl.close();
        server.testEnded(this);
    }

    private void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
