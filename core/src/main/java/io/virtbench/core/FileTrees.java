package io.virtbench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes a directory tree that virtbench made (work directories, bundles, a step's output,
 * a throwaway database). Symbolic links are removed, never followed, so a link inside a tree
 * cannot lead the removal outside it.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> s = Files.walk(dir)) {
            deepestFirst = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.deleteIfExists(p);
        }
    }

    /** As {@link #delete}, for clean-up paths where a failure must not hide the first error. */
    public static boolean deleteQuietly(Path dir) {
        try {
            delete(dir);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
