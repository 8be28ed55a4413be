package io.virtbench.http.report;

import java.util.List;

/**
 * Metric names of the http workload, shared by virtbench's results and the parser of ab's
 * output, so the two compare name by name. Every figure of ab's report has one; the units are
 * ab's (its "Kbytes" are KiB: bytes / 1024).
 */
public final class AbMetrics {
    public static final String WORKLOAD = "http";

    /**
     * The concurrency level (ab's {@code -c}) under the name the report's study scheme sweeps
     * over; every http result, run or imported, carries it beside {@code c}.
     */
    public static final String CONCURRENCY = "concurrency";
    public static final String TIME_TAKEN = "time_taken_seconds";
    public static final String COMPLETE = "complete_requests";
    public static final String FAILED = "failed_requests";
    public static final String FAILED_CONNECT = "failed_connect";
    public static final String FAILED_RECEIVE = "failed_receive";
    public static final String FAILED_LENGTH = "failed_length";
    public static final String FAILED_EXCEPTIONS = "failed_exceptions";
    public static final String WRITE_ERRORS = "write_errors";
    public static final String NON_2XX = "non_2xx_responses";
    public static final String KEEP_ALIVE = "keep_alive_requests";
    public static final String DOCUMENT_LENGTH = "document_length_bytes";
    public static final String TOTAL_TRANSFERRED = "total_transferred_bytes";
    public static final String TOTAL_BODY_SENT = "total_body_sent_bytes";
    public static final String HTML_TRANSFERRED = "html_transferred_bytes";
    /** "Requests per second". */
    public static final String REQUESTS_PER_SECOND = "requests_per_second";
    /** "Time per request (mean)": the study's HTTP figure. */
    public static final String TIME_PER_REQUEST = "time_per_request_ms";
    /** "Time per request (mean, across all concurrent requests)". */
    public static final String TIME_PER_REQUEST_ALL = "time_per_request_all_ms";
    public static final String TRANSFER_RATE = "transfer_rate_kib_per_second";
    public static final String SENT_RATE = "sent_rate_kib_per_second";
    public static final String TOTAL_RATE = "total_rate_kib_per_second";

    /** The rows of the Connection Times table, as metric prefixes. */
    public static final List<String> ROWS = List.of("connect", "processing", "waiting", "total");
    /** ab's labels of those rows. */
    public static final List<String> ROW_LABELS = List.of("Connect:", "Processing:", "Waiting:", "Total:");
    /** What ab's warnings call those rows. */
    public static final List<String> ROW_WHAT = List.of("the initial connection time", "the processing time",
            "the waiting time", "the total time");

    /**
     * The result detail with ab's own SANE verdicts of an imported report (row → ERROR or WARNING),
     * which its reprint shows as they were: ab judged them on unrounded figures.
     */
    public static final String SANE_DETAIL = "ab_sane";

    private AbMetrics() {
    }

    /** {@code connect_min_ms}, {@code total_median_ms}...; stat is min, mean, sd, median or max. */
    public static String row(String row, String stat) {
        return row + "_" + stat + "_ms";
    }

    /** {@code served_p50_ms} .. {@code served_p100_ms}: the percentage table. */
    public static String served(int percent) {
        return "served_p" + percent + "_ms";
    }
}
