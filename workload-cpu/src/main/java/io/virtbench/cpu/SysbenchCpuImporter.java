package io.virtbench.cpu;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

/** {@code virtbench import} of sysbench cpu text output: a thin adapter over {@link SysbenchCpu#parse}. */
public final class SysbenchCpuImporter implements NativeImporter {

    @Override
    public String name() {
        return "sysbench-cpu";
    }

    @Override
    public String description() {
        return "sysbench cpu text output (one or many runs)";
    }

    /** A sysbench log whose first run is the cpu test ("Prime numbers limit" or "CPU speed:"). */
    @Override
    public boolean accepts(Path file, String head) {
        return (head.startsWith("sysbench ") || head.contains("\nsysbench ") || head.contains("(sysbench "))
                && (head.contains("Prime numbers limit:") || head.contains("CPU speed:"));
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchCpu.parse(source, text);
    }
}
