package io.virtbench.fileio.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import io.virtbench.fileio.options.ExtraFlag;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysbenchFileioTest {
    @TempDir
    Path dir;

    @Test
    void everyPaperLogParsesTenSeqrdAndTenSeqwrRuns() throws NativeParseException {
        for (Path p : PaperLogs.files("fileio")) {
            List<RunResult> runs = SysbenchFileio.parse(p.getFileName().toString(), PaperLogs.read(p));
            assertEquals(20, runs.size(), p.toString());
            assertEquals(10, runs.stream().filter(r -> "seqrd".equals(r.test())).count(), p.toString());
            assertEquals(10, runs.stream().filter(r -> "seqwr".equals(r.test())).count(), p.toString());
            for (RunResult r : runs) {
                String mode = r.test();
                boolean read = mode.equals("seqrd");
                assertEquals("sysbench", r.tool());
                assertEquals("1.0.20", r.toolVersion());
                assertEquals("fileio", r.workload());
                assertEquals(128L, r.parameters().get("file-num"));
                assertEquals(5L << 30, r.parameters().get("file-total-size"));
                assertEquals(16384L, r.parameters().get("file-block-size"));
                assertEquals(mode, r.parameters().get("file-test-mode"));
                assertEquals("sync", r.parameters().get("file-io-mode"));
                assertEquals("", r.parameters().get("file-extra-flags"));
                assertEquals(100L, r.parameters().get("file-fsync-freq"));
                assertEquals(true, r.parameters().get("file-fsync-end"));
                assertEquals(false, r.parameters().get("file-fsync-all"));
                assertEquals(40L << 20, r.details().get("file_size"));
                double main = r.value(read ? "read_mib_per_second" : "written_mib_per_second");
                assertTrue(main > 0, p + " " + r.source());
                assertEquals(0.0, r.value(read ? "written_mib_per_second" : "read_mib_per_second"));
                // events = reads (+ writes + periodic fsyncs): the rates times the total time
                double perSecond = r.value("reads_per_second") + r.value("writes_per_second");
                assertEquals(r.value("total_events"), r.latency().count());
                assertTrue(perSecond * r.value("total_time_seconds") <= r.value("total_events") * 1.01 + 1, r.source());
            }
        }
    }

    @Test
    void theStudysMetalMeans() throws NativeParseException {
        List<RunResult> metal = SysbenchFileio.parse("metal", PaperLogs.read(PaperLogs.file("fileio", "-metal-")));
        double read = metal.stream().filter(r -> r.test().equals("seqrd")).mapToDouble(r -> r.value("read_mib_per_second"))
                .average().orElseThrow();
        double written = metal.stream().filter(r -> r.test().equals("seqwr"))
                .mapToDouble(r -> r.value("written_mib_per_second")).average().orElseThrow();
        assertEquals("318.82", String.format(java.util.Locale.ROOT, "%.2f", read));
        assertEquals("65.24", String.format(java.util.Locale.ROOT, "%.2f", written));
        RunResult first = metal.get(0);
        assertEquals("metal:1", first.source());
        assertEquals(14646.06, first.value("reads_per_second"));
        assertEquals(228.84, first.value("read_mib_per_second"));
        assertEquals(30.0004, first.value("total_time_seconds"));
        assertEquals(439431, first.value("total_events"));
        assertEquals(0.47, first.value("latency_p95_ms"));
        assertEquals(29656.76, first.latency().sumMs());
        assertEquals(29.6568, first.fairness().executionTimeAvg());
        RunResult seqwr = metal.get(10);
        assertEquals(66.55, seqwr.value("written_mib_per_second"));
        assertTrue(seqwr.value("fsyncs_per_second") > 0);
    }

    @Test
    void readsIntervalsFlagsMergingAndRandomModeLines() throws NativeParseException {
        String log = """
                sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)

                Running the test with following options:
                Number of threads: 2
                Report intermediate results every 1 second(s)
                Initializing random number generator from current time


                Extra file open flags: sync directio
                3 files, 33.333KiB each
                100KiB total file size
                Block size 512B
                Merging requests up to 2KiB for sequential IO.
                Number of IO requests: 0
                Read/Write ratio for combined random IO test: 2.00
                Calling fsync() after each write operation.
                Using fast mmaped I/O mode
                Doing random r/w test
                Initializing worker threads...

                Threads started!

                [ 1s ] reads: 12.50 MiB/s writes: 6.25 MiB/s fsyncs: 100.00/s latency (ms,99%): 0.123
                [ 2s ] reads: 11.00 MiB/s writes: 5.50 MiB/s fsyncs: 90.00/s latency (ms,99%): 0.130

                File operations:
                    reads/s:                      24000.00
                    writes/s:                     12000.00
                    fsyncs/s:                     12000.00

                Throughput:
                    read, MiB/s:                  11.72
                    written, MiB/s:               5.86

                General statistics:
                    total time:                          2.0001s
                    total number of events:              72000

                Latency (ms):
                         min:                                    0.00
                         avg:                                    0.05
                         max:                                    1.20
                         99th percentile:                        0.13
                         sum:                                 3600.00

                Threads fairness:
                    events (avg/stddev):           36000.0000/10.00
                    execution time (avg/stddev):   1.8000/0.00

                """;
        RunResult r = SysbenchFileio.parse("x", log).get(0);
        assertEquals("rndrw", r.test());
        assertEquals("sync,direct", r.parameters().get("file-extra-flags"));
        assertEquals(3L, r.parameters().get("file-num"));
        assertEquals(34133L, r.details().get("file_size"));
        assertEquals(102400L, r.parameters().get("file-total-size"));
        assertEquals(512L, r.parameters().get("file-block-size"));
        assertEquals(4L, r.parameters().get("file-merged-requests"));
        assertEquals(2.0, r.parameters().get("file-rw-ratio"));
        assertEquals(0L, r.parameters().get("file-fsync-freq"));
        assertEquals(true, r.parameters().get("file-fsync-all"));
        assertEquals(false, r.parameters().get("file-fsync-end"));
        assertEquals("mmap", r.parameters().get("file-io-mode"));
        assertEquals(2L, r.parameters().get("threads"));
        assertEquals(2, r.intervals().size());
        assertEquals(11.0, r.intervals().get(1).values().get("read_mib_per_second"));
        assertEquals(5.5, r.intervals().get(1).values().get("written_mib_per_second"));
        assertEquals(90.0, r.intervals().get(1).values().get("fsyncs_per_second"));
        assertEquals(0.130, r.intervals().get(1).values().get("latency_p99_ms"));
        assertEquals(0.13, r.value("latency_p99_ms"));
    }

    @Test
    void prepareAndCleanupOutputIsSkippedAndAFatalRunIsAnError() throws NativeParseException {
        String prepare = """
                sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)

                4 files, 8192Kb each, 32Mb total
                Creating files for the test...
                Extra file open flags: (none)
                Creating file test_file.0
                33554432 bytes written in 0.05 seconds (600.00 MiB/sec).
                """;
        assertThrows(NativeParseException.class, () -> SysbenchFileio.parse("p", prepare));
        String fatal = """
                sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)

                Running the test with following options:
                Number of threads: 1
                Initializing random number generator from current time


                Extra file open flags: (none)
                Doing sequential read test
                FATAL: Cannot open file 'test_file.0' errno = 2 (No such file or directory)
                WARNING: Did you forget to run the prepare step?
                """;
        NativeParseException e = assertThrows(NativeParseException.class, () -> SysbenchFileio.parse("f", fatal));
        assertTrue(e.getMessage().contains("Cannot open file 'test_file.0'"), e.getMessage());
        assertEquals(10, e.line());
        assertThrows(NativeParseException.class, () -> SysbenchFileio.parse("x", "hello\n"));
    }

    @Test
    void theEquivalentCommandLines() {
        FileioOptions o = FileioOptions.builder(dir).totalSize(5L << 30).mode(FileTestMode.SEQRD)
                .extraFlags(Set.of(ExtraFlag.DIRECT, ExtraFlag.SYNC)).build();
        RunSettings s = RunSettings.defaults().withTime(30).withReportInterval(1);
        assertEquals(List.of("sysbench", "fileio", "--file-num=128", "--file-block-size=16384", "--file-total-size=5368709120",
                "--file-extra-flags=sync,direct", "--file-test-mode=seqrd", "--file-io-mode=sync", "--file-fsync-freq=100",
                "--file-fsync-all=off", "--file-fsync-end=on", "--file-fsync-mode=fsync", "--file-merged-requests=0",
                "--file-rw-ratio=1.5", "--threads=1", "--time=30", "--events=0", "--report-interval=1", "run"),
                SysbenchFileio.command(o, s));
        assertTrue(SysbenchFileio.commandLine(o, s).startsWith("cd " + dir.toAbsolutePath() + " && sysbench fileio "));
        assertEquals(List.of("sysbench", "fileio", "--file-num=128", "--file-block-size=16384", "--file-total-size=5368709120",
                "--file-extra-flags=sync,direct", "prepare"), SysbenchFileio.prepareCommand(o));
    }
}
