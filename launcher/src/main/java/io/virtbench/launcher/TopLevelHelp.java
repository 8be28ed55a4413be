package io.virtbench.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code virtbench --help} (and {@code -h}, {@code help}) without building the command line: the
 * list of commands is the same text picocli renders, kept as a resource, so the JVM loads a few
 * classes instead of picocli's reflection over every command (about 400 classes, most of the
 * start-up time of a help request). {@code TopLevelHelpTest} renders the text with picocli and
 * fails when the resource differs, so it cannot drift from the commands.
 */
final class TopLevelHelp {
    static final String RESOURCE = "/virtbench-usage.txt";

    private TopLevelHelp() {
    }

    /** True for the command lines that ask for the top-level help only. */
    static boolean asked(String[] args) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"));
    }

    /** The stored text, or null when the resource is missing (then picocli renders it). */
    static String text() {
        try (InputStream in = TopLevelHelp.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** Prints the stored help and returns true, or returns false to let picocli do it. */
    static boolean print(String[] args, PrintStream out) {
        if (!asked(args)) {
            return false;
        }
        String text = text();
        if (text == null) {
            return false;
        }
        out.print(text);
        out.flush();
        return true;
    }
}
