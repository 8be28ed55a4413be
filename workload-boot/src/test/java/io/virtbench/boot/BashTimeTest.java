package io.virtbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BashTimeTest {

    private static double mean(List<RunResult> runs) {
        return runs.stream().mapToDouble(r -> r.value(BootBenchmark.BOOT_TIME)).average().orElseThrow();
    }

    @Test
    void everyPaperBootLogHasTenRuns() throws NativeParseException {
        for (Path p : PaperLogs.files("boot")) {
            List<RunResult> runs = BashTime.parse(p.getFileName().toString(), PaperLogs.read(p));
            assertEquals(10, runs.size(), p.toString());
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                assertEquals("boot", r.workload());
                assertEquals("bash-time", r.tool());
                assertEquals(i + 1, r.repetition());
                assertTrue(r.value("boot_time_seconds") > 0.1, p + " " + r.source());
            }
        }
    }

    @Test
    void theStudysMetalBaseline() throws NativeParseException {
        List<RunResult> metal = BashTime.parse("metal", PaperLogs.read(PaperLogs.file("boot", "-metal-")));
        assertEquals(58.46, mean(metal), 0.005);
        RunResult first = metal.get(0);
        assertEquals(61.577, first.value("boot_time_seconds"), 1e-9, "1m1.577s");
        assertEquals(0.145, first.value("user_seconds"), 1e-9);
        assertEquals(0.305, first.value("sys_seconds"), 1e-9);
        assertEquals("metal:2", first.source());
    }

    @Test
    void keepsTheLaunchCommandsOutput() throws NativeParseException {
        List<RunResult> docker = BashTime.parse("d", PaperLogs.read(PaperLogs.file("boot", "-docker-boot")));
        assertEquals("57ffb5af27c61f6f41cc7dea44a05c0094c04224caf3a05fd2b16ac2f10086fe", docker.get(0).details().get("output"));
        assertEquals(0.751, docker.get(0).value("boot_time_seconds"), 1e-9);
        List<RunResult> vm = BashTime.parse("vm", PaperLogs.read(PaperLogs.file("boot", "-vm-")));
        assertEquals("Domain vm1 started", vm.get(0).details().get("output"));
        assertEquals(15.346, vm.get(0).value("boot_time_seconds"), 1e-9);
    }

    @Test
    void readsPosixLayoutAndHours() throws NativeParseException {
        List<RunResult> r = BashTime.parse("p", "real 61.58\nuser 0.14\nsys 0.30\n\nreal\t75m0.001s\n");
        assertEquals(2, r.size());
        assertEquals(61.58, r.get(0).value("boot_time_seconds"), 1e-9);
        assertEquals(4500.001, r.get(1).value("boot_time_seconds"), 1e-9);
        assertFalse(r.get(1).metric("user_seconds").isPresent());
    }

    @Test
    void badInputNamesTheLine() {
        NativeParseException e = assertThrows(NativeParseException.class,
                () -> BashTime.parse("x", "\nreal\t0m1.000s\nuser\t0m0.1s\nreal\tabc\n"));
        assertEquals(4, e.line());
        NativeParseException none = assertThrows(NativeParseException.class, () -> BashTime.parse("x", "hello\n"));
        assertEquals(1, none.line());
        NativeParseException orphan = assertThrows(NativeParseException.class, () -> BashTime.parse("x", "\nuser\t0m0.1s\n"));
        assertEquals(2, orphan.line());
    }

    @Test
    void formatsAsBash() {
        assertEquals("0m0.751s", BashTime.format(0.7519));
        assertEquals("1m1.577s", BashTime.format(61.577));
        assertEquals("0m5.111s", BashTime.format(5.111));
        assertEquals("75m0.000s", BashTime.format(4500));
    }

    @Test
    void theImporterIsFoundAndSniffsContent() {
        NativeImporter boot = NativeImporter.installed().stream().filter(i -> i.name().equals("bash-time")).findFirst()
                .orElseThrow();
        for (Path p : PaperLogs.files("boot")) {
            assertTrue(boot.accepts(p, PaperLogs.read(p)), p.toString());
        }
        for (String other : new String[] {"cpu", "fileio", "http-benchmark", "pipeline-benchmark"}) {
            for (Path p : PaperLogs.files(other)) {
                assertFalse(boot.accepts(p, PaperLogs.read(p)), p.toString());
            }
        }
    }
}
