package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile is code: its shell commands run only from a profile named by its path, or with --allow-commands. */
class SuiteCommandsCliTest {
    @TempDir
    Path tmp;

    @Test
    void aBootStepRunsOnlyFromAProfileNamedByItsPathOrWithAllowCommands() throws Exception {
        Path marker = tmp.resolve("ran");
        String text = "name = cmd\nstep boot-x = boot --launch 'touch " + marker + "' --ready exit\n";
        // a bare name is looked up in the current directory: picked up, not chosen
        Path bare = Path.of("virtbench-test-" + UUID.randomUUID() + ".profile");
        Files.writeString(bare, text);
        try {
            Cli refused = Cli.run("suite", "--profile", bare.toString(), "--out", tmp.resolve("a").toString());
            assertEquals(2, refused.code(), refused.err());
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertTrue(refused.err().startsWith("virtbench: profile cmd runs shell commands (step boot-x "), refused.err());
            assertFalse(Files.exists(marker), "the command did not run");
            assertFalse(Files.exists(tmp.resolve("a")), "nothing started");

            Cli allowed = Cli.run("suite", "--profile", bare.toString(), "--allow-commands", "--out", tmp.resolve("b").toString());
            assertEquals(0, allowed.code(), allowed.out() + allowed.err());
            assertTrue(allowed.err().contains("virtbench suite: profile cmd runs a shell command: step boot-x"), allowed.err());
            assertTrue(Files.exists(marker));
            Files.delete(marker);
        } finally {
            Files.deleteIfExists(bare);
        }
        Path file = Files.writeString(tmp.resolve("cmd.profile"), text);
        Cli byPath = Cli.run("suite", "--profile", file.toString(), "--out", tmp.resolve("c").toString());
        assertEquals(0, byPath.code(), byPath.out() + byPath.err());
        assertTrue(Files.exists(marker), "named by its path, the profile's command runs");
    }
}
