package io.virtbench.net.nativetool;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code virtbench import} of iperf3's plain text output (client or server, one test after
 * another; also what {@code virtbench net} prints), a thin adapter over {@link Iperf3Text#parse}
 * giving the same workload, parameters and metric names as the {@code -J} importer.
 */
public final class Iperf3TextImporter implements NativeImporter {

    @Override
    public String name() {
        return "iperf3-text";
    }

    @Override
    public String description() {
        return "iperf3 text output without -J (client or server; rates rounded as iperf3 prints them)";
    }

    @Override
    public boolean accepts(Path file, String head) {
        return Iperf3Text.looksLike(head);
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        return Iperf3Text.parse(source, text);
    }
}
