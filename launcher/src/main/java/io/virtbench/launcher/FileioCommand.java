package io.virtbench.launcher;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.Repetitions;
import io.virtbench.fileio.FileioBenchmark;
import io.virtbench.fileio.options.FileioOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "fileio", mixinStandardHelpOptions = true,
        description = {"sysbench 1.0.20's fileio test. prepare creates test_file.0 .. test_file.N-1 in --dir;",
                "run reads, writes and fsyncs them (--file-test-mode); cleanup removes them.",
                "Equivalent: cd DIR && sysbench fileio --file-test-mode=seqrd run (and prepare, cleanup)"})
final class FileioCommand implements Callable<Integer> {
    private final Streams streams;

    FileioCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(index = "0", paramLabel = "COMMAND", description = "prepare, run or cleanup")
    String command;

    @Mixin
    FileioOptionsMixin file;

    @Mixin
    RunOptions run;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        switch (command) {
            case "prepare" -> {
                FileioOptions options = file.options(false);
                return FileioBenchmark.prepare(options, output.open(streams));
            }
            case "cleanup" -> {
                FileioOptions options = file.options(false);
                return FileioBenchmark.cleanup(options, output.open(streams));
            }
            case "run" -> {
                FileioOptions options = file.options(true);
                RunSettings settings = run.settings();
                Output o = output.open(streams);
                return Repetitions.run(o, output.repeat, 0, rep -> FileioBenchmark.run(options, settings, o, rep)).exitCode();
            }
            default -> throw UserException.usage("unknown command '" + command + "' for fileio (expected prepare, run or cleanup)");
        }
    }
}
