package io.virtbench.oltp.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.testing.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A temporary directory too full for a MariaDB: one line naming the directory and the cause,
 * not mariadbd's last line ("[ERROR] Aborting"). The full file system is a 16 MB tmpfs, which
 * needs root to mount (CI runs as root).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalMariaDbFullDiskTest {
    @TempDir
    Path tmp;

    @Test
    void aFullTemporaryDirectoryIsNamedWithItsCause() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && NativeTools.required()) {
            throw new AssertionError("mounting a small tmpfs needs root, but VIRTBENCH_REQUIRE_NATIVE=1 requires this test");
        }
        Assumptions.assumeTrue(root, "needs root to mount a small tmpfs; skipping (CI requires it)");
        Path small = Files.createDirectory(tmp.resolve("small"));
        assertEquals(0, LocalMariaDbSecurityTest.run(List.of("mount", "-t", "tmpfs", "-o", "size=16m,mode=0711", "tmpfs",
                small.toString())).exitCode(), "mount a 16 MB tmpfs");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
            UserException e = assertThrows(UserException.class,
                    () -> LocalMariaDb.start(LocalMariaDb.mariaDb4jJar().orElseThrow(), null, small).close());
            String m = e.getMessage();
            assertTrue(m.contains(small.toString()), m);
            assertTrue(m.contains("no space left on the file system of " + small), m);
            assertTrue(!m.contains("\n") && !m.endsWith("Aborting"), m);
            try (var left = Files.list(small)) {
                assertEquals(0, left.count(), "nothing left behind");
            }
        } finally {
            LocalMariaDbSecurityTest.run(List.of("umount", small.toString()));
        }
    }
}
