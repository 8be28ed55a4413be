package io.virtbench.core.harness;

/** The per-thread part of a {@link Workload}: one instance per worker thread, used by that thread only. */
public interface Worker {

    /**
     * Executes one event. The harness times it; the worker must not read the clock for
     * statistics. Returning normally means the event succeeded. Throwing ends the whole run as
     * failed (sysbench's FATAL): the results measured so far are kept and reported.
     *
     * @param counters this thread's counters, for reads, writes, bytes, errors and the like
     */
    void event(Counters counters) throws Exception;

    /** Runs after this thread's event loop, inside the measured total time (sysbench's thread_done). */
    default void finish(Counters counters) throws Exception {
    }

    /** Releases this worker's resources, untimed. */
    default void close() throws Exception {
    }
}
