package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.testing.PaperLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code virtbench report OLD NEW} with one platform: old, new, delta and p, as benchstat prints them. */
class BeforeAfterTest {
    @TempDir
    Path tmp;

    private String report(PlatformReport.Format format, Path a, Path b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = PlatformReport.run(new PlatformReport.Options(List.of(a, b), "metal", null, format, null, 0.05),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), "t");
        assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
        return o.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theStudysMachineAgainstThisOne() {
        Path old = tmp.resolve("old");
        Path neu = tmp.resolve("new");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        NativeImport.installed(quiet, quiet).run(List.of(PaperLogs.file("cpu", "-metal-")), "metal", old);
        NativeLogs.importAs("metal", neu, "cpu-threads1.log", "cpu-threads2.log");
        String text = report(PlatformReport.Format.TEXT, old, neu);
        assertTrue(text.startsWith("old: " + old + "   new: " + neu + "\n"), text);
        assertTrue(text.contains("feature "), text);
        // the study's 1-thread runs (499.35 events/s) against this machine's 1-thread runs; 2 threads has no old side
        assertTrue(text.matches("(?s).*\\ncpu threads=1 +499\\.3\\d* +\\S+% +\\d+\\.\\d+ +\\S+% +\\+\\d+\\.\\d% +\\S+ +\\S+\\n.*"), text);
        assertTrue(!text.contains("threads=2"), "runs without a counterpart are not compared: " + text);
        String csv = report(PlatformReport.Format.CSV, old, neu);
        List<String> lines = csv.lines().toList();
        assertEquals(2, lines.size(), csv);
        String[] cpu = lines.get(1).split(",", -1);
        assertEquals("cpu", cpu[0]);
        assertEquals("threads=1", cpu[1], "named by the parameter that differs between the two sets");
        assertEquals("10", cpu[3]);
        assertEquals("2", cpu[6]);
        assertEquals(499.35, Double.parseDouble(cpu[4]), 0.01);
        assertTrue(Double.parseDouble(cpu[9]) > 1, "this machine is faster than a Core 2 Quad: " + lines.get(1));
    }

    /** Two sets of one platform with no feature in common are two halves of one run (suite --on's guest and host). */
    @Test
    void twoHalvesOfOnePlatformAreOneReport() {
        Path guest = tmp.resolve("guest");
        Path host = tmp.resolve("host");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        NativeImport.installed(quiet, quiet).run(List.of(PaperLogs.file("cpu", "-metal-")), "metal", guest);
        NativeImport.installed(quiet, quiet).run(List.of(PaperLogs.file("boot", "-metal-")), "metal", host);
        String text = report(PlatformReport.Format.TEXT, guest, host);
        assertTrue(text.contains("DESMET scores"), text);
        assertTrue(!text.startsWith("old: "), text);
    }
}
