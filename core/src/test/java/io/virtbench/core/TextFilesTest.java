package io.virtbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TextFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsUtf8Text() throws Exception {
        Path f = Files.writeString(tmp.resolve("a.log"), "größe 1\n", StandardCharsets.UTF_8);
        assertNull(TextFiles.problem(f, 100));
        assertEquals("größe 1\n", TextFiles.read(f, 100));
    }

    @Test
    void aDeviceIsRefusedWithoutReadingIt() {
        // /dev/zero never ends: reading it would grow without bound
        assertTrue(TextFiles.problem(Path.of("/dev/zero"), 100).startsWith("not a regular file"));
        TextFiles.NotReadable e = assertThrows(TextFiles.NotReadable.class, () -> TextFiles.read(Path.of("/dev/zero"), 100));
        assertTrue(e.getMessage().startsWith("not a regular file"), e.getMessage());
    }

    @Test
    void missingLargeAndDirectoriesAreNamed() throws Exception {
        assertEquals("no such file or directory", TextFiles.problem(tmp.resolve("none"), 100));
        assertEquals("is a directory", TextFiles.problem(tmp, 100));
        Path big = Files.write(tmp.resolve("big"), new byte[2048]);
        assertEquals("larger than 1 KiB (2 KiB)", TextFiles.problem(big, 1024));
        assertThrows(TextFiles.NotReadable.class, () -> TextFiles.read(big, 1024));
    }

    @Test
    void notUtf8NamesTheByteAndItsOffset() throws Exception {
        Path f = Files.write(tmp.resolve("latin1.log"), "ok: gr\u00f6\u00dfe".getBytes(StandardCharsets.ISO_8859_1));
        TextFiles.NotReadable e = assertThrows(TextFiles.NotReadable.class, () -> TextFiles.read(f, 100));
        assertEquals("not UTF-8 text (byte 0xf6 at offset 6)", e.getMessage());
    }
}
