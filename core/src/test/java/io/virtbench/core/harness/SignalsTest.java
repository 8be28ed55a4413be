package io.virtbench.core.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The ways of catching Ctrl-C. The child-JVM runs of both ways (SIGINT to a running cpu
 * benchmark) are in the launcher's JarIT.
 */
class SignalsTest {
    @Test
    void theWayIsChosenByTheProperty() {
        assertEquals(Signals.Mode.INTERNAL, Signals.mode(null));
        assertEquals(Signals.Mode.INTERNAL, Signals.mode(""));
        assertEquals(Signals.Mode.INTERNAL, Signals.mode("internal"));
        assertEquals(Signals.Mode.HOOK, Signals.mode("Hook"));
        UserException e = assertThrows(UserException.class, () -> Signals.mode("both"));
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("virtbench.signals=both"), e.getMessage());
    }

    /**
     * The default way rests on sun.misc.Signal. Should a JDK drop or lock it, this fails here
     * instead of every run quietly falling back to the shutdown hook.
     */
    @Test
    @SuppressWarnings("removal")
    void theInternalHandlerInstallsAndCatchesARaisedSignal() throws Exception {
        sun.misc.Signal intSig = new sun.misc.Signal("INT");
        sun.misc.Signal termSig = new sun.misc.Signal("TERM");
        // keep the test JVM's own handlers, to put them back afterwards
        sun.misc.SignalHandler oldInt = sun.misc.Signal.handle(intSig, s -> { });
        sun.misc.SignalHandler oldTerm = sun.misc.Signal.handle(termSig, s -> { });
        // a JVM started in the background by a shell without job control inherits SIGINT ignored,
        // and the JVM then leaves it ignored (as it should: such a job is not Ctrl-C's); SIGTERM
        // goes through the same handler there
        sun.misc.Signal raised = oldInt == sun.misc.SignalHandler.SIG_IGN ? termSig : intSig;
        try {
            StopSignal stop = new StopSignal();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Signals.installInternal(stop, new PrintStream(err, true, StandardCharsets.UTF_8));
            assertFalse(stop.requested());
            sun.misc.Signal.raise(raised);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!stop.requested() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(stop.requested(), "SIG" + raised.getName() + " raised the stop");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("press Ctrl-C again"), err.toString(StandardCharsets.UTF_8));
        } finally {
            sun.misc.Signal.handle(intSig, oldInt);
            sun.misc.Signal.handle(termSig, oldTerm);
        }
    }
}
