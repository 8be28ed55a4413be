package io.virtbench.fileio.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's storage I/O counters from /proc/self/io: {@code read_bytes} counts bytes this
 * process caused to be read from a block device (at bio submission, so page-cache hits do not
 * count, direct reads and readahead do); {@code write_bytes} counts bytes it caused to be
 * written (buffered writes at page dirtying time, direct writes at submission).
 */
public record ProcIo(long readBytes, long writeBytes) {

    /** The current counters, or null where /proc/self/io does not exist or cannot be read. */
    public static ProcIo read() {
        try {
            return parse(Files.readString(Path.of("/proc/self/io")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static ProcIo parse(String text) {
        long r = -1;
        long w = -1;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("read_bytes")) {
                r = Long.parseLong(value);
            } else if (key.equals("write_bytes")) {
                w = Long.parseLong(value);
            }
        }
        return r < 0 || w < 0 ? null : new ProcIo(r, w);
    }
}
