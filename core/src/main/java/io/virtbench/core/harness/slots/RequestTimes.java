package io.virtbench.core.harness.slots;

import io.virtbench.core.stats.Histograms;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.Histogram;

/**
 * Every completed request's times, by completion index: its start (ms since the run's start),
 * connect time, total time and waiting time (time to the first response byte after the request
 * was written), µs; with a paced run also how late it ended against when it was due. All of
 * them are kept, because medians and standard deviations over the requests are exact (ab keeps
 * them too); the memory grows with the requests actually completed (16 bytes each, 20 paced, in
 * chunks of 64 Ki requests), not with the capacity up front, and nothing is allocated per request.
 *
 * <p>Indexes are handed out by the caller (one per completed request, see {@link RequestSlots});
 * any thread may fill its own indexes, and {@link #column} reads them after the run has ended.
 */
public final class RequestTimes {
    private static final int SHIFT = 16;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** Column numbers for {@link #column}. */
    public static final int START_MS = 0;
    public static final int CONNECT_US = 1;
    public static final int TOTAL_US = 2;
    public static final int WAIT_US = 3;
    /** Paced runs only: from when the request was due to its end. */
    public static final int SINCE_DUE_US = 4;

    private final AtomicReferenceArray<int[]> chunks;
    private final int capacity;
    private final int fields;

    /** Room for {@code capacity} requests, without the paced column. */
    public RequestTimes(int capacity) {
        this(capacity, false);
    }

    public RequestTimes(int capacity, boolean paced) {
        this.capacity = capacity;
        this.fields = paced ? 5 : 4;
        this.chunks = new AtomicReferenceArray<>((capacity + CHUNK - 1) >>> SHIFT);
    }

    /** Bytes one request takes. */
    public static int bytesPerRequest(boolean paced) {
        return (paced ? 5 : 4) * Integer.BYTES;
    }

    public int capacity() {
        return capacity;
    }

    public boolean paced() {
        return fields > SINCE_DUE_US;
    }

    /** Stores request {@code index}'s times (values clamped at 0 and at 35 minutes, as ints). */
    public void set(int index, long startUs, long connectUs, long totalUs, long waitUs) {
        int[] c = chunk(index >>> SHIFT);
        int i = (index & MASK) * fields;
        c[i] = clamp(startUs / 1000);
        c[i + CONNECT_US] = clamp(connectUs);
        c[i + TOTAL_US] = clamp(totalUs);
        c[i + WAIT_US] = clamp(waitUs);
    }

    /** Stores how late request {@code index} ended against when it was due (paced runs only). */
    public void setSinceDue(int index, long sinceDueUs) {
        if (!paced()) {
            throw new IllegalStateException("not a paced run: no column for the time since a request was due");
        }
        chunk(index >>> SHIFT)[(index & MASK) * fields + SINCE_DUE_US] = clamp(sinceDueUs);
    }

    private int[] chunk(int index) {
        int[] c = chunks.get(index);
        if (c == null) {
            int size = Math.min(CHUNK, capacity - (index << SHIFT)) * fields;
            chunks.compareAndSet(index, null, new int[size]);
            c = chunks.get(index);
        }
        return c;
    }

    private static int clamp(long v) {
        return v <= 0 ? 0 : v >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /** The first {@code n} values of one column, in index order (a fresh array). */
    public int[] column(int field, int n) {
        if (field < 0 || field >= fields) {
            throw new IllegalArgumentException("no column " + field);
        }
        int[] out = new int[n];
        for (int s = 0; s < n; s++) {
            int[] c = chunks.get(s >>> SHIFT);
            out[s] = c == null ? 0 : c[(s & MASK) * fields + field];
        }
        return out;
    }

    /** The first {@code n} values of a µs column as a histogram in ns (core's histogram settings). */
    public Histogram histogramNanos(int field, int n) {
        Histogram h = Histograms.newNanosHistogram();
        for (int v : column(field, n)) {
            h.recordValue(Histograms.clamp(v * 1000L));
        }
        return h;
    }
}
