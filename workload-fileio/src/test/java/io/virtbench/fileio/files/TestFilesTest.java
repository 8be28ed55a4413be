package io.virtbench.fileio.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.fileio.options.FileioOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare and cleanup (sb_fileio.c create_files, remove_files) on real files. */
class TestFilesTest {
    static final int K = 1024;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    private String text() {
        String s = buf.toString(StandardCharsets.UTF_8);
        buf.reset();
        return s;
    }

    private FileioOptions opts(int files, long total) {
        return FileioOptions.builder(dir).fileNum(files).totalSize(total).build();
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void prepareCreatesExtendsAndReusesFilesAsSysbench() throws Exception {
        TestFiles.Prepared p = TestFiles.prepare(opts(4, 32 * K * K), out, false, StopSignal.never());
        String t = text();
        assertTrue(t.startsWith("4 files, 8192Kb each, 32Mb total\nCreating files for the test...\nExtra file open flags: (none)\n"
                + "Creating file test_file.0\nCreating file test_file.1\nCreating file test_file.2\nCreating file test_file.3\n"
                + "33554432 bytes written in "), t);
        assertTrue(t.matches("(?s).*33554432 bytes written in \\d+\\.\\d\\d seconds \\(\\d+\\.\\d\\d MiB/sec\\)\\.\n"), t);
        assertEquals(32L * K * K, p.bytesWritten());
        assertEquals(List.of("test_file.0", "test_file.1", "test_file.2", "test_file.3"), names());
        for (int i = 0; i < 4; i++) {
            Path f = dir.resolve("test_file." + i);
            assertEquals(8L * K * K, Files.size(f));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        byte[] head = Files.readAllBytes(dir.resolve("test_file.2"));
        for (byte b : head) {
            assertEquals(0, b, "prepared data is zero bytes");
        }

        // the same files again: reused, nothing written
        TestFiles.prepare(opts(4, 32 * K * K), out, false, StopSignal.never());
        assertTrue(text().endsWith("Reusing existing file test_file.3\nNo bytes written.\n"));

        // larger: extended from their end in whole blocks; a size that is no multiple of the block rounds up
        Files.write(dir.resolve("test_file.1"), new byte[1000]);
        TestFiles.Prepared q = TestFiles.prepare(opts(2, 2 * (8 * K * K + 100)), out, false, StopSignal.never());
        assertTrue(text().contains("Extending existing file test_file.0\nExtending existing file test_file.1\n"));
        assertEquals(8L * K * K + 16 * K, Files.size(dir.resolve("test_file.0")), "8 MiB + one 16 KiB block");
        assertEquals(1000 + 512L * 16 * K, Files.size(dir.resolve("test_file.1")));
        assertEquals(16L * K + 512L * 16 * K, q.bytesWritten());
        assertEquals(8L * K * K, Files.size(dir.resolve("test_file.3")), "a larger existing file is not truncated");
    }

    @Test
    void tooLittleFreeSpaceIsRefusedBeforeAnythingIsWritten() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        long total = (free / (1L << 30) + 64) << 30; // 64 GiB more than there is
        FileioOptions o = opts(128, total);
        UserException e = assertThrows(UserException.class, () -> TestFiles.prepare(o, out, false, StopSignal.never()));
        assertTrue(e.getMessage().startsWith("not enough free space in " + dir.toAbsolutePath() + ": prepare needs "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing was written"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(List.of(), names(), "no file created");
        assertEquals("", text(), "not even the header lines");
        assertEquals(total, TestFiles.bytesToWrite(o));
    }

    @Test
    void cleanupRemovesOnlyTheTestFilesOfFileNum() throws Exception {
        TestFiles.prepare(opts(3, 3 * 64 * K), out, false, StopSignal.never());
        Files.writeString(dir.resolve("test_file.3"), "beyond --file-num: sysbench leaves it");
        Files.writeString(dir.resolve("test_file.01"), "not a name sysbench makes");
        Files.writeString(dir.resolve("test_file"), "x");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("test_file.0"), "in a subdirectory");
        Path target = Files.writeString(dir.resolve("precious"), "target of a link");
        Files.delete(dir.resolve("test_file.1"));
        Files.createSymbolicLink(dir.resolve("test_file.1"), target);
        Files.delete(dir.resolve("test_file.2"));
        Files.createDirectory(dir.resolve("test_file.2"));
        text();

        int removed = TestFiles.cleanup(opts(3, 3 * 64 * K), out);
        assertEquals("Removing test files...\n", text());
        assertEquals(2, removed, "test_file.0 and the link test_file.1");
        assertEquals(List.of("notes.txt", "precious", "sub", "test_file", "test_file.01", "test_file.2", "test_file.3"), names());
        assertEquals("target of a link", Files.readString(target));
        assertTrue(Files.isDirectory(dir.resolve("test_file.2")), "a directory is never removed");
        assertEquals("in a subdirectory", Files.readString(sub.resolve("test_file.0")));
        // nothing to remove is fine, as in sysbench
        assertEquals(0, TestFiles.cleanup(opts(1, 64 * K), out));
    }

    @Test
    void stopRequestEndsPrepareAfterTheCurrentBlock() {
        StopSignal stop = new StopSignal();
        stop.request();
        TestFiles.Prepared p = TestFiles.prepare(opts(2, 2 * K * K), out, false, stop);
        assertTrue(p.interrupted());
        assertEquals(0, p.bytesWritten());
    }

    @Test
    void progressLineShowsBytesOfTotalRateAndEta() {
        assertEquals("1GiB of 4GiB written (25%), 512.00 MiB/s, ETA 0:06", Progress.line(1L << 30, 2, 4L << 30));
        assertEquals("0B of 1MiB written (0%), 0.00 MiB/s, ETA ?", Progress.line(0, 0, 1 << 20));
        StringBuilder sb = new StringBuilder();
        Progress off = new Progress(new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                sb.append((char) b);
            }
        }), 100, false);
        off.advance(50);
        off.clear();
        assertEquals("", sb.toString(), "nothing when not on a terminal");
    }
}
