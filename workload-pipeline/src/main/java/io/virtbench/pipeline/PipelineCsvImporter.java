package io.virtbench.pipeline;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

/** {@code virtbench import} of the study's pipeline CSV (platform,time_seconds): an adapter over {@link PipelineCsv}. */
public final class PipelineCsvImporter implements NativeImporter {
    @Override
    public String name() {
        return "pipeline-csv";
    }

    @Override
    public String description() {
        return "CSV of pipeline turnover times with columns platform,time_seconds";
    }

    @Override
    public boolean accepts(Path file, String head) {
        return PipelineCsv.looksLikePipelineCsv(head);
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        return PipelineCsv.parse(source, text);
    }
}
