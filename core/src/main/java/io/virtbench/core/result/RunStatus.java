package io.virtbench.core.result;

/** How a run ended; a result that is not {@link #COMPLETE} still holds what was measured until then. */
public enum RunStatus {
    COMPLETE,
    INTERRUPTED,
    FAILED
}
