package io.virtbench.core;

import io.virtbench.core.harness.StopSignal;
import java.io.PrintStream;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the first one asks the running work to stop and write what it
 * measured so far; a second one exits at once with status 130.
 */
public final class Signals {
    private Signals() {
    }

    /** Routes SIGINT and SIGTERM to {@code stop}; returns false where signals cannot be handled. */
    @SuppressWarnings("removal")
    public static boolean install(StopSignal stop, PrintStream err) {
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    if (stop.requested()) {
                        Runtime.getRuntime().halt(Repetitions.EXIT_INTERRUPTED);
                    }
                    err.println();
                    err.println("virtbench: stopping; writing the results measured so far (press Ctrl-C again to quit now)");
                    stop.request();
                });
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }
}
