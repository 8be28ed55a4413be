package io.virtbench.net.session;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollTcpInfo;
import io.virtbench.net.protocol.Iperf3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TCP_INFO fields iperf3 reports (tcp_info.c), read through Netty's epoll channel:
 * {@code tcpi_total_retrans}, {@code tcpi_snd_cwnd × tcpi_snd_mss}, {@code tcpi_rtt},
 * {@code tcpi_rttvar} (µs), {@code tcpi_pmtu}. Netty does not expose {@code tcpi_snd_wnd}.
 */
public record TcpInfo(long totalRetrans, long sndCwnd, long sndMss, long rtt, long rttvar, long pmtu) {

    long sndCwndBytes() {
        return sndCwnd * sndMss;
    }

    /** True when this channel can report TCP_INFO (the epoll transport). */
    public static boolean available(Channel ch) {
        return ch instanceof EpollSocketChannel && ch.isActive();
    }

    /** The channel's TCP_INFO, or null where it cannot be read. */
    static TcpInfo read(Channel ch) {
        if (!(ch instanceof EpollSocketChannel e) || !ch.isOpen()) {
            return null;
        }
        try {
            EpollTcpInfo i = e.tcpInfo();
            return new TcpInfo(i.totalRetrans(), i.sndCwnd(), i.sndMss(), i.rtt(), i.rttvar(), i.pmtu());
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** The control connection's MSS (iperf3 reads TCP_MAXSEG, which is the same tp->mss_cache), or 0. */
    public static int mss(Channel ch) {
        TcpInfo t = read(ch);
        if (t == null || t.sndMss() <= 0 || t.sndMss() > Iperf3.MAX_UDP_BLOCKSIZE) {
            return 0;
        }
        return (int) t.sndMss();
    }

    /**
     * The congestion control algorithm new TCP sockets use (Linux default). Netty cannot read a
     * socket's TCP_CONGESTION; virtbench never sets one, so the system default is what its sockets use.
     */
    public static String congestion() {
        try {
            String s = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_congestion_control")).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
