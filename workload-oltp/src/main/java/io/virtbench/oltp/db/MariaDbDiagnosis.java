package io.virtbench.oltp.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Why a throwaway MariaDB did not start, in one line: mariadbd's and mariadb-install-db's logs
 * end with "[ERROR] Aborting", which says nothing; the cause is an earlier line, or, when the
 * disk is so full that not even the log was written, the free space of the directory.
 */
final class MariaDbDiagnosis {
    /** Below this, a failed start is put down to the full file system (an empty InnoDB needs about 100 MB). */
    private static final long LOW_SPACE = 128L << 20;

    private MariaDbDiagnosis() {
    }

    /** An I/O error's message, with "No space left on device" explained. */
    static String describe(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.contains("No space left on device") ? m + " (the file system is full)" : m;
    }

    /** The cause of a failure whose output is in {@code log}, for a server in {@code dir}. */
    static String cause(Path log, Path dir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            lines = List.of();
        }
        String full = fullDisk(lines, dir);
        if (full != null) {
            return full;
        }
        String error = null;
        for (String l : lines) {
            String s = l.strip();
            // the first real error: what follows ("Aborting", "Plugin ... failed") is its consequence
            if ((s.contains("[ERROR]") || s.startsWith("ERROR")) && !s.endsWith("Aborting") && error == null) {
                error = s;
            }
        }
        if (error == null) {
            error = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).reduce((a, b) -> b).orElse("(no output)");
        }
        return error + " (log: " + log + ")";
    }

    /** A line saying the file system of {@code dir} is full, or null when it is not. */
    private static String fullDisk(List<String> lines, Path dir) {
        boolean enospc = lines.stream().anyMatch(l -> l.contains("No space left on device") || l.contains("errno: 28")
                || l.contains("Errcode: 28") || l.toLowerCase(Locale.ROOT).contains("disk full"));
        long free = -1;
        try {
            FileStore store = Files.getFileStore(dir);
            // a file system that reports no size at all (ramfs) has an unknown free space, not none
            if (store.getTotalSpace() > 0) {
                free = store.getUsableSpace();
            }
        } catch (IOException e) {
            // unknown
        }
        if (!enospc && (free < 0 || free >= LOW_SPACE)) {
            return null;
        }
        Path parent = dir.getParent() == null ? dir : dir.getParent();
        return "no space left on the file system of " + parent + (free >= 0 ? " (" + (free >> 20) + " MB free)" : "")
                + ": free some space there, or give the JVM another temporary directory (java -Djava.io.tmpdir=DIR -jar ...)";
    }
}
