// virtbench bench: the jitter baseline receiver in Java (see run.sh).
import java.net.*;
import java.nio.*;
import java.nio.channels.*;
// the same receiver in Java: a blocking DatagramChannel, System.nanoTime (CLOCK_MONOTONIC);
// usage: Rcv PORT N ROUNDS [select]: with select, a non-blocking channel and a Selector (epoll)
public class Rcv {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]);
        DatagramChannel ch = DatagramChannel.open();
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        ch.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port));
        ByteBuffer buf = ByteBuffer.allocateDirect(70000).order(ByteOrder.nativeOrder());
        Selector sel = null;
        if (a.length > 3 && a[3].equals("select")) { // a non-blocking channel and the JDK's epoll Selector
            ch.configureBlocking(false);
            sel = Selector.open();
            ch.register(sel, SelectionKey.OP_READ);
        }
        for (int r = 0; r < rounds; r++) {
            double jitter = 0, prev = 0;
            for (int i = 0; i < n; ) {
                buf.clear();
                if (sel == null) {
                    ch.receive(buf);
                } else {
                    while (ch.receive(buf) == null) {
                        sel.select();
                        sel.selectedKeys().clear();
                    }
                }
                long us = System.nanoTime() / 1000;
                if (buf.getInt(8) >= 1 << 30) {
                    continue; // a warm-up datagram
                }
                i++;
                long sent = buf.getLong(0);
                double transit = (us - sent) / 1e6;
                if (i == 1) prev = transit;
                double d = Math.abs(transit - prev);
                prev = transit;
                jitter += (d - jitter) / 16.0;
            }
            System.out.printf("%.3f%n", jitter * 1000);
        }
    }
}
