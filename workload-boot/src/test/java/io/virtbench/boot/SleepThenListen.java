package io.virtbench.boot;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A stand-in guest for tests: sleeps, then listens on 127.0.0.1:PORT, accepts one connection and exits. */
public final class SleepThenListen {
    private SleepThenListen() {
    }

    public static void main(String[] args) throws Exception {
        double delay = Double.parseDouble(args[0]);
        int port = Integer.parseInt(args[1]);
        Thread.sleep((long) (delay * 1000));
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            s.setSoTimeout(10_000);
            try (Socket c = s.accept()) {
                c.getOutputStream().write('x');
            }
        }
    }
}
