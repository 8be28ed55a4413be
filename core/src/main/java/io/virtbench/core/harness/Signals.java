package io.virtbench.core.harness;

import io.virtbench.core.UserException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the first one asks the running work to stop and write what it
 * measured so far. Two ways to catch them, chosen by {@code -Dvirtbench.signals=internal|hook}:
 *
 * <ul>
 * <li>{@code internal} (the default): a handler through {@code sun.misc.Signal} (module
 * jdk.unsupported). The JVM does not start shutting down, so nothing else (the throwaway
 * database's and the suite's guests' shutdown hooks) runs while the results are written; a
 * second Ctrl-C exits at once; SIGINT and SIGTERM both end with status 130.</li>
 * <li>{@code hook}: public API only, a shutdown hook that raises the stop and waits, at most
 * {@link #HOOK_WAIT_SECONDS}, until the command has written its results. The JVM is already
 * shutting down by then: other shutdown hooks run at the same time, a second Ctrl-C cannot cut
 * the wait short, and the exit status is the signal's (130 for SIGINT, 143 for SIGTERM).</li>
 * </ul>
 *
 * Where {@code sun.misc.Signal} is missing (a runtime image without jdk.unsupported) the internal
 * way falls back to the hook, so that Ctrl-C still keeps the results.
 */
public final class Signals {
    /** Exit status after Ctrl-C (128 + SIGINT), as shells report it. */
    public static final int EXIT_INTERRUPTED = 130;
    /** The system property that chooses the way. */
    public static final String PROPERTY = "virtbench.signals";
    /** How long the shutdown hook waits for the results to be written. */
    public static final long HOOK_WAIT_SECONDS = 30;

    /** The two ways to catch Ctrl-C and SIGTERM. */
    public enum Mode {
        INTERNAL, HOOK
    }

    /** Counted down when the command has ended, so that a waiting shutdown hook may let the JVM go. */
    private static final CountDownLatch FINISHED = new CountDownLatch(1);

    private Signals() {
    }

    /** The way named by {@link #PROPERTY}; internal when unset. Bad input: a usage error. */
    public static Mode mode(String value) {
        if (value == null || value.isBlank()) {
            return Mode.INTERNAL;
        }
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UserException.usage("-D" + PROPERTY + "=" + value + " is not one of internal, hook");
        }
    }

    /**
     * Routes SIGINT and SIGTERM to {@code stop} in the way {@link #PROPERTY} names; returns the
     * way installed (the hook where the internal way is not available). Call {@link #finished()}
     * once the command's results are written.
     */
    public static Mode install(StopSignal stop, PrintStream err) {
        Mode wanted = mode(System.getProperty(PROPERTY));
        if (wanted == Mode.INTERNAL) {
            try {
                installInternal(stop, err);
                return Mode.INTERNAL;
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // no sun.misc.Signal here: the public way still keeps the results
            }
        }
        installHook(stop, err);
        return Mode.HOOK;
    }

    /** The command has ended and its results are written: a shutdown hook need not wait any longer. */
    public static void finished() {
        FINISHED.countDown();
    }

    /**
     * Installs the {@code sun.misc.Signal} handlers; throws where that API is unusable (tests
     * call it directly so that its loss fails loudly instead of falling back).
     */
    @SuppressWarnings("removal")
    static void installInternal(StopSignal stop, PrintStream err) {
        for (String name : new String[] {"INT", "TERM"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                if (stop.requested()) {
                    Runtime.getRuntime().halt(EXIT_INTERRUPTED);
                }
                err.println();
                err.println("virtbench: stopping; writing the results measured so far (press Ctrl-C again to quit now)");
                stop.request();
            });
        }
    }

    static void installHook(StopSignal stop, PrintStream err) {
        Thread hook = new Thread(() -> {
            if (FINISHED.getCount() == 0) {
                return; // an ordinary exit: the results are written already
            }
            err.println();
            err.println("virtbench: stopping; writing the results measured so far (waiting at most "
                    + HOOK_WAIT_SECONDS + " s)");
            stop.request();
            try {
                if (!FINISHED.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    err.println("virtbench: the results were not written within " + HOOK_WAIT_SECONDS + " s; quitting");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "virtbench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }
}
