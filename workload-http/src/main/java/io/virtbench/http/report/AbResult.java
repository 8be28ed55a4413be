package io.virtbench.http.report;

import static io.virtbench.http.report.AbMetrics.*;

import io.virtbench.core.harness.slots.RequestTimes;
import io.virtbench.core.result.LatencySummary;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.stats.Histograms;
import io.virtbench.http.client.AbCommandLine;
import io.virtbench.http.client.AbOptions;
import io.virtbench.http.client.AbRun;
import io.virtbench.http.client.AbUrl;
import io.virtbench.http.client.ConnectionTimes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns an {@link AbRun} into the common result model, with ab's figures as ab computes them. */
public final class AbResult {
    public static final String AB_VERSION = "2.3";

    private AbResult() {
    }

    public static RunResult of(AbRun run, int repetition) {
        AbOptions o = run.options();
        AbUrl u = o.target();
        AbRun.Counts c = run.counts();
        RunResult.Builder b = RunResult.builder(WORKLOAD)
                .toolVersion(AB_VERSION)
                .repetition(repetition)
                .start(run.start())
                .end(run.end())
                .nativeCommand(AbCommandLine.line(o));
        parameters(b, o);
        switch (run.how()) {
            case INTERRUPTED -> b.status(RunStatus.INTERRUPTED).message("interrupted");
            case FAILED -> b.status(RunStatus.FAILED).message(run.failure());
            default -> b.status(RunStatus.COMPLETE);
        }
        double t = run.timeTaken();
        long done = run.completed();
        if (!o.variableLength()) {
            b.info(DOCUMENT_LENGTH, run.docLength(), "bytes");
        }
        counts(b, o, c, t, done);
        connectionTimes(b, o, run, done);
        if (run.intendedNs() != null && run.intendedNs().getTotalCount() > 0) {
            b.intendedLatency(LatencySummary.ofHistogram(run.intendedNs(), 0));
        }
        details(b, u, run, c);
        return b.build();
    }

    /** ab's counts and, once anything completed, its rates. */
    private static void counts(RunResult.Builder b, AbOptions o, AbRun.Counts c, double t, long done) {
        b.info(TIME_TAKEN, t, "s");
        b.info(COMPLETE, done, "requests");
        b.lower(FAILED, c.bad(), "requests");
        b.info(FAILED_CONNECT, c.errConnect(), "requests");
        b.info(FAILED_RECEIVE, c.errReceive(), "requests");
        b.info(FAILED_LENGTH, c.errLength(), "requests");
        b.info(FAILED_EXCEPTIONS, c.errExcept(), "requests");
        b.info(WRITE_ERRORS, c.writeErrors(), "requests");
        b.info(NON_2XX, c.errResponse(), "responses");
        if (o.keepAlive()) {
            b.info(KEEP_ALIVE, c.doneKeepAlive(), "requests");
        }
        b.info(TOTAL_TRANSFERRED, c.totalRead(), "bytes");
        boolean body = o.bodyFile() != null;
        if (body) {
            b.info(TOTAL_BODY_SENT, c.totalPosted(), "bytes");
        }
        b.info(HTML_TRANSFERRED, c.totalBodyRead(), "bytes");
        if (t > 0 && done > 0) {
            b.higher(REQUESTS_PER_SECOND, done / t, "requests/s");
            b.lower(TIME_PER_REQUEST, o.concurrency() * t * 1000 / done, "ms");
            b.lower(TIME_PER_REQUEST_ALL, t * 1000 / done, "ms");
            b.higher(TRANSFER_RATE, c.totalRead() / 1024.0 / t, "KiB/s");
            if (body) {
                b.info(SENT_RATE, c.totalPosted() / 1024.0 / t, "KiB/s");
                b.info(TOTAL_RATE, (c.totalRead() + c.totalPosted()) / 1024.0 / t, "KiB/s");
            }
        }
    }

    /** The Connection Times table, the percentages, and the latency summary from them. */
    private static void connectionTimes(RunResult.Builder b, AbOptions o, AbRun run, long done) {
        ConnectionTimes ct = run.connectionTimes();
        if (ct != null) {
            ConnectionTimes.Row[] rows = {ct.connect(), ct.processing(), ct.waiting(), ct.total()};
            Map<String, Object> abMedians = new LinkedHashMap<>();
            for (int i = 0; i < rows.length; i++) {
                String row = ROWS.get(i);
                ConnectionTimes.Row r = rows[i];
                b.info(row(row, "min"), r.minMs(), "ms");
                b.info(row(row, "mean"), r.meanMs(), "ms");
                if (!o.noConfidence()) {
                    b.info(row(row, "sd"), r.sdMs(), "ms");
                    b.info(row(row, "median"), o.abMedian() ? r.abMedianMs() : r.medianMs(), "ms");
                }
                b.info(row(row, "max"), r.maxMs(), "ms");
                abMedians.put(row, r.abMedianMs());
            }
            if (done > 1 && !o.noPercentiles()) {
                for (int p : ConnectionTimes.PERCENTS) {
                    b.info(served(p), ct.percentileMs(p), "ms");
                }
            }
            b.detail("median", o.abMedian() ? "ab" : "exact");
            b.detail("ab_median_ms", abMedians);
            b.latency(latency(ct, run));
        }
    }

    /** What the run talked to and how, and its errors by kind. */
    private static void details(RunResult.Builder b, AbUrl u, AbRun run, AbRun.Counts c) {
        if (run.jitWarmup() != null) {
            b.detail("jit_warmup", run.jitWarmup().asDetail());
        }
        b.detail("server_software", run.serverName());
        b.detail("server_hostname", u.hostname());
        b.detail("server_port", (long) u.port());
        b.detail("document_path", u.path());
        b.detail("requests_started", c.started());
        b.detail("connections_opened", c.connections());
        b.detail("timeouts", c.timeouts());
        b.detail("event_loop_threads", (long) run.threads());
        b.detail("transport", run.transport());
        b.detail("request_bytes", (long) run.requestBytes());
        if (c.bad() > 0) {
            b.error("connect", c.errConnect()).error("receive", c.errReceive()).error("length", c.errLength())
                    .error("exceptions", c.errExcept());
        }
        if (c.timeouts() > 0) {
            b.error("timeout", c.timeouts());
        }
        if (c.writeErrors() > 0) {
            b.error("write", c.writeErrors());
        }
    }

    /** Exact count/min/mean/max/sum of the Total times; percentiles and the encoding from the histogram. */
    private static LatencySummary latency(ConnectionTimes ct, AbRun run) {
        Histogram h = run.latencyNs();
        long n = ct.count();
        long sumUs = 0;
        for (int v : run.timings().column(RequestTimes.TOTAL_US, run.completed())) {
            sumUs += v;
        }
        return new LatencySummary(n, ct.total().minUs() / 1000.0, n == 0 ? 0 : sumUs / 1000.0 / n,
                ct.total().maxUs() / 1000.0, sumUs / 1000.0, 0, 0, LatencySummary.exactPercentiles(h),
                Histograms.encode(h));
    }

    /** The run's options by their ab letters (and virtbench's long names). */
    public static void parameters(RunResult.Builder b, AbOptions o) {
        b.parameter("url", o.url());
        b.parameter("n", o.requests());
        b.parameter("c", o.concurrency());
        b.parameter(CONCURRENCY, o.concurrency());
        if (o.timeLimit() > 0) {
            b.parameter("t", o.timeLimit());
        }
        b.parameter("k", o.keepAlive());
        b.parameter("r", o.recvErrorsOk());
        b.parameter("s", o.timeout());
        if (!o.headers().isEmpty()) {
            b.parameter("H", o.headers());
        }
        b.parameter("method", o.methodName());
        if (o.postFile() != null) {
            b.parameter("p", o.postFile().toString());
        }
        if (o.putFile() != null) {
            b.parameter("u", o.putFile().toString());
        }
        if (o.bodyFile() != null) {
            b.parameter("T", o.contentType());
        }
        if (o.cookie() != null) {
            b.parameter("C", o.cookie());
        }
        b.parameter("l", o.variableLength());
        b.parameter("threads", o.threads());
        if (o.rate() > 0) {
            b.parameter("rate", o.rate());
        }
        b.parameter("http11", o.http11());
    }
}
