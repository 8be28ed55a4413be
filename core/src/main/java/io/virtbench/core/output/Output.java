package io.virtbench.core.output;

import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.host.HostInfo;
import io.virtbench.core.host.HostProbe;
import io.virtbench.core.result.ResultFiles;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where one command's output goes: the format, the two streams, the result directory
 * ({@code --out}), the platform label and the stop signal (Ctrl-C).
 *
 * <p>With {@code --format text} the native tool's report layout goes to standard output as the
 * run progresses. With json or csv, standard output carries only that format; progress and
 * interval lines go to standard error.
 */
public final class Output {
    private final OutputFormat format;
    private final PrintStream out;
    private final PrintStream err;
    private final Path outDir;
    private final String platform;
    private final StopSignal stop;
    private HostInfo host;

    public Output(OutputFormat format, PrintStream out, PrintStream err, Path outDir, String platform, StopSignal stop) {
        this.format = format;
        this.out = out;
        this.err = err;
        if (outDir != null) {
            ResultFiles.requireWritableDir("--out", outDir);
        }
        this.outDir = outDir;
        this.platform = platform;
        this.stop = stop;
    }

    /** Text to standard output, nothing written to disk: for tests and embedding. */
    public static Output text(PrintStream out, PrintStream err) {
        return new Output(OutputFormat.TEXT, out, err, null, null, StopSignal.never());
    }

    public OutputFormat format() {
        return format;
    }

    public boolean text() {
        return format == OutputFormat.TEXT;
    }

    /** Standard output. */
    public PrintStream out() {
        return out;
    }

    /** Standard error. */
    public PrintStream err() {
        return err;
    }

    /** Where the native-style report lines go as they happen: stdout for text, stderr otherwise. */
    public PrintStream live() {
        return text() ? out : err;
    }

    public Path outDir() {
        return outDir;
    }

    public String platform() {
        return platform;
    }

    public StopSignal stop() {
        return stop;
    }

    /** This machine, probed once per command. */
    public synchronized HostInfo host() {
        if (host == null) {
            host = HostProbe.probe(platform);
        }
        return host;
    }

    /** Replaces the probed host information (the report and import commands, tests). */
    public synchronized void host(HostInfo h) {
        this.host = h;
    }
}
