package io.virtbench.http;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Run in a child JVM by {@link DbRouteTest}: starts the server without --db-url, serves one request, stops. */
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
        }
    }
}
