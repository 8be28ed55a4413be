package io.virtbench.fileio.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileioOptionsTest {
    @TempDir
    Path dir;

    @Test
    void sysbenchDefaultsAndDerivedValues() {
        FileioOptions o = FileioOptions.defaults(dir, null);
        assertEquals(128, o.fileNum());
        assertEquals(16384, o.blockSize());
        assertEquals(2L << 30, o.totalSize());
        assertEquals(16L << 20, o.fileSize());
        assertEquals(16384, o.requestSize());
        assertEquals(100, o.effectiveFsyncFreq());
        assertTrue(o.effectiveFsyncEnd());
        assertEquals(IoMode.SYNC, o.ioMode());
        assertEquals(FsyncMode.FSYNC, o.fsyncMode());
        assertEquals(1.5, o.rwRatio());
        FileioOptions all = o.toBuilder().fsyncAll(true).build();
        assertEquals(0, all.effectiveFsyncFreq(), "--file-fsync-all forces the frequency to 0");
        assertEquals(false, all.effectiveFsyncEnd(), "and end fsyncs off");
        assertEquals(dir.resolve("test_file.7"), o.file(7));
    }

    private void bad(String option, UnaryOperator<FileioOptions.Builder> change) {
        UserException e = assertThrows(UserException.class, () -> change.apply(FileioOptions.builder(dir)).build());
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(option), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        bad("--file-num", b -> b.fileNum(0));
        bad("--file-block-size", b -> b.blockSize(0));
        bad("--file-block-size", b -> b.blockSize(2L << 30));
        bad("--file-total-size", b -> b.totalSize(0));
        bad("--file-total-size", b -> b.fileNum(10).totalSize(5));
        bad("--file-io-mode", b -> b.ioMode(IoMode.ASYNC));
        bad("--file-io-mode", b -> b.ioMode(IoMode.MMAP).fileNum(1).totalSize(3L << 30));
        bad("--file-fsync-freq", b -> b.fsyncFreq(-1));
        bad("--file-merged-requests", b -> b.mergedRequests(-1));
        bad("--file-merged-requests", b -> b.mergedRequests(1 << 20));
        bad("--file-rw-ratio", b -> b.rwRatio(-0.5));
        bad("--file-rw-ratio", b -> b.rwRatio(Double.NaN));
        UserException e = assertThrows(UserException.class,
                () -> FileioOptions.builder(dir.resolve("missing")).build());
        assertEquals("invalid value for --dir: '" + dir.resolve("missing") + "' is not a directory", e.getMessage());
        assertEquals(UserException.USAGE, e.exitCode());
    }

    @Test
    void modesFlagsAndTheirSysbenchTexts() {
        assertEquals(FileTestMode.RNDRW, FileTestMode.parse("rndrw"));
        UserException e = assertThrows(UserException.class, () -> FileTestMode.parse("foo"));
        assertEquals("invalid value for --file-test-mode: 'foo' (expected seqwr, seqrewr, seqrd, rndrd, rndwr or rndrw)",
                e.getMessage());
        assertTrue(assertThrows(UserException.class, () -> FileTestMode.parse(null)).getMessage()
                .startsWith("missing required argument: --file-test-mode"));
        assertTrue(assertThrows(UserException.class, () -> FileioOptions.defaults(dir, null).requireMode()).getMessage()
                .contains("--file-test-mode"));
        assertEquals("sequential write (creation)", FileTestMode.SEQWR.description());
        assertEquals(EnumSet.of(ExtraFlag.DIRECT, ExtraFlag.SYNC), ExtraFlag.parseList("direct,sync"));
        assertEquals(Set.of(), ExtraFlag.parseList(""));
        assertTrue(assertThrows(UserException.class, () -> ExtraFlag.parseList("direct,odd")).getMessage()
                .contains("--file-extra-flags"));
        assertEquals("Extra file open flags: (none)", ExtraFlag.line(Set.of()));
        assertEquals("Extra file open flags: sync dsync directio", ExtraFlag.line(EnumSet.allOf(ExtraFlag.class)));
        assertEquals("Extra file open flags: dsync ", ExtraFlag.line(Set.of(ExtraFlag.DSYNC)));
        assertEquals("sync,direct", ExtraFlag.toList(Set.of(ExtraFlag.DIRECT, ExtraFlag.SYNC)));
        assertEquals(FsyncMode.FDATASYNC, FsyncMode.parse("fdatasync"));
        assertTrue(assertThrows(UserException.class, () -> FsyncMode.parse("sync")).getMessage().contains("--file-fsync-mode"));
        assertTrue(assertThrows(UserException.class, () -> IoMode.parse("aio")).getMessage().contains("--file-io-mode"));
    }
}
