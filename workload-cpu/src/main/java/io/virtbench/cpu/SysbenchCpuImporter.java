package io.virtbench.cpu;

import io.virtbench.core.sysbench.SysbenchImporter;

/** {@code virtbench import} of sysbench cpu text output: a thin adapter over {@link SysbenchCpu#parse}. */
public final class SysbenchCpuImporter extends SysbenchImporter {
    public SysbenchCpuImporter() {
        super("sysbench-cpu", "sysbench cpu text output (one or many runs)", SysbenchCpu::parse,
                "Prime numbers limit:", "CPU speed:");
    }
}
