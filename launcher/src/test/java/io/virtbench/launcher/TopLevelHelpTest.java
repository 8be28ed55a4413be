package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The stored top-level help is what picocli renders from the commands. When a command is added or
 * its description changes, this fails; rerun it with {@code -Dvirtbench.writeUsage=true} to
 * rewrite src/main/resources/virtbench-usage.txt, and commit the file.
 */
class TopLevelHelpTest {
    @Test
    void theStoredHelpIsPicocliOwn() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--help");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String rendered = out.toString(StandardCharsets.UTF_8);
        if (Boolean.getBoolean("virtbench.writeUsage")) {
            Files.writeString(Path.of("src/main/resources/virtbench-usage.txt"), rendered);
        }
        String stored = TopLevelHelp.text();
        assertNotNull(stored, "missing resource " + TopLevelHelp.RESOURCE);
        assertEquals(rendered, stored, "virtbench-usage.txt is out of date: run this test with -Dvirtbench.writeUsage=true");
    }

    @Test
    void onlyAPlainHelpRequestTakesTheStoredText() {
        assertTrue(TopLevelHelp.asked(new String[] {"--help"}));
        assertTrue(TopLevelHelp.asked(new String[] {"-h"}));
        assertTrue(TopLevelHelp.asked(new String[] {"help"}));
        assertFalse(TopLevelHelp.asked(new String[] {"help", "cpu"}));
        assertFalse(TopLevelHelp.asked(new String[] {"cpu", "--help"}));
        assertFalse(TopLevelHelp.asked(new String[] {}));
    }
}
