package io.virtbench.net.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The start-of-test facts iperf3 writes into its JSON: uname, the RFC 1123 time, the version string. */
public final class SystemInfo {
    /** The "version" of the JSON start object: says what produced it and what it is compatible with. */
    public static final String VERSION = "virtbench (iperf " + Iperf3.COMPATIBLE_VERSION + " compatible)";
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    private SystemInfo() {
    }

    /** "sysname nodename release version machine", as uname(2) gives them to iperf3. */
    public static String uname() {
        String sys = read("/proc/sys/kernel/ostype", System.getProperty("os.name"));
        String node = read("/proc/sys/kernel/hostname", "localhost");
        String release = read("/proc/sys/kernel/osrelease", System.getProperty("os.version"));
        String version = read("/proc/sys/kernel/version", "");
        String arch = System.getProperty("os.arch");
        String machine = switch (arch) {
            case "amd64" -> "x86_64";
            case "x86" -> "i686";
            default -> arch;
        };
        return sys + " " + node + " " + release + " " + version + " " + machine;
    }

    private static String read(String file, String fallback) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException | RuntimeException e) {
            return fallback == null ? "" : fallback;
        }
    }

    public static CJson.Obj timestamp() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return CJson.obj().add("time", RFC1123.format(now)).add("timesecs", now.toEpochSecond());
    }

    /** iperf3 prints IPv4-mapped IPv6 addresses as plain IPv4 (mapped_v4_to_regular_v4). */
    public static String host(java.net.InetSocketAddress a) {
        if (a == null || a.getAddress() == null) {
            return "";
        }
        byte[] b = a.getAddress().getAddress();
        if (b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) {
                return (b[12] & 0xFF) + "." + (b[13] & 0xFF) + "." + (b[14] & 0xFF) + "." + (b[15] & 0xFF);
            }
            return ipv6(b);
        }
        return a.getAddress().getHostAddress();
    }

    /** inet_ntop's IPv6 form: lower-case hex groups, the longest run of two or more zero groups as "::". */
    static String ipv6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestBase = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestBase) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
