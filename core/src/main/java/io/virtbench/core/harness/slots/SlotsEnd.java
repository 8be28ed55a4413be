package io.virtbench.core.harness.slots;

/** How a run of request slots ended. */
public enum SlotsEnd {
    /** Every request was completed, or every one was claimed and no slot is active any more. */
    COMPLETE,
    /** The time limit passed. */
    TIME_LIMIT,
    /** A stop was requested (Ctrl-C) or the waiting thread was interrupted. */
    INTERRUPTED,
    /** The workload gave up (a fatal protocol error). */
    FAILED
}
