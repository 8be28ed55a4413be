package io.virtbench.oltp.nativetool;

import io.virtbench.core.sysbench.SysbenchImporter;

/** {@code virtbench import} of sysbench OLTP text output: a thin adapter over {@link SysbenchOltp#parse}. */
public final class SysbenchOltpImporter extends SysbenchImporter {
    public SysbenchOltpImporter() {
        super("sysbench-oltp", "sysbench oltp_read_only/oltp_write_only/oltp_read_write text output (one or many runs)", SysbenchOltp::parse,
                "SQL statistics:");
    }
}
