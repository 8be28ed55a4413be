package io.virtbench.launcher;

import io.virtbench.suite.platform.Bundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"virtbench for a machine without Java: a runtime linked with jlink from this JDK (only the modules",
                "virtbench uses), the jar and bin/virtbench, as a directory or a .tar.gz (top directory virtbench/).",
                "Runs on x86-64 glibc Linux: DIR/bin/virtbench sysinfo."})
final class BundleCommand implements Callable<Integer> {
    private final Streams streams;

    BundleCommand(Streams streams) {
        this.streams = streams;
    }

    @Option(names = "--out", paramLabel = "DIR|FILE.tar.gz", required = true,
            description = "a new (or empty) directory, or a file ending in .tar.gz")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path written = Bundle.write(out, Path.of(System.getProperty("java.home")), Jars.running(), streams.out());
        String run = written.toString().endsWith("gz") ? "tar -xzf " + written.getFileName() + " && virtbench/bin/virtbench sysinfo"
                : written.resolve("bin/virtbench") + " sysinfo";
        streams.out().println("virtbench bundle: " + written + " (run: " + run + ")");
        return 0;
    }
}
