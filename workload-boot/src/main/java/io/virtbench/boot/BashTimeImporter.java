package io.virtbench.boot;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

/** {@code virtbench import} of bash {@code time} output, read as boot times: an adapter over {@link BashTime}. */
public final class BashTimeImporter implements NativeImporter {
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
