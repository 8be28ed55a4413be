package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and captures what it printed. */
record Cli(int code, String out, String err) {
    static Cli run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), args);
        return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Standard error without the progress lines the runner prints. */
    String errorLines() {
        return err.lines().filter(l -> !l.startsWith("virtbench: run ") && !l.startsWith("virtbench: result written"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** Runs "args" (split at spaces) and checks it is a usage error: status 2, one line naming {@code named}, no stack trace. */
    static void assertUsageError(String args, String named) {
        assertUsageError(args.split(" "), named);
    }

    /** The same for a command line given word by word. */
    static void assertUsageError(String[] args, String named) {
        Cli c = run(args);
        assertEquals(2, c.code(), c.err());
        String err = c.errorLines();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains(named), err);
        assertFalse(err.contains("\tat "), "no stack trace");
    }
}
