package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad uses of {@code suite --guests}: one line, exit status 2, before any guest starts. */
class GuestsCliTest {
    @TempDir
    Path tmp;

    @Test
    void refusedWithoutAnOciPlatformOrWithABadCount() {
        check("--guests starts guests of a platform: it needs --on oci:RUNTIME", "--guests", "2");
        check("--guests starts guests with an OCI runtime: 'host' is not oci:RUNTIME", "--on", "host", "--guests", "2");
        check("invalid value for --guests: 0 (must be 1..64)", "--on", "oci:runc", "--guests", "1,0");
        check("invalid value for --guests: a number is given twice", "--on", "oci:runc", "--guests", "2,2");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing started");
    }

    private void check(String message, String... args) {
        String[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(new String[] {"suite", "--profile", "quick",
                "--out", tmp.resolve("out").toString()}), java.util.Arrays.stream(args)).toArray(String[]::new);
        Cli c = Cli.run(full);
        assertEquals(2, c.code(), c.err());
        assertEquals(1, c.err().lines().count(), c.err());
        assertTrue(c.err().contains(message), c.err());
    }
}
