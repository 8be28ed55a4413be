package io.virtbench.http.nativetool;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.http.report.AbMetrics;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code virtbench import} of ApacheBench text output (one or many runs one after another, as
 * the study's logs hold them): a thin adapter over {@link ApacheBench#parse}, the reader the
 * crosscheck uses, so imported runs carry the same workload ({@value AbMetrics#WORKLOAD}),
 * parameters ({@code c} and {@code concurrency}, {@code k}, {@code url}...) and metric names
 * ({@value AbMetrics#TIME_PER_REQUEST}...) as {@code virtbench http bench} results.
 */
public final class AbImporter implements NativeImporter {

    @Override
    public String name() {
        return "ab";
    }

    @Override
    public String description() {
        return "ApacheBench (ab) text output (one or many runs)";
    }

    /** ab's banner ("This is ApacheBench, Version"), or virtbench's ab-layout banner, at the start of a line. */
    @Override
    public boolean accepts(Path file, String head) {
        return head.startsWith("This is ApacheBench, Version ") || head.contains("\nThis is ApacheBench, Version ")
                || head.startsWith("virtbench (ApacheBench ") || head.contains("\nvirtbench (ApacheBench ");
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        return ApacheBench.parse(source, text);
    }
}
