package io.virtbench.oltp;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

/** {@code virtbench import} of sysbench OLTP text output: a thin adapter over {@link SysbenchOltp#parse}. */
public final class SysbenchOltpImporter implements NativeImporter {

    @Override
    public String name() {
        return "sysbench-oltp";
    }

    @Override
    public String description() {
        return "sysbench oltp_read_only/oltp_write_only/oltp_read_write text output (one or many runs)";
    }

    /** A sysbench log whose first run reports "SQL statistics:". */
    @Override
    public boolean accepts(Path file, String head) {
        return (head.startsWith("sysbench ") || head.contains("\nsysbench ") || head.contains("(sysbench "))
                && head.contains("SQL statistics:");
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchOltp.parse(source, text);
    }
}
