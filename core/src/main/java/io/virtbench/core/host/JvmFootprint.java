package io.virtbench.core.host;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the measuring JVM itself cost when a result was taken: its memory (so a small guest's
 * limit can be checked against it) and its CPU time (the tool's overhead next to the figure).
 * Every figure is of the whole process since it started; a figure that cannot be read here
 * (no /proc, a JVM without com.sun.management) is null rather than a guess.
 *
 * @param peakRssBytes     the process's peak resident set (VmHWM of /proc/self/status)
 * @param rssBytes         its resident set when the result was taken (VmRSS)
 * @param maxHeapBytes     the heap's limit (-Xmx, or the JVM's ergonomic choice)
 * @param initialHeapBytes the heap's initial size (-Xms, or ergonomic)
 * @param gc               the garbage collector, by its beans' names ("G1 Young Generation, G1 Old Generation")
 * @param memoryArguments  the JVM's input arguments that concern memory (-Xmx, -XX:MaxRAMPercentage...)
 * @param cpuUserSeconds   the process's user CPU time (/proc/self/stat utime)
 * @param cpuSystemSeconds the process's system CPU time (/proc/self/stat stime)
 * @param cpuSeconds       user + system CPU time of the process
 * @param gcSeconds        time the collectors report having spent
 * @param uptimeSeconds    how long the JVM had been running
 */
public record JvmFootprint(Long peakRssBytes, Long rssBytes, Long maxHeapBytes, Long initialHeapBytes, String gc,
                           List<String> memoryArguments, Double cpuUserSeconds, Double cpuSystemSeconds,
                           Double cpuSeconds, Double gcSeconds, Double uptimeSeconds) {

    /** /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 for user space. */
    static final double TICKS_PER_SECOND = 100.0;

    /** Input arguments about memory: heap, stacks, metaspace, code cache, direct buffers, the collector. */
    private static final List<String> MEMORY_WORDS = List.of("heap", "ram", "gc", "metaspace", "codecache",
            "directmemory", "stack", "memory", "newsize", "oldsize", "survivor", "tlab", "compressedoops", "pretouch");

    /** This JVM now. */
    public static JvmFootprint now() {
        return read(Path.of("/"));
    }

    /** This JVM, its /proc files read under {@code root} ("/" except in tests). */
    static JvmFootprint read(Path root) {
        String status = file(root.resolve("proc/self/status"));
        Long peak = statusKilobytes(status, "VmHWM:");
        Long rss = statusKilobytes(status, "VmRSS:");
        double[] userSys = userSystemSeconds(file(root.resolve("proc/self/stat")));
        Double user = userSys == null ? null : userSys[0];
        Double sys = userSys == null ? null : userSys[1];
        Double cpu = userSys != null ? Double.valueOf(userSys[0] + userSys[1]) : beanCpuSeconds();
        Long max = null;
        Long init = null;
        String gc = null;
        Double gcSeconds = null;
        Double uptime = null;
        List<String> args = List.of();
        try {
            long m = Runtime.getRuntime().maxMemory();
            max = m == Long.MAX_VALUE ? null : m;
            long i = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit();
            init = i < 0 ? null : i;
            List<String> names = new ArrayList<>();
            long gcMillis = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                names.add(b.getName());
                gcMillis += Math.max(0, b.getCollectionTime());
            }
            gc = names.isEmpty() ? null : String.join(", ", names);
            gcSeconds = gcMillis / 1000.0;
            uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
            args = memoryArguments(ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException | LinkageError e) {
            // a runtime without java.management: the /proc figures stand alone
        }
        return new JvmFootprint(peak, rss, max, init, gc, args, user, sys, cpu, gcSeconds, uptime);
    }

    /** The arguments among {@code all} that set memory or the collector. */
    static List<String> memoryArguments(List<String> all) {
        List<String> out = new ArrayList<>();
        for (String a : all) {
            String l = a.toLowerCase(Locale.ROOT);
            boolean xOption = l.startsWith("-xmx") || l.startsWith("-xms") || l.startsWith("-xmn") || l.startsWith("-xss");
            boolean xx = l.startsWith("-xx:") && MEMORY_WORDS.stream().anyMatch(l::contains);
            if (xOption || xx) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    /** A "Name:   1234 kB" line of /proc/self/status in bytes, or null. */
    static Long statusKilobytes(String status, String key) {
        if (status == null) {
            return null;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] f = line.substring(key.length()).strip().split("\\s+");
                try {
                    long v = Long.parseLong(f[0]);
                    return f.length > 1 && f[1].equalsIgnoreCase("kB") ? v * 1024 : v;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * utime and stime (fields 14 and 15) of /proc/self/stat in seconds, or null. The command
     * name (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
     */
    static double[] userSystemSeconds(String stat) {
        if (stat == null) {
            return null;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] f = stat.substring(close + 1).strip().split("\\s+");
        // f[0] is field 3 (state), so utime (14) is f[11] and stime (15) is f[12]
        if (f.length < 13) {
            return null;
        }
        try {
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            if (utime < 0 || stime < 0) {
                return null;
            }
            return new double[] {utime / TICKS_PER_SECOND, stime / TICKS_PER_SECOND};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The process CPU time from com.sun.management, where /proc is missing; null if unknown. */
    private static Double beanCpuSeconds() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long ns = os.getProcessCpuTime();
                return ns < 0 ? null : ns / 1e9;
            }
        } catch (RuntimeException | LinkageError e) {
            // no jdk.management in this runtime
        }
        return null;
    }

    private static String file(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
