package io.virtbench.http.client;

import io.virtbench.core.UserException;

/**
 * A URL as ab 2.3 reads it (support/ab.c parse_url): {@code http://host[:port]/path}, where the
 * path is everything from the first '/' after the host (query included) and must be present;
 * an IPv6 literal is written in brackets. The {@code Host} header carries the port only when it
 * is not 80, and IPv6 literals keep their brackets there.
 *
 * @param hostname the host as ab prints it in "Server Hostname" (IPv6 without brackets)
 * @param port     the port, 80 when none is given
 * @param path     the document path, at least "/"
 * @param hostHeader the value of the Host header ab sends
 */
public record AbUrl(String hostname, int port, String path, String hostHeader) {

    public static final int DEFAULT_PORT = 80;

    /** Parses {@code url}; a URL ab would refuse is a usage error naming it. */
    public static AbUrl parse(String url) {
        if (url == null) {
            throw UserException.usage("missing URL (expected http://host[:port]/path)");
        }
        String rest;
        if (url.length() > 7 && url.startsWith("http://")) {
            rest = url.substring(7);
        } else if (url.length() > 8 && url.startsWith("https://")) {
            throw UserException.usage("invalid URL '" + url + "': https is not supported (virtbench speaks plain HTTP, as ab without SSL)");
        } else {
            throw UserException.usage("invalid URL '" + url + "' (expected http://host[:port]/path)");
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw UserException.usage("invalid URL '" + url + "': a path is required, e.g. " + url + "/");
        }
        String hostPort = rest.substring(0, slash);
        String path = rest.substring(slash);
        String host;
        String portText = null;
        boolean v6 = false;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw UserException.usage("invalid URL '" + url + "': unterminated IPv6 address");
            }
            host = hostPort.substring(1, close);
            v6 = true;
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw UserException.usage("invalid URL '" + url + "'");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                portText = hostPort.substring(colon + 1);
            } else {
                host = hostPort;
            }
        }
        if (host.isEmpty() || host.indexOf('%') >= 0) {
            throw UserException.usage("invalid URL '" + url + "': no host name");
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw UserException.usage("invalid URL '" + url + "': bad port '" + portText + "'");
            }
        }
        String hostField = v6 ? "[" + host + "]" : host;
        String hostHeader = port != DEFAULT_PORT ? hostField + ":" + port : hostField;
        return new AbUrl(host, port, path, hostHeader);
    }

    /** The URL written back, as a user would type it. */
    public String url() {
        String h = hostname.indexOf(':') >= 0 ? "[" + hostname + "]" : hostname;
        return "http://" + h + ":" + port + path;
    }
}
