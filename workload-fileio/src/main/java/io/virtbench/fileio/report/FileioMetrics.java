package io.virtbench.fileio.report;

import io.virtbench.fileio.options.FileTestMode;

/** What a fileio result and its metrics are called, by the workload, the report and the sysbench adapter alike. */
public final class FileioMetrics {
    public static final String WORKLOAD = "fileio";
    public static final String READS_PER_SECOND = "reads_per_second";
    public static final String WRITES_PER_SECOND = "writes_per_second";
    public static final String FSYNCS_PER_SECOND = "fsyncs_per_second";
    public static final String READ_MIB_PER_SECOND = "read_mib_per_second";
    public static final String WRITTEN_MIB_PER_SECOND = "written_mib_per_second";

    private FileioMetrics() {
    }

    /** The throughput metric a crosscheck compares: read MiB/s for modes that read, written MiB/s otherwise. */
    public static String mainMetric(FileTestMode mode) {
        return switch (mode) {
            case SEQRD, RNDRD, RNDRW -> READ_MIB_PER_SECOND;
            case SEQWR, SEQREWR, RNDWR -> WRITTEN_MIB_PER_SECOND;
        };
    }
}
