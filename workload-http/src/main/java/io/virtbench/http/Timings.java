package io.virtbench.http;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The per-request timings ab keeps for its Connection Times table (struct data in ab.c): for
 * every completed request its start (ms since the run's start), connect time, total time and
 * waiting time (µs). Like ab, virtbench keeps all of them, because the table's medians and
 * standard deviations are exact over all requests; unlike ab, the memory grows with the requests
 * actually completed (16 bytes each, in chunks of 64 Ki requests), not with {@code -n} up front.
 *
 * <p>Slots are claimed by the caller (one slot per completed request, see {@link AbEngine}); any
 * thread may fill its own slots, and {@link #column} reads them after the run has ended.
 */
public final class Timings {
    private static final int SHIFT = 16;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final int FIELDS = 4;

    /** Column numbers for {@link #column}. */
    public static final int START_MS = 0;
    public static final int CONNECT_US = 1;
    public static final int TOTAL_US = 2;
    public static final int WAIT_US = 3;

    private final AtomicReferenceArray<int[]> chunks;
    private final int capacity;

    public Timings(int capacity) {
        this.capacity = capacity;
        this.chunks = new AtomicReferenceArray<>((capacity + CHUNK - 1) >>> SHIFT);
    }

    public int capacity() {
        return capacity;
    }

    /** Stores request {@code slot}'s timings (values clamped at 0 and at 35 minutes, as ints). */
    public void set(int slot, long startUs, long connectUs, long totalUs, long waitUs) {
        int[] c = chunk(slot >>> SHIFT);
        int i = (slot & MASK) * FIELDS;
        c[i] = clamp(startUs / 1000);
        c[i + CONNECT_US] = clamp(connectUs);
        c[i + TOTAL_US] = clamp(totalUs);
        c[i + WAIT_US] = clamp(waitUs);
    }

    private int[] chunk(int index) {
        int[] c = chunks.get(index);
        if (c == null) {
            int size = Math.min(CHUNK, capacity - (index << SHIFT)) * FIELDS;
            chunks.compareAndSet(index, null, new int[size]);
            c = chunks.get(index);
        }
        return c;
    }

    private static int clamp(long v) {
        return v <= 0 ? 0 : v >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /** The first {@code n} values of one column, in slot order (a fresh array). */
    public int[] column(int field, int n) {
        int[] out = new int[n];
        for (int s = 0; s < n; s++) {
            int[] c = chunks.get(s >>> SHIFT);
            out[s] = c == null ? 0 : c[(s & MASK) * FIELDS + field];
        }
        return out;
    }
}
