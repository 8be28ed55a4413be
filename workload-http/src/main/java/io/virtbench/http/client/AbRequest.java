package io.virtbench.http.client;

import io.virtbench.core.UserException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The request bytes, built once per run exactly as ab 2.3 builds them (support/ab.c test()):
 * the request line with HTTP/1.0, {@code Connection: Keep-Alive} with {@code -k}, the cookie,
 * {@code Content-length}/{@code Content-type} (ab's spelling) with a body, the {@code -H} lines in
 * order, then {@code Host}, {@code User-Agent: ApacheBench/2.3} and {@code Accept: *}{@code /*}
 * unless a {@code -H} line replaced them, an empty line and the body.
 *
 * <p>With virtbench's {@code --http11} the request line says HTTP/1.1; a persistent connection is
 * then the default, so {@code -k} adds nothing and its absence adds {@code Connection: close}.
 */
public final class AbRequest {
    /** ab's request buffer: the header part must be shorter ("Request too long"). */
    public static final int MAX_HEADER_BYTES = 8192;
    public static final String USER_AGENT = "ApacheBench/2.3";

    private AbRequest() {
    }

    /** The full request: header bytes followed by the body of {@code -p}/{@code -u}, if any. */
    public static byte[] build(AbOptions o, byte[] body) {
        AbUrl u = o.target();
        StringBuilder b = new StringBuilder(256);
        b.append(o.methodName()).append(' ').append(u.path()).append(o.http11() ? " HTTP/1.1\r\n" : " HTTP/1.0\r\n");
        if (o.http11()) {
            if (!o.keepAlive()) {
                b.append("Connection: close\r\n");
            }
        } else if (o.keepAlive()) {
            b.append("Connection: Keep-Alive\r\n");
        }
        if (o.cookie() != null) {
            b.append("Cookie: ").append(o.cookie()).append("\r\n");
        }
        if (body != null) {
            b.append("Content-length: ").append(body.length).append("\r\n");
            b.append("Content-type: ").append(o.contentType()).append("\r\n");
        }
        boolean host = false;
        boolean agent = false;
        boolean accept = false;
        for (String h : o.headers()) {
            b.append(h).append("\r\n");
            String l = h.toLowerCase(Locale.ROOT);
            host |= l.startsWith("host:");
            agent |= l.startsWith("user-agent:");
            accept |= l.startsWith("accept:");
        }
        if (!host) {
            b.append("Host: ").append(u.hostHeader()).append("\r\n");
        }
        if (!agent) {
            b.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        if (!accept) {
            b.append("Accept: */*\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head.length >= MAX_HEADER_BYTES) {
            throw UserException.usage("request too long: " + head.length + " bytes of request header, ab's limit is "
                    + (MAX_HEADER_BYTES - 1) + " (fewer or shorter -H headers)");
        }
        if (body == null || body.length == 0) {
            return body == null ? head : withBody(head, body);
        }
        return withBody(head, body);
    }

    private static byte[] withBody(byte[] head, byte[] body) {
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** The request as text, for tests and {@code -v}-style diagnostics. */
    public static String text(byte[] request) {
        return new String(request, StandardCharsets.ISO_8859_1);
    }
}
