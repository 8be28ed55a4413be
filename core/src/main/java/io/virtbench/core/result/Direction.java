package io.virtbench.core.result;

/** Which way a metric is better. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    /** Informational (a count, a duration that is not the score). */
    NONE
}
