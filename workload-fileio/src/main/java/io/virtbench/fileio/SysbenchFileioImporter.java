package io.virtbench.fileio;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

/** {@code virtbench import} of sysbench fileio text output: a thin adapter over {@link SysbenchFileio#parse}. */
public final class SysbenchFileioImporter implements NativeImporter {

    @Override
    public String name() {
        return "sysbench-fileio";
    }

    @Override
    public String description() {
        return "sysbench fileio text output (one or many runs)";
    }

    /** A sysbench log of the fileio test ("Extra file open flags:" in its mode lines, or "File operations:"). */
    @Override
    public boolean accepts(Path file, String head) {
        return (head.startsWith("sysbench ") || head.contains("\nsysbench ") || head.contains("(sysbench "))
                && (head.contains("Extra file open flags:") || head.contains("File operations:"));
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchFileio.parse(source, text);
    }
}
