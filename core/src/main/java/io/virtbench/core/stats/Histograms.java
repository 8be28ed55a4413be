package io.virtbench.core.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The latency histogram shape used everywhere, and its text encoding for result files, so that
 * histograms from threads, repetitions and hosts can be merged (never averaged).
 */
public final class Histograms {
    /** Latencies are recorded in nanoseconds, 1 ns .. 10 minutes; longer values are clamped. */
    public static final long HIGHEST_NS = 600_000_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {
    }

    /** Heap a histogram of the full 1 ns .. 10 minutes range holds (about 250 KB). */
    public static final long FULL_FOOTPRINT_BYTES = newNanosHistogram().getEstimatedFootprintInBytes();

    /**
     * A recorder for one thread: its histogram starts small and grows to the largest latency
     * recorded (a worker of 1 ms events holds about 90 KB instead of the full range's 250 KB), so
     * thousands of threads fit in a small heap. Values must be {@link #clamp clamped}.
     */
    public static SingleWriterRecorder newNanosRecorder() {
        return new SingleWriterRecorder(SIGNIFICANT_DIGITS);
    }

    public static Histogram newNanosHistogram() {
        return new Histogram(1, HIGHEST_NS, SIGNIFICANT_DIGITS);
    }

    /** Clamps a latency into the trackable range. */
    public static long clamp(long ns) {
        return ns < 0 ? 0 : Math.min(ns, HIGHEST_NS);
    }

    /** Base64 of HdrHistogram's compressed V2 encoding. */
    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[len];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded HdrHistogram: " + e.getMessage(), e);
        }
    }
}
