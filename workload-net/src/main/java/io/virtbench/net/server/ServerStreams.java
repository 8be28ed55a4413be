package io.virtbench.net.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.virtbench.net.protocol.ControlDecoder;
import io.virtbench.net.protocol.Cookie;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.protocol.Mode;
import io.virtbench.net.protocol.SystemInfo;
import io.virtbench.net.session.BlockRecvAllocator;
import io.virtbench.net.session.IperfStream;
import io.virtbench.net.session.StreamIo;
import io.virtbench.net.session.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's side of a test's stream set-up (CREATE_STREAMS): which way each accepted stream
 * goes, TCP streams by their cookie, UDP streams by their hello on a listener bound per stream
 * (iperf_tcp_accept, iperf_udp_accept). When the last stream is there, the session starts the test.
 */
final class ServerStreams {
    private final ServerSession s;
    private int streamsToSend;
    private int streamsToRec;
    private int sendAccepted;
    private int recAccepted;
    private final List<Channel> udpListeners = new ArrayList<>();
    private Channel udpListener;

    ServerStreams(ServerSession session) {
        this.s = session;
    }

    /** How many streams the test in {@code mode} with {@code parallel} streams opens each way. */
    void expect(Mode mode, int parallel) {
        if (mode == Mode.BIDIRECTIONAL) {
            streamsToSend = parallel;
            streamsToRec = parallel;
        } else if (mode == Mode.RECEIVER) {
            streamsToRec = parallel;
        } else {
            streamsToSend = parallel;
        }
    }

    /** How many streams the client opens. */
    int expected() {
        return streamsToRec + streamsToSend;
    }

    void closeListeners() {
        for (Channel u : udpListeners) {
            u.close();
        }
    }

    void bindUdpListener(ChannelFutureListener then) {
        Bootstrap b = new Bootstrap().group(s.server.loop).channel(Transport.datagramChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(Math.max(s.settings.blksize, 64)))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, StreamIo.waterMark(true, s.settings.blksize))
                .handler(new UdpListenHandler());
        if (s.settings.window != 0) {
            b.option(ChannelOption.SO_SNDBUF, s.settings.window).option(ChannelOption.SO_RCVBUF, s.settings.window);
        }
        InetSocketAddress at = s.server.o.bind() != null ? new InetSocketAddress(s.server.o.bind(), s.server.port) : new InetSocketAddress(s.server.port);
        b.bind(at).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                udpListener = f.channel();
                udpListeners.add(udpListener);
                if (s.ended) {
                    udpListener.close();
                }
            }
            then.operationComplete(f);
        });
    }

    /** Which way the next accepted stream goes: receivers first, then senders (srv.c). */
    private Boolean nextStreamIsSender() {
        if (recAccepted != streamsToRec) {
            recAccepted++;
            return false;
        }
        if (sendAccepted != streamsToSend) {
            sendAccepted++;
            return true;
        }
        return null;
    }

    private boolean allAccepted() {
        return recAccepted == streamsToRec && sendAccepted == streamsToSend;
    }

    /** A TCP connection sent a cookie during CREATE_STREAMS (iperf_tcp_accept). */
    void dataConnection(Channel ch, byte[] c) {
        if (!Cookie.matches(c, s.cookie)) {
            IperfServer.deny(ch);
            return;
        }
        Boolean sender = nextStreamIsSender();
        if (sender == null) {
            IperfServer.deny(ch);
            return;
        }
        if (s.settings.noDelay) {
            ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        }
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, StreamIo.waterMark(false, s.settings.blksize));
        if (ch.config().getRecvByteBufAllocator() instanceof BlockRecvAllocator a) {
            a.size(s.settings.blksize);
        }
        StreamIo io = new StreamIo(s, false, sender, s.settings.blksize, s.settings.udpCounters64bit,
                s.settings.repeatingPayload);
        ch.pipeline().replace(ControlDecoder.class, "stream", io);
        addStream(io, ch, sender);
        if (allAccepted()) {
            s.startTest();
        }
    }

    private void addStream(StreamIo io, Channel ch, boolean sender) {
        ch.config().setAutoRead(false); // data counts from TEST_RUNNING on; until then it waits in the kernel
        s.ios.add(io);
        IperfStream sp = new IperfStream(s.test.nextStreamId(), sender, Transport.fd(ch, 5 + s.test.streams.size()), ch);
        InetSocketAddress l = (InetSocketAddress) ch.localAddress();
        InetSocketAddress r = (InetSocketAddress) ch.remoteAddress();
        sp.localHost = SystemInfo.host(l);
        sp.localPort = l == null ? 0 : l.getPort();
        sp.remoteHost = SystemInfo.host(r);
        sp.remotePort = r == null ? 0 : r.getPort();
        io.attach(sp);
        s.test.addStream(sp);
    }

    /** The UDP listener's handler: the client's hello makes this socket a stream (iperf_udp_accept). */
    final class UdpListenHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            InetSocketAddress from = msg instanceof DatagramPacket p ? p.sender() : null;
            ReferenceCountUtil.release(msg);
            if (s.ended || from == null || s.test == null || s.test.state != Iperf3.CREATE_STREAMS || ctx.channel() != udpListener) {
                return;
            }
            udpHello(ctx.channel(), from, this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // an ICMP error on a datagram socket; the stream logic notices a dead peer by other means
        }
    }

    private void udpHello(Channel ch, InetSocketAddress from, UdpListenHandler handler) {
        Boolean sender = nextStreamIsSender();
        if (sender == null) {
            return;
        }
        udpListener = null;
        ch.connect(from).addListener((ChannelFuture f) -> {
            if (s.ended) {
                return;
            }
            if (!f.isSuccess()) {
                s.failWithServerError(Iperf3.errorMessage(Iperf3.IESTREAMACCEPT) + ": " + f.cause().getMessage(),
                        Iperf3.IESTREAMACCEPT);
                return;
            }
            StreamIo io = new StreamIo(s, true, sender, s.settings.blksize, s.settings.udpCounters64bit,
                    s.settings.repeatingPayload);
            ch.pipeline().replace(handler, "stream", io);
            Integer snd = ch.config().getOption(ChannelOption.SO_SNDBUF);
            Integer rcv = ch.config().getOption(ChannelOption.SO_RCVBUF);
            if (s.settings.window == 0 && snd != null && rcv != null && (s.settings.blksize > snd || s.settings.blksize > rcv)) {
                ch.config().setOption(ChannelOption.SO_SNDBUF, s.settings.blksize + 1024);
                ch.config().setOption(ChannelOption.SO_RCVBUF, s.settings.blksize + 1024);
                snd = ch.config().getOption(ChannelOption.SO_SNDBUF);
                rcv = ch.config().getOption(ChannelOption.SO_RCVBUF);
            }
            s.test.jsonStart.add("sock_bufsize", s.settings.window);
            s.test.jsonStart.add("sndbuf_actual", snd == null ? 0 : snd);
            s.test.jsonStart.add("rcvbuf_actual", rcv == null ? 0 : rcv);
            addStream(io, ch, sender);
            Runnable reply = () -> ch.writeAndFlush(ch.alloc().buffer(4).writeBytes(Iperf3.UDP_CONNECT_REPLY));
            if (allAccepted()) {
                reply.run();
                s.startTest();
            } else {
                // the next stream's listener is bound before the reply, as iperf_udp_accept does
                bindUdpListener(bf -> {
                    if (!bf.isSuccess()) {
                        s.failWithServerError(Iperf3.errorMessage(Iperf3.IESTREAMLISTEN) + ": " + bf.cause().getMessage(),
                                Iperf3.IESTREAMLISTEN);
                        return;
                    }
                    reply.run();
                });
            }
        });
    }
}
