package io.virtbench.core.harness;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A request to stop early, e.g. Ctrl-C. The harness checks it before every event and ends the run
 * with the results measured so far. Listeners let long operations outside the harness (a
 * prepare step, a network test) react as well.
 */
public final class StopSignal {
    private volatile boolean requested;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A signal nobody will ever raise. */
    public static StopSignal never() {
        return new StopSignal();
    }

    public boolean requested() {
        return requested;
    }

    public void request() {
        if (!requested) {
            requested = true;
            for (Runnable r : listeners) {
                r.run();
            }
        }
    }

    /** A signal that is raised with this one, and can also be raised alone (to stop one part of a larger run). */
    public StopSignal child() {
        StopSignal c = new StopSignal();
        onRequest(c::request);
        return c;
    }

    /** Runs {@code r} when a stop is requested (at once if it already was); returns a handle to remove it. */
    public AutoCloseable onRequest(Runnable r) {
        listeners.add(r);
        if (requested) {
            r.run();
        }
        return () -> listeners.remove(r);
    }
}
