package io.virtbench.core.harness.stream;

/**
 * The bytes (and operations: blocks, datagrams) one stream moved in its own direction, counted by
 * the thread that runs the stream (one thread per meter; not synchronised). Counting allocates
 * nothing: {@link #add} is two additions and an increment.
 */
public final class StreamCounter {
    private long bytes;
    private long operations;
    private long intervalBytes;
    private long omittedBytes;
    private long omittedOperations;

    /** Counts one operation of {@code n} bytes. */
    public void add(long n) {
        bytes += n;
        intervalBytes += n;
        operations++;
    }

    /** Bytes since the start, the warm-up included. */
    public long bytes() {
        return bytes;
    }

    /** Operations since the start, the warm-up included. */
    public long operations() {
        return operations;
    }

    /** Bytes of the measured phase: what came after the warm-up. */
    public long measuredBytes() {
        return bytes - omittedBytes;
    }

    /** Operations of the measured phase. */
    public long measuredOperations() {
        return operations - omittedOperations;
    }

    /** Bytes counted during the warm-up (0 before it ends). */
    public long omittedBytes() {
        return omittedBytes;
    }

    /** Bytes of the interval still open. */
    public long intervalBytes() {
        return intervalBytes;
    }

    /** The interval closes: returns its bytes and starts the next at zero. */
    long takeInterval() {
        long b = intervalBytes;
        intervalBytes = 0;
        return b;
    }

    /** The warm-up ends: what was counted so far is omitted, and the open interval starts afresh. */
    void endOmit() {
        omittedBytes = bytes;
        omittedOperations = operations;
        intervalBytes = 0;
    }
}
