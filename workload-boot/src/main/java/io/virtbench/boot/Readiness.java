package io.virtbench.boot;

import io.virtbench.core.UserException;

/**
 * When a launched platform counts as booted ({@code --ready}):
 * <ul>
 *   <li>{@code exit} — the launch command returned (as {@code docker run -d} does once the container runs);</li>
 *   <li>{@code tcp:HOST:PORT} — a TCP connection to HOST:PORT is accepted;</li>
 *   <li>{@code ping:HOST} — HOST answers an ICMP echo (the study's VMs and metal);</li>
 *   <li>{@code beacon:[BIND:]PORT} — a {@code virtbench beacon} datagram arrives on UDP PORT
 *       (user space inside the guest is up, not just its network card).</li>
 * </ul>
 */
public record Readiness(Kind kind, String host, int port) {

    public enum Kind { EXIT, TCP, PING, BEACON }

    public static final String DEFAULT = "exit";

    /** Parses the {@code --ready} value; a wrong one is a usage error naming the option. */
    public static Readiness parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw bad(spec, "empty");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String rest = colon < 0 ? "" : s.substring(colon + 1);
        switch (kind) {
            case "exit" -> {
                if (!rest.isEmpty()) {
                    throw bad(spec, "'exit' takes no address");
                }
                return new Readiness(Kind.EXIT, null, 0);
            }
            case "tcp" -> {
                String[] hp = hostPort(spec, rest, true);
                return new Readiness(Kind.TCP, hp[0], port(spec, hp[1]));
            }
            case "ping" -> {
                if (rest.isEmpty() || rest.contains("/") || rest.contains(" ")) {
                    throw bad(spec, "expected ping:HOST");
                }
                return new Readiness(Kind.PING, unbracket(rest), 0);
            }
            case "beacon" -> {
                if (rest.isEmpty()) {
                    throw bad(spec, "expected beacon:PORT or beacon:BIND_ADDRESS:PORT");
                }
                if (rest.chars().allMatch(Character::isDigit)) {
                    return new Readiness(Kind.BEACON, null, port(spec, rest));
                }
                String[] hp = hostPort(spec, rest, true);
                return new Readiness(Kind.BEACON, hp[0], port(spec, hp[1]));
            }
            default -> throw bad(spec, "expected exit, tcp:HOST:PORT, ping:HOST or beacon:PORT");
        }
    }

    private static String[] hostPort(String spec, String rest, boolean required) {
        int c = rest.lastIndexOf(':');
        if (c <= 0 || c == rest.length() - 1) {
            throw bad(spec, "expected HOST:PORT");
        }
        return new String[] {unbracket(rest.substring(0, c)), rest.substring(c + 1)};
    }

    private static String unbracket(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static int port(String spec, String p) {
        try {
            int v = Integer.parseInt(p);
            if (v < 1 || v > 65535) {
                throw bad(spec, "port " + p + " is not in 1..65535");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(spec, "port '" + p + "' is not a number");
        }
    }

    private static UserException bad(String spec, String why) {
        return UserException.usage("invalid value for --ready: '" + spec + "' (" + why + ")");
    }

    /** The test name recorded with the result: exit, tcp, ping, beacon. */
    public String testName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXIT -> "exit";
            case TCP -> "tcp:" + bracket(host) + ":" + port;
            case PING -> "ping:" + host;
            case BEACON -> "beacon:" + (host != null ? bracket(host) + ":" : "") + port;
        };
    }

    private static String bracket(String h) {
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
