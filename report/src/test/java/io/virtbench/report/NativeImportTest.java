package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports with the importers on the test class path (cpu, bash time, pipeline CSV), found through ServiceLoader. */
class NativeImportTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private NativeImport importer() {
        return NativeImport.installed(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void findsTheInstalledImporters() {
        List<String> names = importer().importers().stream().map(i -> i.name()).toList();
        assertTrue(names.containsAll(List.of("bash-time", "pipeline-csv", "sysbench-cpu")), names.toString());
    }

    @Test
    void importsCpuLogsOneResultFilePerRunWithThePlatformFromTheFileName() throws Exception {
        Path outDir = tmp.resolve("results");
        NativeImport.Summary s = importer().run(PaperLogs.files("cpu"), null, outDir);
        assertEquals(0, s.failed(), err());
        assertEquals(50, s.results().size());
        assertEquals(50, s.written().size());
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(50, files.count());
        }
        Map<String, Long> perPlatform = s.results().stream().collect(Collectors.groupingBy(Platforms::of, Collectors.counting()));
        assertEquals(Map.of("metal", 10L, "kvm", 10L, "docker", 10L, "gvisor", 10L, "firecracker", 10L), perPlatform);
        RunResult back = ResultFiles.read(s.written().get(0));
        assertEquals("cpu", back.workload());
        assertEquals("sysbench", back.tool());
        List<Integer> reps = s.results().stream().filter(r -> Platforms.of(r).equals("metal")).map(RunResult::repetition).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), reps);
    }

    @Test
    void theOptionOverridesThePlatform() {
        NativeImport.Summary s = importer().run(List.of(PaperLogs.file("boot", "-vm-")), "firecracker", null);
        assertTrue(s.results().stream().allMatch(r -> r.host().platform().equals("firecracker")));
        NativeImport.Summary csv = importer().run(List.of(PaperLogs.file("pipeline-benchmark", "results.csv")), null, null);
        assertEquals(List.of("metal", "kvm", "docker", "firecracker"),
                csv.results().stream().map(Platforms::of).distinct().toList(), "the CSV's own platform per row");
    }

    @Test
    void aBrokenFileIsOneLineNamingFileAndLineAndTheOthersAreStillImported() throws Exception {
        Path broken = tmp.resolve("2021-01-01-metal-boot-time.log");
        Files.writeString(broken, "\nreal\t0m1.000s\nuser\t0m0.1s\nsys\t0m0.1s\n\nreal\t1m2.x3s\n");
        Path noPlatform = tmp.resolve("boot-times.log");
        Files.writeString(noPlatform, "\nreal\t0m1.000s\n");
        Path notALog = tmp.resolve("notes.txt");
        Files.writeString(notALog, "hello\n");
        Path good = PaperLogs.file("boot", "-docker-boot");
        // a missing input is a usage error before anything is read or written
        UserException missing = assertThrows(UserException.class, () -> importer().run(
                List.of(good, tmp.resolve("missing.log")), null, tmp.resolve("out")));
        assertEquals(UserException.USAGE, missing.exitCode());
        assertTrue(missing.getMessage().endsWith("missing.log: no such file or directory"), missing.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");

        NativeImport.Summary s = importer().run(List.of(broken, good, noPlatform, notALog), null, tmp.resolve("out"));
        assertEquals(3, s.failed());
        assertEquals(10, s.results().size(), "the good file is imported");
        List<String> lines = err().lines().toList();
        assertEquals(3, lines.size(), err());
        assertTrue(lines.get(0).startsWith("virtbench: " + broken + ":6: 'real\t1m2.x3s' is not a time"), lines.get(0));
        assertTrue(lines.get(1).contains(noPlatform + ": the file name names no platform"), lines.get(1));
        assertTrue(lines.get(2).contains(notALog + ": not a log any importer reads"), lines.get(2));
        try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
            assertEquals(10, files.count(), "nothing of the broken file was written");
        }
    }

    @Test
    void aDirectoryIsSearchedAndFilesNoImporterReadsAreSkipped() {
        NativeImport.Summary s = importer().run(List.of(PaperLogs.dir()), null, null);
        assertEquals(0, s.failed(), err());
        Map<String, Long> perWorkload = s.results().stream().collect(Collectors.groupingBy(RunResult::workload,
                java.util.TreeMap::new, Collectors.counting()));
        // 10 runs per platform and test: cpu, boot (5 platforms), pipeline (4); http 8 levels x 10 runs (4 platforms)
        assertEquals(50L, perWorkload.get("cpu"));
        assertEquals(50L, perWorkload.get("boot"));
        assertEquals(40L, perWorkload.get("pipeline"));
        assertEquals(320L, perWorkload.get("http"), perWorkload.toString());
        assertEquals(770L, s.results().size(), perWorkload.toString());
        assertTrue(s.skipped() > 0);
        assertTrue(err().contains("skipped " + PaperLogs.dir().resolve("LICENSE")), err());
    }

    @Test
    void prepareAndCleanupLogsAreSkippedWithOneLineEachNamedOrFound() {
        NativeImport.Summary s = importer().run(List.of(NativeLogs.file("fileio-prepare.log"),
                NativeLogs.file("fileio-cleanup.log")), "metal", null);
        assertEquals(0, s.failed(), err());
        assertEquals(2, s.skipped());
        assertEquals(List.of(
                "virtbench: skipped " + NativeLogs.file("fileio-prepare.log") + ": a sysbench fileio prepare log (it measures nothing)",
                "virtbench: skipped " + NativeLogs.file("fileio-cleanup.log") + ": a sysbench fileio cleanup log (it measures nothing)"),
                err().lines().toList());
        // the run logs beside them are still read
        NativeImport.Summary runs = importer().run(List.of(NativeLogs.file("fileio-seqrd-direct.log")), "metal", null);
        assertEquals(2, runs.results().size(), err());
    }

    @Test
    void everyRecordedNativeLogImports() {
        NativeImport.Summary s = importer().run(List.of(NativeLogs.dir()), "kvm", null);
        assertEquals(0, s.failed(), err());
        Map<String, Long> perImporter = s.files().stream().filter(f -> f.importer() != null)
                .collect(Collectors.groupingBy(NativeImport.FileOutcome::importer, java.util.TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("ab", 2L, "iperf3-json", 5L, "iperf3-text", 3L, "sysbench-cpu", 2L, "sysbench-fileio", 2L, "wrk", 2L),
                perImporter);
        assertTrue(err().contains("generate.sh: not a log any importer reads"), err());
    }
}
