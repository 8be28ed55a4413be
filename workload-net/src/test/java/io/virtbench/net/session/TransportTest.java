package io.virtbench.net.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.net.Net;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The client's UDP socket has the family iperf3's client would open (getaddrinfo's). */
class TransportTest {

    /** Whether /proc/net/{@code table} lists a socket with local port {@code port}. */
    private static boolean listed(String table, int port) throws Exception {
        String hex = String.format(Locale.ROOT, ":%04X ", port);
        return Files.readAllLines(Path.of("/proc/net/" + table)).stream().skip(1)
                .anyMatch(l -> l.trim().split("\\s+")[1].concat(" ").endsWith(hex));
    }

    @Test
    void aClientSendingToAnIpv4ServerUsesAnIpv4Socket() throws Exception {
        NativeTools.assumeAvailable(Transport.EPOLL, "no Netty epoll transport (Linux), which Netty's epoll transport (Linux)");
        EventLoopGroup group = Transport.newGroup(1);
        try (DatagramChannel server = DatagramChannel.open()) {
            server.bind(new InetSocketAddress(Net.LOOPBACK, 0));
            InetSocketAddress target = (InetSocketAddress) server.getLocalAddress();
            Channel ch = new Bootstrap().group(group).channelFactory(Transport.clientDatagramChannel(target.getAddress(), null))
                    .handler(new ChannelInboundHandlerAdapter()).connect(target).sync().channel();
            int port = ((InetSocketAddress) ch.localAddress()).getPort();
            assertTrue(listed("udp", port), "an AF_INET socket, in /proc/net/udp");
            assertFalse(listed("udp6", port), "not a dual-stack AF_INET6 one");
            ch.close().sync();
        } finally {
            Transport.shutdown(group);
        }
    }
}
