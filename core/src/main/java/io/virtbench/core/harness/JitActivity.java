package io.virtbench.core.harness;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * How much work the JIT compiler has done so far, to tell when it has finished compiling what a
 * warm-up ran: on Linux the CPU time of HotSpot's compiler threads (/proc/self/task), which grows
 * while a long compilation is still running; elsewhere the total compilation time of the
 * CompilationMXBean, which grows when a compilation ends. A warm-up that ends while the compiler
 * still works leaves the compiler threads competing for the CPUs with the measured run.
 */
public final class JitActivity {
    private static final Path TASKS = Path.of("/proc/self/task");
    private final CompilationMXBean mx = ManagementFactory.getCompilationMXBean();
    private final boolean proc = Files.isDirectory(TASKS);

    /** A number that grows while the JIT works (10 ms clock ticks, or ms); -1 when unknown. */
    public long work() {
        if (proc) {
            long ticks = compilerTicks();
            if (ticks >= 0) {
                return ticks;
            }
        }
        return mx != null && mx.isCompilationTimeMonitoringSupported() ? mx.getTotalCompilationTime() : -1;
    }

    /**
     * Waits until {@link #work()} has not grown for {@code quietNanos}, polling every 20 ms, but
     * not past {@code deadlineNanos} ({@link System#nanoTime()}) or once {@code stop} says so.
     *
     * @return the work then, or -1 when it cannot be known (then it returns at once)
     */
    public long awaitQuiet(long quietNanos, long deadlineNanos, BooleanSupplier stop) throws InterruptedException {
        long last = work();
        if (last < 0) {
            return -1;
        }
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quietNanos && System.nanoTime() - deadlineNanos < 0 && !stop.getAsBoolean()) {
            Thread.sleep(20);
            long w = work();
            if (w != last) {
                last = w;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }

    private static long compilerTicks() {
        long sum = 0;
        boolean found = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path t : tasks) {
                String comm;
                String stat;
                try {
                    comm = Files.readString(t.resolve("comm")).strip();
                    if (!comm.contains("Compiler")) {
                        continue;
                    }
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                found = true;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return found ? sum : -1;
    }
}
