package io.virtbench.memory;

import io.virtbench.core.sysbench.SysbenchImporter;

/** {@code virtbench import} of sysbench memory text output: a thin adapter over {@link SysbenchMemory#parse}. */
public final class SysbenchMemoryImporter extends SysbenchImporter {
    public SysbenchMemoryImporter() {
        super("sysbench-memory", "sysbench memory text output (one or many runs)", SysbenchMemory::parse,
                "Running memory speed test with the following options:", "MiB transferred (");
    }
}
