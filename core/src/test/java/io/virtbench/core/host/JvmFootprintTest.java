package io.virtbench.core.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmFootprintTest {
    @TempDir
    Path root;

    /** A JVM's /proc/self/status and stat as Linux 6.1 wrote them (a command name with a space and a ')'). */
    private void captured() throws IOException {
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/status"), "Name:\tjava\nVmPeak:\t 3571308 kB\nVmHWM:\t   61234 kB\n"
                + "VmRSS:\t   58000 kB\nThreads:\t19\n");
        Files.writeString(root.resolve("proc/self/stat"), "4242 (my java) x) S 1 4242 4242 0 -1 4194560 13296 0 0 0 "
                + "157 23 0 0 20 0 19 0 1520 3657023488 15308 18446744073709551615 1 1 0 0 0 0 0 4096 16796399 0 0 0 17 "
                + "1 0 0 0 0 0\n");
    }

    @Test
    void readsPeakResidentSetAndCpuTimeFromProc() throws IOException {
        captured();
        JvmFootprint f = JvmFootprint.read(root);
        assertEquals(61234L * 1024, f.peakRssBytes());
        assertEquals(58000L * 1024, f.rssBytes());
        assertEquals(1.57, f.cpuUserSeconds(), 1e-9);
        assertEquals(0.23, f.cpuSystemSeconds(), 1e-9);
        assertEquals(1.80, f.cpuSeconds(), 1e-9);
        assertEquals(Runtime.getRuntime().maxMemory(), f.maxHeapBytes());
        assertNotNull(f.gc());
    }

    @Test
    void withoutProcTheMemoryIsUnknownNotZero() {
        JvmFootprint f = JvmFootprint.read(root);
        assertNull(f.peakRssBytes());
        assertNull(f.cpuUserSeconds());
        // the JVM's own bean still tells the CPU time where it can
        assertTrue(f.cpuSeconds() == null || f.cpuSeconds() >= 0);
    }

    @Test
    void garbledProcFilesAreUnknown() {
        assertNull(JvmFootprint.statusKilobytes("VmHWM:\tlots kB\n", "VmHWM:"));
        assertNull(JvmFootprint.userSystemSeconds("4242 java S 1 2 3"));
        assertNull(JvmFootprint.userSystemSeconds("4242 (java) S 1 2 3"));
        assertArrayEquals(new double[] {0.01, 0.02},
                JvmFootprint.userSystemSeconds("1 (j) S 1 1 1 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 1 1 1"));
    }

    @Test
    void keepsOnlyTheArgumentsAboutMemory() {
        assertEquals(List.of("-Xmx96m", "-Xss512k", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-XX:MaxMetaspaceSize=64m"),
                JvmFootprint.memoryArguments(List.of("-Xmx96m", "-Xmixed", "-Xss512k", "-Dfile.encoding=UTF-8",
                        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=50",
                        "-XX:MaxMetaspaceSize=64m")));
    }

    @Test
    void thisJvmsFootprintIsRecordedOnceAndOnlyForItsOwnRuns() {
        JvmFootprint f = JvmFootprint.now();
        assertTrue(f.peakRssBytes() > 1 << 20 && f.peakRssBytes() >= f.rssBytes(), f.toString());
        assertTrue(f.cpuSeconds() > 0, f.toString());
        RunResult own = RunResult.builder("cpu").build().withOwnFootprint();
        assertNotNull(own.jvm());
        assertSame(own, own.withOwnFootprint(), "a recorded footprint is kept, not replaced");
        assertNull(RunResult.builder("cpu").tool("sysbench").build().withOwnFootprint().jvm(), "a native tool's run");
        assertNull(RunResult.builder("cpu").source("cpu.log:3").build().withOwnFootprint().jvm(), "an imported run");
    }
}
