package io.virtbench.core.result;

/**
 * One worker thread's event timer (sysbench's per-thread sb_timer): events and the sum, minimum
 * and maximum of their latencies, in nanoseconds.
 */
public record ThreadTotals(long events, long sumNs, long minNs, long maxNs) {
}
