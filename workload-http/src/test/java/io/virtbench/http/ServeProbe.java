package io.virtbench.http;

import io.virtbench.http.client.AbEngine;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.client.AbRun;
import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Run in a child JVM by {@link ChildJvmTest}: starts the server without --db-url, serves one
 * request, then (with the argument "bench") runs the client against it, and prints what it saw.
 */
public final class ServeProbe {
    private ServeProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (HttpServer server = HttpServer.start(ServeOptions.loopback().withThreads(1));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            System.out.println(new String(all, 0, 15, StandardCharsets.US_ASCII));
            if (args.length > 0 && args[0].equals("bench")) {
                java.io.PrintStream none = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
                for (boolean k : new boolean[] {false, true}) {
                    AbRun r = AbEngine.run(AbOptions.builder(server.url("/")).requests(50).concurrency(3).keepAlive(k).build(),
                            none, none, io.virtbench.core.harness.StopSignal.never());
                    System.out.println(r.transport() + " keepalive=" + k + " complete=" + r.completed() + " failed="
                            + r.counts().bad());
                }
            }
        }
    }
}
