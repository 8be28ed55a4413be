package io.virtbench.core.harness;

/**
 * The per-thread counters every workload shares; they are sysbench's counters
 * (src/sb_counter.h): events, read/write/other operations, errors, reconnects, bytes.
 * {@link #EVENTS} belongs to the harness; workloads count the others.
 */
public enum Counter {
    /** Events completed inside the measured phase; counted by the harness only. */
    EVENTS,
    /** Read operations (sysbench: a statement that returned a result set, a read request). */
    READS,
    /** Write operations (a statement that changed rows, a write request). */
    WRITES,
    /** Other operations (BEGIN/COMMIT, fsync). */
    OTHER,
    /** Errors that were tolerated and retried (sysbench's "ignored errors"). */
    ERRORS,
    /** Connections re-established after a lost connection. */
    RECONNECTS,
    /** Bytes read. */
    BYTES_READ,
    /** Bytes written. */
    BYTES_WRITTEN;

    private static final Counter[] ALL = values();

    /** All counters, without allocating a new array. */
    static Counter[] all() {
        return ALL;
    }
}
