package io.virtbench.oltp.report;

/** What an OLTP result and its metrics are called, by the workload, the report and the sysbench adapter alike. */
public final class OltpMetrics {
    public static final String WORKLOAD = "oltp";
    public static final String TPS = "transactions_per_second";
    public static final String QPS = "queries_per_second";
    public static final String TRANSACTIONS = "transactions";
    public static final String QUERIES = "queries";
    public static final String READS = "read_queries";
    public static final String WRITES = "write_queries";
    public static final String OTHER = "other_queries";
    public static final String IGNORED_ERRORS = "ignored_errors";
    public static final String IGNORED_ERRORS_PER_SECOND = "ignored_errors_per_second";
    public static final String RECONNECTS = "reconnects";
    public static final String RECONNECTS_PER_SECOND = "reconnects_per_second";
    /** CPU time of the whole client process (user + system) per transaction, in ms. */
    public static final String CLIENT_CPU = "client_cpu_ms_per_transaction";

    private OltpMetrics() {
    }
}
