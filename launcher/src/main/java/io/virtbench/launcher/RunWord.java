package io.virtbench.launcher;

import io.virtbench.core.UserException;

/** The COMMAND word of sysbench tests that only run (cpu, memory, threads, mutex). */
final class RunWord {
    private RunWord() {
    }

    /** Accepts run; prepare and cleanup fail as sysbench's do (exit 1); anything else is a usage error. */
    static void check(String test, String command) {
        switch (command) {
            case "run" -> {
            }
            case "prepare", "cleanup" -> throw new UnsupportedOperationException(
                    "'" + test + "' test does not implement the '" + command + "' command.");
            default -> throw UserException.usage("unknown command '" + command + "' for " + test + " (expected run)");
        }
    }
}
