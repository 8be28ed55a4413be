package io.virtbench.fileio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.fileio.files.TestFiles;
import io.virtbench.fileio.nativetool.SysbenchFileio;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.storage.StorageInfo;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileioBenchmarkTest {
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    @Test
    void aRunPrintsSysbenchsLayoutAndParsesBack() throws Exception {
        FileioOptions o = FileioOptions.builder(dir).fileNum(4).totalSize(8 << 20).mode(FileTestMode.SEQREWR).fsyncFreq(50).build();
        TestFiles.prepare(o, NONE, false, StopSignal.never());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        RunSettings s = RunSettings.defaults().withThreads(2).withTime(1.2).withReportInterval(0.5);
        RunResult r = FileioBenchmark.run(o, s, Output.text(out, out), 1);
        String text = buf.toString(StandardCharsets.UTF_8);

        assertEquals(RunStatus.COMPLETE, r.status());
        assertEquals("seqrewr", r.test());
        assertTrue(r.value("written_mib_per_second") > 0);
        assertEquals(0.0, r.value("read_mib_per_second"));
        assertEquals(r.value("total_events"), r.latency().count());
        assertTrue(text.contains("""
                Initializing random number generator from current time


                Extra file open flags: (none)
                4 files, 2MiB each
                8MiB total file size
                Block size 16KiB
                Periodic FSYNC enabled, calling fsync() each 50 requests.
                Calling fsync() at the end of test, Enabled.
                Using synchronous I/O mode
                Doing sequential rewrite test
                Initializing worker threads...

                Threads started!

                """), text);
        assertTrue(text.matches("(?s).*\n\\[ 1s \\] reads: 0\\.00 MiB/s writes: \\d+\\.\\d\\d MiB/s fsyncs: \\d+\\.\\d\\d/s "
                + "latency \\(ms,95%\\): \\d+\\.\\d\\d\\d\n.*"), text);
        assertTrue(text.matches("(?s).*\n\nFile operations:\n    reads/s:                      0\\.00\n"
                + "    writes/s:                     \\d+\\.\\d\\d\n    fsyncs/s:                     \\d+\\.\\d\\d\n\n"
                + "Throughput:\n    read, MiB/s:                  0\\.00\n    written, MiB/s:               \\d+\\.\\d\\d\n\n"
                + "General statistics:\n.*"), text);

        RunResult p = SysbenchFileio.parse("own output", text).get(0);
        assertEquals("virtbench", p.tool());
        assertEquals("seqrewr", p.test());
        for (String metric : List.of("reads_per_second", "writes_per_second", "fsyncs_per_second", "read_mib_per_second",
                "written_mib_per_second", "total_events")) {
            assertEquals(r.value(metric), p.value(metric), 0.005, metric);
        }
        for (String param : List.of("file-num", "file-block-size", "file-total-size", "file-test-mode", "file-io-mode",
                "file-extra-flags", "file-fsync-freq", "file-fsync-end", "file-fsync-all")) {
            assertEquals(r.parameters().get(param), p.parameters().get(param), param);
        }
        assertEquals(r.intervals().size(), p.intervals().size());
        assertEquals(2L, p.parameters().get("threads"));
    }

    @Test
    void jsonResultCarriesCountsStorageAndTheODirectVerdict() throws Exception {
        FileioOptions o = FileioOptions.builder(dir).fileNum(2).totalSize(1 << 20).mode(FileTestMode.SEQRD).build();
        TestFiles.prepare(o, NONE, false, StopSignal.never());
        Output json = new Output(OutputFormat.JSON, NONE, NONE, null, "test", StopSignal.never());
        RunResult r = FileioBenchmark.run(o, RunSettings.defaults().withTime(0).withEvents(100), json, 3);
        assertEquals(3, r.repetition());
        assertEquals(100L, r.details().get("reads"));
        assertEquals(100L * 16384, r.details().get("bytes_read"));
        assertEquals(0L, r.details().get("fsyncs"));
        assertEquals(false, r.details().get("o_direct_requested"));
        assertEquals("not requested", r.details().get("o_direct_check"));
        assertEquals(StorageInfo.of(dir).fsType(), r.details().get("filesystem_type"));
        assertTrue(r.details().containsKey("block_device"));
        assertEquals(dir.toAbsolutePath().toString(), r.details().get("dir"));
        assertTrue(r.nativeCommand().contains("sysbench fileio --file-num=2 --file-block-size=16384 --file-total-size=1048576"),
                r.nativeCommand());
        assertEquals(r, ResultFiles.fromJson(ResultFiles.toJson(r)));
    }
}
