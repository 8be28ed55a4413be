package io.virtbench.fileio;

import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.Workload;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.AbstractWorkloadContractTest;
import io.virtbench.fileio.files.TestFiles;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The harness contract, on seqrewr (reads nothing, writes and fsyncs) over 4 small prepared files. */
class FileioContractTest extends AbstractWorkloadContractTest {
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path files;

    private FileioOptions options() {
        return FileioOptions.builder(files).fileNum(4).totalSize(1 << 20).mode(FileTestMode.SEQREWR).build();
    }

    @Override
    protected Workload newWorkload() {
        TestFiles.prepare(options(), NONE, false, StopSignal.never());
        return new FileioWorkload(options());
    }

    @Override
    protected RunResult toResult(Measurement m, RunSettings s) {
        return FileioBenchmark.result(options(), s, m, 1, Output.text(NONE, NONE), Map.of("filesystem_type", "test"));
    }
}
