package io.virtbench.fileio.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the open flags of one of this process's open files from /proc/self/fdinfo (Linux),
 * to tell whether the kernel kept O_DIRECT on it.
 */
public final class OpenFlags {
    private OpenFlags() {
    }

    /** O_DIRECT's value: 040000 on x86 and most architectures, 0200000 on ARM. */
    static int oDirect() {
        String arch = System.getProperty("os.arch", "");
        return arch.startsWith("aarch64") || arch.startsWith("arm") ? 0200000 : 040000;
    }

    /** Whether an open descriptor of {@code file} has O_DIRECT; null when it cannot be found or read. */
    public static Boolean directFlag(Path file) {
        Integer flags = flags(file);
        return flags == null ? null : (flags & oDirect()) != 0;
    }

    /** The flags of the first open descriptor of {@code file}, or null. */
    static Integer flags(Path file) {
        Path fdDir = Path.of("/proc/self/fd");
        Path target;
        try {
            target = file.toRealPath();
        } catch (IOException e) {
            return null;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                Path link;
                try {
                    link = Files.readSymbolicLink(fd);
                } catch (IOException | UnsupportedOperationException e) {
                    continue;
                }
                if (link.equals(target)) {
                    return parse(Files.readString(Path.of("/proc/self/fdinfo", fd.getFileName().toString())));
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The octal "flags:" field of an fdinfo file. */
    static Integer parse(String fdinfo) {
        for (String line : fdinfo.split("\n")) {
            if (line.startsWith("flags:")) {
                try {
                    return Integer.parseInt(line.substring(6).strip(), 8);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
