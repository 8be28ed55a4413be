package io.virtbench.net.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.protocol.TestSettings;

/** What the client does with its channels besides the test: error words, socket buffers, the control connection's end. */
final class ClientChannels {

    private ClientChannels() {
    }

    static String reason(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        if (m != null && m.contains("Connection refused")) {
            return "Connection refused";
        }
        return m == null ? t.getClass().getSimpleName() : m.replaceFirst("^.*?: ", "");
    }

    /** SO_SNDBUF / SO_RCVBUF as iperf_tcp_connect and iperf_udp_buffercheck record them per stream. */
    static void bufferFacts(ClientSession s, Channel ch) {
        TestSettings settings = s.settings;
        Integer snd = ch.config().getOption(ChannelOption.SO_SNDBUF);
        Integer rcv = ch.config().getOption(ChannelOption.SO_RCVBUF);
        if (settings.udp() && settings.window == 0 && snd != null && rcv != null
                && (settings.blksize > snd || settings.blksize > rcv)) {
            int size = settings.blksize + 1024;
            s.warning("Block size " + settings.blksize + " > " + (settings.blksize > snd ? "sending" : "receiving")
                    + " socket buffer size " + (settings.blksize > snd ? snd : rcv));
            s.warning("Increasing socket buffer size to " + size);
            ch.config().setOption(ChannelOption.SO_SNDBUF, size);
            ch.config().setOption(ChannelOption.SO_RCVBUF, size);
            snd = ch.config().getOption(ChannelOption.SO_SNDBUF);
            rcv = ch.config().getOption(ChannelOption.SO_RCVBUF);
        }
        s.test.jsonStart.add("sock_bufsize", settings.window);
        s.test.jsonStart.add("sndbuf_actual", snd == null ? 0 : snd);
        s.test.jsonStart.add("rcvbuf_actual", rcv == null ? 0 : rcv);
    }

    /** Control connection closed by the server. */
    static final class ControlCloseWatcher extends ChannelInboundHandlerAdapter {
        private final ClientSession s;

        ControlCloseWatcher(ClientSession s) {
            this.s = s;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!s.finished) {
                s.fail(Iperf3.errorMessage(Iperf3.IECTRLCLOSE));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!s.finished) {
                s.fail(Iperf3.errorMessage(Iperf3.IECTRLCLOSE) + ": " + reason(cause));
            }
        }
    }
}
