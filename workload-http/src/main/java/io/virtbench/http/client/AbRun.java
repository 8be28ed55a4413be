package io.virtbench.http.client;

import io.virtbench.core.harness.JitWarmup;
import io.virtbench.core.harness.slots.RequestTimes;
import io.virtbench.core.harness.slots.SlotsEnd;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/**
 * What one {@link AbEngine} run measured, before it becomes a report: ab's counters, every
 * completed request's timings and the latency histograms.
 *
 * @param options        the run's options
 * @param requestBytes   size of one request (header and body)
 * @param start          wall-clock time just before the first connect
 * @param end            wall-clock time when the run was over
 * @param timeTaken      ab's "Time taken for tests": from before the first connect to the last
 *                       socket activity (the last completed request), seconds
 * @param counts         ab's counters
 * @param serverName     ab's "Server Software"
 * @param docLength      ab's "Document Length": body bytes of the first completed response
 * @param timings        every completed request's timings, slots 0 .. completed − 1
 * @param completed      ab's "Complete requests"
 * @param latencyNs      total time of every completed request, µs resolution, in ns
 * @param intendedNs     with {@code --rate}: time from each request's intended start to its end, else null
 * @param how            how the run ended
 * @param failure        why it stopped early (fatal error), or null
 * @param threads        event-loop threads used
 * @param transport      "epoll" or "nio"
 * @param jitWarmup      what the JIT warm-up before the run did, or null without one
 */
public record AbRun(AbOptions options, int requestBytes, Instant start, Instant end, double timeTaken, Counts counts,
                    String serverName, long docLength, RequestTimes timings, int completed, Histogram latencyNs,
                    Histogram intendedNs, SlotsEnd how, String failure, int threads, String transport,
                    JitWarmup.Summary jitWarmup) {

    /** This run, with the warm-up that came before it. */
    public AbRun withJitWarmup(JitWarmup.Summary w) {
        return new AbRun(options, requestBytes, start, end, timeTaken, counts, serverName, docLength, timings, completed,
                latencyNs, intendedNs, how, failure, threads, transport, w);
    }

    /**
     * ab's counters (struct metrics): completed, failed and so on.
     *
     * @param done          completed requests (ab's done)
     * @param bad           failed requests (ab's bad)
     * @param good          responses that ended normally (ab's good)
     * @param started       requests written (ab's started)
     * @param totalRead     every byte read ("Total transferred")
     * @param totalBodyRead body bytes ("HTML transferred")
     * @param totalPosted   request bytes written ("Total body sent")
     * @param doneKeepAlive requests completed on a kept-alive connection ("Keep-Alive requests")
     * @param errConnect    Connect failures
     * @param errReceive    Receive failures (including {@code -s} timeouts with {@code -r})
     * @param errLength     Length failures
     * @param errExcept     Exceptions
     * @param errResponse   non-2xx responses (and oversized headers, as ab)
     * @param writeErrors   failed request writes ("Write errors")
     * @param timeouts      connections that saw no event for {@code -s} seconds (virtbench)
     * @param connections   TCP connections opened (virtbench)
     */
    public record Counts(long done, long bad, long good, long started, long totalRead, long totalBodyRead,
                         long totalPosted, long doneKeepAlive, long errConnect, long errReceive, long errLength,
                         long errExcept, long errResponse, long writeErrors, long timeouts, long connections) {

        static Builder builder() {
            return new Builder();
        }

        /** Sums the per-loop counters and takes the shared ones. */
        static final class Builder {
            private long done;
            private long bad;
            private long good;
            private long started;
            private long totalRead;
            private long totalBodyRead;
            private long totalPosted;
            private long doneKeepAlive;
            private long errConnect;
            private long errReceive;
            private long errLength;
            private long errExcept;
            private long errResponse;
            private long writeErrors;
            private long timeouts;
            private long connections;

            Builder add(long read, long bodyRead, long posted, long ka, long conn, long recv, long len, long except,
                        long response, long write, long timeout, long opened) {
                totalRead += read;
                totalBodyRead += bodyRead;
                totalPosted += posted;
                doneKeepAlive += ka;
                errConnect += conn;
                errReceive += recv;
                errLength += len;
                errExcept += except;
                errResponse += response;
                writeErrors += write;
                timeouts += timeout;
                connections += opened;
                return this;
            }

            Builder done(long v) { done = v; return this; }
            Builder bad(long v) { bad = v; return this; }
            Builder good(long v) { good = v; return this; }
            Builder started(long v) { started = v; return this; }

            Counts build() {
                return new Counts(done, bad, good, started, totalRead, totalBodyRead, totalPosted, doneKeepAlive,
                        errConnect, errReceive, errLength, errExcept, errResponse, writeErrors, timeouts, connections);
            }
        }
    }

    /** The Connection Times tables, or null when no request completed. */
    public ConnectionTimes connectionTimes() {
        if (completed == 0) {
            return null;
        }
        return ConnectionTimes.of(timings.column(RequestTimes.CONNECT_US, completed), timings.column(RequestTimes.TOTAL_US, completed),
                timings.column(RequestTimes.WAIT_US, completed), completed);
    }
}
