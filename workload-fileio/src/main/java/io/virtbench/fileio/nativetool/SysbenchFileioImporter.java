package io.virtbench.fileio.nativetool;

import io.virtbench.core.sysbench.SysbenchImporter;

/** {@code virtbench import} of sysbench fileio text output: a thin adapter over {@link SysbenchFileio#parse}. */
public final class SysbenchFileioImporter extends SysbenchImporter {
    public SysbenchFileioImporter() {
        super("sysbench-fileio", "sysbench fileio text output (one or many runs)", SysbenchFileio::parse,
                "Extra file open flags:", "File operations:");
    }
}
