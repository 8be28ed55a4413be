package io.virtbench.http.nativetool;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

/** {@code virtbench import} of wrk's text output: a thin adapter over {@link Wrk#parse}. */
public final class WrkImporter implements NativeImporter {

    @Override
    public String name() {
        return "wrk";
    }

    @Override
    public String description() {
        return "wrk text output (one or many runs; --latency percentiles when present)";
    }

    @Override
    public boolean accepts(Path file, String head) {
        return Wrk.looksLike(head);
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        return Wrk.parse(source, text);
    }
}
