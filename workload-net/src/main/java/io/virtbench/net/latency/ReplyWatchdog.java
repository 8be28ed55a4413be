package io.virtbench.net.latency;

import io.virtbench.core.clock.Deadline;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds a round trip in time: a blocking receive whose answer was lost (UDP) or whose server
 * hung would wait for ever. A daemon thread looks every 50 ms whether the message in flight has
 * waited longer than {@link #REPLY_TIMEOUT_MS}, and if so closes the channel, which ends the
 * receive; the worker then fails the run with what was measured until then. The worker's cost
 * is two volatile writes per round trip.
 */
final class ReplyWatchdog implements AutoCloseable {
    /** How long one answer may take; far above any round trip between machines. */
    static final long REPLY_TIMEOUT_MS = 2000;
    private static final long CHECK_NS = 50_000_000L;

    private volatile long inFlight;
    private volatile Closeable channel;
    private volatile boolean timedOut;
    private volatile boolean closed;
    private final Thread thread;

    ReplyWatchdog() {
        thread = new Thread(this::run, "virtbench-latency-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void watch(Closeable ch) {
        channel = ch;
    }

    void unwatch() {
        channel = null;
    }

    /** Message {@code seq} was sent (seq above 0). */
    void waiting(long seq) {
        inFlight = seq;
    }

    void answered() {
        inFlight = 0;
    }

    boolean timedOut() {
        return timedOut;
    }

    private void run() {
        long seen = 0;
        Deadline answerBy = Deadline.inMillis(REPLY_TIMEOUT_MS);
        while (!closed) {
            LockSupport.parkNanos(CHECK_NS);
            long f = inFlight;
            if (f == 0 || f != seen) {
                seen = f;
                answerBy = Deadline.inMillis(REPLY_TIMEOUT_MS);
                continue;
            }
            Closeable ch = channel;
            if (ch != null && answerBy.passed()) {
                timedOut = true;
                try {
                    ch.close();
                } catch (IOException e) {
                    // closing is all that is wanted; the worker reports the timeout
                }
                seen = 0;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
