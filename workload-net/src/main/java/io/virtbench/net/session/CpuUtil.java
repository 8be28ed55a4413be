package io.virtbench.net.session;

import io.virtbench.core.clock.Stopwatch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * iperf3's CPU utilisation (util.c {@code cpu_util}): process CPU time over wall time, in
 * percent, total and split into user and system. The total comes from the JVM's process CPU
 * clock; user and system from /proc/self/stat (clock ticks, 100 per second), or the total as
 * user time where that file is missing. When client and server run in one JVM (the crosscheck's
 * virtbench pair), both sides report the whole process.
 */
public final class CpuUtil {
    private Stopwatch wall;
    private long cpuNs;
    private long userTicks;
    private long systemTicks;

    /** cpu_util(NULL): remember the start. */
    public static CpuUtil start() {
        CpuUtil c = new CpuUtil();
        c.wall = Stopwatch.start();
        c.cpuNs = processCpuNs();
        Ticks t = ticks();
        c.userTicks = t.user();
        c.systemTicks = t.system();
        return c;
    }

    /** cpu_util(pcpu): total, user, system percent since {@link #start()}. */
    public void measure(double[] pcpu) {
        double wall = this.wall.elapsedNanos() / 1000;
        if (wall <= 0) {
            pcpu[0] = pcpu[1] = pcpu[2] = 0;
            return;
        }
        long cpu = processCpuNs();
        Ticks t = ticks();
        pcpu[0] = ((cpu - cpuNs) / 1000.0) / wall * 100;
        if (t.user() >= 0) {
            pcpu[1] = (t.user() - userTicks) * 10_000.0 / wall * 100;
            pcpu[2] = (t.system() - systemTicks) * 10_000.0 / wall * 100;
        } else {
            pcpu[1] = pcpu[0];
            pcpu[2] = 0;
        }
    }

    private static long processCpuNs() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean s) {
            long v = s.getProcessCpuTime();
            if (v >= 0) {
                return v;
            }
        }
        return 0;
    }

    /** utime and stime of this process in clock ticks; -1 each where unknown. */
    private record Ticks(long user, long system) {
    }

    private static Ticks ticks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after "(comm) ": state(3) ... utime is field 14, stime 15 (1-based) -> index 11, 12 here
            return new Ticks(Long.parseLong(f[11]), Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
            return new Ticks(-1, -1);
        }
    }
}
