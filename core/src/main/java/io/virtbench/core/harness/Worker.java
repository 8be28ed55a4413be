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

    /**
     * Whether this thread has another event (sysbench's {@code next_event}, which returns
     * {@code SB_REQ_TYPE_NULL} when a test ends a thread by its own limit: the memory test after
     * its share of {@code --memory-total-size}, the mutex test after one event). Asked after the
     * time and event limits, so a thread that ends here has taken an event ticket as in sysbench;
     * false ends this thread's loop. It runs on the worker's own thread and must be cheap (the
     * harness reads the event's start time just before it, to keep one clock read per check).
     */
    default boolean next() {
        return true;
    }

    /** Runs after this thread's event loop, inside the measured total time (sysbench's thread_done). */
    default void finish(Counters counters) throws Exception {
    }

    /** Releases this worker's resources, untimed. */
    default void close() throws Exception {
    }
}
