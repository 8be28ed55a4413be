package io.virtbench.boot;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

/** The {@code virtbench import} adapters for timings: bash {@code time} output (boot) and the pipeline CSV. */
public final class TimedImporters {
    private TimedImporters() {
    }

    /** bash {@code time} output, read as boot times. */
    public static final class BootTime implements NativeImporter {
        @Override
        public String name() {
            return "bash-time";
        }

        @Override
        public String description() {
            return "bash 'time' output (real/user/sys), read as boot times";
        }

        @Override
        public boolean accepts(Path file, String head) {
            return BashTime.looksLikeTimeOutput(head);
        }

        @Override
        public List<RunResult> parse(String source, String text) throws NativeParseException {
            return BashTime.parse(source, text);
        }
    }

    /** The study's pipeline CSV (platform,time_seconds). */
    public static final class Pipeline implements NativeImporter {
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
}
