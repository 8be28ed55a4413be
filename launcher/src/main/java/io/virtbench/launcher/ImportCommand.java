package io.virtbench.launcher;

import io.virtbench.core.UserException;
import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.report.NativeImport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read native tools' output (sysbench, iperf3 -J, sockperf, ab, bash time, the pipeline CSV) into virtbench "
                + "result files, one per run.",
                "The platform comes from --platform, else from the file (the pipeline CSV names it per row), else from "
                        + "the file name (metal, vm=kvm, docker, docker-gvisor=gvisor, firecracker)."})
final class ImportCommand implements Callable<Integer> {
    private final Streams streams;

    ImportCommand(Streams streams) {
        this.streams = streams;
    }

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "native logs, or directories of them (searched recursively)")
    List<Path> files;

    @Option(names = "--platform", paramLabel = "LABEL", description = "platform of every run read (overrides the file name)")
    String platform;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "directory for the result files")
    Path out;

    @Option(names = "--list", description = "list the installed importers and exit")
    boolean list;

    @Override
    public Integer call() {
        NativeImport imp = NativeImport.installed(streams.out(), streams.err());
        if (list) {
            for (NativeImporter i : imp.importers()) {
                streams.out().printf("%-16s %s%n", i.name(), i.description());
            }
            return 0;
        }
        if (files == null || files.isEmpty()) {
            throw UserException.usage("give the native logs to import (FILE...)");
        }
        return imp.run(files, platform, out).failed() > 0 ? UserException.FAILURE : 0;
    }
}
