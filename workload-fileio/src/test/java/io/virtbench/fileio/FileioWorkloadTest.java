package io.virtbench.fileio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.fileio.files.TestFiles;
import io.virtbench.fileio.options.ExtraFlag;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.options.FsyncMode;
import io.virtbench.fileio.options.IoMode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte, request and fsync counts of every mode against sysbench's arithmetic (spec §2.4–2.6), on real files. */
class FileioWorkloadTest {
    static final int K = 1024;
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    /** 4 files of 1 MiB, 16 KiB blocks: 64 blocks per file, 256 in all. */
    private FileioOptions.Builder small() {
        return FileioOptions.builder(dir).fileNum(4).totalSize(4 * K * K);
    }

    private static Measurement run(FileioOptions o, int threads, long events) throws Exception {
        TestFiles.prepare(o, NONE, false, StopSignal.never());
        RunSettings s = RunSettings.defaults().withThreads(threads).withTime(0).withEvents(events);
        Measurement m = Harness.run(new FileioWorkload(o), s, Harness.SILENT, StopSignal.never());
        assertEquals(Measurement.Status.COMPLETE, m.status(), () -> "failure: " + m.failure());
        assertEquals(events, m.events());
        return m;
    }

    private static void counts(Measurement m, long reads, long writes, long fsyncs, long bytesRead, long bytesWritten) {
        assertEquals(reads, m.total(Counter.READS), "reads");
        assertEquals(writes, m.total(Counter.WRITES), "writes");
        assertEquals(fsyncs, m.total(Counter.OTHER), "fsyncs");
        assertEquals(bytesRead, m.total(Counter.BYTES_READ), "bytes read");
        assertEquals(bytesWritten, m.total(Counter.BYTES_WRITTEN), "bytes written");
    }

    private long[] sizes(int n) throws Exception {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = Files.size(dir.resolve("test_file." + i));
        }
        return s;
    }

    @Test
    void seqwrWritesFromEmptyFilesWithPeriodicAndEndFsyncs() throws Exception {
        // 250 events = 100 writes, 4 fsyncs, 100 writes, 4 fsyncs, 42 writes; then 4 end fsyncs
        Measurement m = run(small().mode(FileTestMode.SEQWR).build(), 1, 250);
        counts(m, 0, 242, 12, 0, 242L * 16 * K);
        // seqwr re-created the prepared files: 242 blocks = 64 + 64 + 64 + 50
        assertEquals(1024 * K, sizes(4)[0]);
        assertEquals(50L * 16 * K, sizes(4)[3]);
    }

    @Test
    void everyThreadFsyncsEveryFileAtTheEnd() throws Exception {
        Measurement m = run(small().mode(FileTestMode.SEQWR).build(), 2, 250);
        counts(m, 0, 242, 8 + 2 * 4, 0, 242L * 16 * K);
        long[] s = sizes(4);
        assertEquals(3 * 1024 * K + 50L * 16 * K, s[0] + s[1] + s[2] + s[3]);
    }

    @Test
    void seqrdReadsAndWrapsWithoutAnyFsync() throws Exception {
        Measurement m = run(small().mode(FileTestMode.SEQRD).build(), 2, 300);
        counts(m, 300, 0, 0, 300L * 16 * K, 0);
    }

    @Test
    void seqrewrKeepsTheFilesAndHonoursFsyncEndOff() throws Exception {
        Measurement m = run(small().mode(FileTestMode.SEQREWR).fsyncEnd(false).build(), 1, 250);
        counts(m, 0, 242, 8, 0, 242L * 16 * K);
        assertEquals(1024 * K, sizes(4)[3], "rewrite leaves prepared files whole");
    }

    @Test
    void randomModes() throws Exception {
        counts(run(small().mode(FileTestMode.RNDRD).build(), 2, 200), 200, 0, 0, 200L * 16 * K, 0);
        counts(run(small().mode(FileTestMode.RNDWR).build(), 1, 250), 0, 242, 12, 0, 242L * 16 * K);
        // one thread: the read/write choice depends only on the counts, so it is exact
        counts(run(small().mode(FileTestMode.RNDRW).build(), 1, 250), 145, 97, 12, 145L * 16 * K, 97L * 16 * K);
    }

    @Test
    void fsyncAllFsyncsEveryWriteAndNothingElse() throws Exception {
        Measurement m = run(small().mode(FileTestMode.SEQREWR).fsyncAll(true).fsyncMode(FsyncMode.FDATASYNC).build(), 1, 30);
        counts(m, 0, 30, 30, 0, 30L * 16 * K);
    }

    @Test
    void mergedRequestsAndFileSizesThatAreNoMultipleOfTheBlock() throws Exception {
        counts(run(small().mode(FileTestMode.SEQRD).mergedRequests(4).build(), 1, 16), 16, 0, 0, 16L * 64 * K, 0);
        // 2 files of 50 KiB: requests of 16, 16, 16 and 2 KiB
        FileioOptions odd = FileioOptions.builder(dir).fileNum(2).totalSize(100 * K).mode(FileTestMode.SEQRD).build();
        counts(run(odd, 1, 8), 8, 0, 0, 100L * K, 0);
    }

    @Test
    void mmapModeCountsTheSameAndSeqwrGrowsTheFiles() throws Exception {
        counts(run(small().mode(FileTestMode.RNDRW).ioMode(IoMode.MMAP).build(), 1, 250), 145, 97, 12, 145L * 16 * K,
                97L * 16 * K);
        counts(run(small().mode(FileTestMode.SEQWR).ioMode(IoMode.MMAP).build(), 1, 10), 0, 10, 4, 0, 10L * 16 * K);
        assertEquals(1024 * K, sizes(4)[3], "mmap seqwr ftruncates every file to the file size, as sysbench");
    }

    @Test
    void openFlagsSyncDsyncDirect() throws Exception {
        counts(run(small().mode(FileTestMode.SEQREWR).extraFlags(Set.of(ExtraFlag.SYNC, ExtraFlag.DSYNC)).build(), 1, 20),
                0, 20, 4, 0, 20L * 16 * K);
        FileioOptions direct = small().mode(FileTestMode.SEQRD).extraFlags(Set.of(ExtraFlag.DIRECT)).build();
        try {
            counts(run(direct, 2, 100), 100, 0, 0, 100L * 16 * K, 0);
        } catch (UserException e) {
            NativeTools.assumeAvailable(!e.getMessage().contains("Invalid argument"), "no O_DIRECT on this file system: " + e.getMessage());
            throw e;
        }
        counts(run(direct.withMode(FileTestMode.SEQWR), 1, 20), 0, 20, 4, 0, 20L * 16 * K);
    }

    @Test
    void missingOrShortFilesAreOneLineErrorsBeforeTheRun() throws Exception {
        FileioOptions o = small().mode(FileTestMode.SEQRD).build();
        UserException missing = assertThrows(UserException.class,
                () -> Harness.run(new FileioWorkload(o), RunSettings.defaults(), Harness.SILENT, StopSignal.never()));
        assertEquals("cannot open file '" + dir.resolve("test_file.0") + "': no such file (did you forget to run the prepare step?)",
                missing.getMessage());
        TestFiles.prepare(o.toBuilder().totalSize(K * K).build(), NONE, false, StopSignal.never());
        UserException shortFile = assertThrows(UserException.class,
                () -> Harness.run(new FileioWorkload(o), RunSettings.defaults(), Harness.SILENT, StopSignal.never()));
        assertEquals("size of file '" + dir.resolve("test_file.0") + "' is 256KiB, but at least 1MiB is expected (did you run "
                + "'prepare' with different --file-total-size or --file-num values?)", shortFile.getMessage());
    }

    @Test
    void anIoErrorMidRunFailsTheRunNamingTheFileAndKeepsTheFigures() throws Exception {
        FileioOptions o = small().mode(FileTestMode.SEQRD).build();
        TestFiles.prepare(o, NONE, false, StopSignal.never());
        FileioWorkload w = new FileioWorkload(o);
        w.init(RunSettings.defaults());
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("test_file.1").toFile(), "rw")) {
            f.setLength(0); // the file shrinks under the running test
        }
        Workload opened = new Workload() {
            @Override
            public String name() {
                return w.name();
            }

            @Override
            public Worker createWorker(int threadIndex) {
                return w.createWorker(threadIndex);
            }

            @Override
            public void done() throws Exception {
                w.done();
            }
        };
        Measurement m = Harness.run(opened, RunSettings.defaults().withTime(0).withEvents(1000), Harness.SILENT,
                StopSignal.never());
        assertEquals(Measurement.Status.FAILED, m.status());
        assertEquals("failed to read file '" + dir.resolve("test_file.1") + "' at offset 0: read 0 of 16384 bytes", m.failure());
        assertEquals(64, m.total(Counter.READS), "file 0 was read before the error");
        assertEquals(64, m.events());
    }
}
