package io.virtbench.report;

import io.virtbench.core.UserException;
import io.virtbench.core.result.ResultFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The check of {@code report --out FILE} before any work: the file's directory must take a
 * file, and an existing file is replaced only when it is a report virtbench wrote (recognised
 * by the beginning each format starts with), or with {@code --force}. A typo must not replace
 * a file of the user's or the system's.
 */
public final class ReportOut {
    /** How far into a file its marker is looked for. */
    private static final int HEAD_BYTES = 64 * 1024;

    private ReportOut() {
    }

    /** Refuses {@code file} as the report's output unless it is safe to write (usage error naming --out). */
    public static void check(Path file, boolean force) {
        if (Files.isDirectory(file)) {
            throw UserException.usage("invalid value for --out: " + file + " is a directory (give a file name)");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw UserException.usage("invalid value for --out: " + file
                        + " exists and is not a regular file; give --force to replace it");
            }
            if (!isReport(file)) {
                throw UserException.usage("invalid value for --out: " + file
                        + " exists and is not a virtbench report; give --force to replace it");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            ResultFiles.requireWritableDir("--out", dir);
        }
    }

    /** Whether {@code file} starts as one of virtbench's reports (text, CSV, runs CSV, JSON or HTML) starts. */
    static boolean isReport(Path file) {
        String head;
        try (InputStream in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false;
        }
        return head.startsWith("virtbench report: ")
                || head.startsWith("kind,feature,title,level,platform,")
                || head.startsWith("feature,title,platform,detected_platform,")
                || head.startsWith("<!DOCTYPE html>") && head.contains("<title>virtbench report: ")
                || head.startsWith("{") && head.contains("\"scheme\" : ") && head.contains("\"baseline\" : ")
                        && head.contains("\"platforms\" : ");
    }
}
