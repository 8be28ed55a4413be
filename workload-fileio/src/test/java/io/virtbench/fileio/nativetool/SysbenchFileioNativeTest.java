package io.virtbench.fileio.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.fileio.FileioBenchmark;
import io.virtbench.fileio.FileioCrosscheck;
import io.virtbench.fileio.files.TestFiles;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real sysbench 1.0.20 (installed by .ci/run; required in CI): same files, same counts. */
class SysbenchFileioNativeTest {
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());
    static final Output QUIET = new Output(OutputFormat.JSON, NONE, NONE, null, null, StopSignal.never());

    @TempDir
    Path dir;

    @BeforeEach
    void needsSysbench() {
        NativeTools.assumeInstalled("sysbench");
    }

    private FileioOptions opts(long total) {
        return FileioOptions.builder(dir).fileNum(4).totalSize(total).build();
    }

    private static RunSettings events(long n) {
        return RunSettings.defaults().withTime(0).withEvents(n);
    }

    private long[] sizes() throws Exception {
        long[] s = new long[4];
        for (int i = 0; i < 4; i++) {
            s[i] = Files.size(dir.resolve("test_file." + i));
        }
        return s;
    }

    @Test
    void filesPreparedByVirtbenchPassSysbenchsSizeCheck() throws Exception {
        TestFiles.prepare(opts(4 << 20), NONE, false, StopSignal.never());
        RunResult n = SysbenchFileio.run(opts(4 << 20).withMode(FileTestMode.SEQRD), events(300));
        assertEquals("sysbench", n.tool());
        assertEquals("seqrd", n.test());
        assertEquals(300, n.value("total_events"));
        assertEquals(4L, n.parameters().get("file-num"));
        assertTrue(n.value("read_mib_per_second") > 0);
        // larger files than prepared: sysbench refuses, naming the size
        UserException e = assertThrows(UserException.class,
                () -> SysbenchFileio.run(opts(8 << 20).withMode(FileTestMode.SEQRD), events(1)));
        assertEquals("sysbench failed: Size of file 'test_file.0' is 1MiB, but at least 2MiB is expected.", e.getMessage());
    }

    @Test
    void filesPreparedBySysbenchPassVirtbenchsSizeCheck() throws Exception {
        String out = SysbenchFileio.prepare(opts(4 << 20));
        assertTrue(out.contains("Creating file test_file.3"), out);
        RunResult v = FileioBenchmark.run(opts(4 << 20).withMode(FileTestMode.RNDRD), events(200), QUIET, 1);
        assertEquals(200L, v.details().get("reads"));
        UserException e = assertThrows(UserException.class,
                () -> FileioBenchmark.run(opts(8 << 20).withMode(FileTestMode.SEQRD), events(1), QUIET, 1));
        assertTrue(e.getMessage().startsWith("size of file '" + dir.resolve("test_file.0") + "' is 1MiB, but at least 2MiB"));
        SysbenchFileio.cleanup(opts(4 << 20));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void bothPrepareTheSameFilesAndSeqwrLeavesTheSameSizes() throws Exception {
        // an odd size: 3 files of 33.333 KiB, rounded up to whole 4 KiB blocks by both
        FileioOptions odd = FileioOptions.builder(dir).fileNum(3).totalSize(100 * 1024).blockSize(4096).build();
        SysbenchFileio.prepare(odd);
        long nativeSize = Files.size(dir.resolve("test_file.0"));
        TestFiles.cleanup(odd, NONE);
        TestFiles.prepare(odd, NONE, false, StopSignal.never());
        assertEquals(nativeSize, Files.size(dir.resolve("test_file.0")));
        assertEquals(36864, nativeSize);

        // seqwr with an event limit: identical file sizes afterwards (242 blocks of the 256 written)
        FileioOptions seqwr = opts(4 << 20).withMode(FileTestMode.SEQWR);
        RunResult n = SysbenchFileio.run(seqwr, events(250));
        long[] afterNative = sizes();
        RunResult v = FileioBenchmark.run(seqwr, events(250), QUIET, 1);
        assertEquals(List.of(afterNative[0], afterNative[1], afterNative[2], afterNative[3]),
                List.of(sizes()[0], sizes()[1], sizes()[2], sizes()[3]));
        assertEquals(50L * 16384, afterNative[3]);
        // same fsync/write proportion: (8 periodic + 4 end) fsyncs per 242 writes
        assertEquals(12.0 / 242, n.value("fsyncs_per_second") / n.value("writes_per_second"), 0.001);
        assertEquals(12.0 / 242, v.value("fsyncs_per_second") / v.value("writes_per_second"), 1e-9);
        assertEquals(n.value("total_events"), v.value("total_events"));
    }

    @Test
    void crosscheckAlternatesOnTheSameFilesAndCleansUp() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Output o = new Output(OutputFormat.TEXT, out, NONE, null, null, StopSignal.never());
        Files.writeString(dir.resolve("keep.txt"), "not a test file");
        int code = FileioCrosscheck.run(opts(8 << 20).withMode(FileTestMode.SEQRD), RunSettings.defaults().withTime(1), 2,
                false, o);
        assertEquals(0, code);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("crosscheck fileio: sysbench vs virtbench, read_mib_per_second (MiB/s, higher is better)"), text);
        assertTrue(text.matches("(?s).*\n   1  sysbench +\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d\\.\\d{3}\n   2  virtbench .*"), text);
        assertTrue(text.contains("median ratio virtbench/sysbench: "), text);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("keep.txt")), s.toList(), "test files removed, nothing else");
        }
    }
}
