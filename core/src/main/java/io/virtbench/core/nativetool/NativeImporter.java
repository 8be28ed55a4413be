package io.virtbench.core.nativetool;

import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Reads one kind of native-tool output (sysbench cpu text, iperf3 {@code -J} JSON, ab text, bash
 * {@code time} output...) into virtbench results. Each workload module that has a parser offers
 * it as an importer, listed in {@code META-INF/services/io.virtbench.core.nativetool.NativeImporter};
 * {@code virtbench import} finds them all with {@link ServiceLoader}, so a new parser plugs in
 * without changing the import command.
 */
public interface NativeImporter {

    /** How much of a file's beginning {@link #accepts} is shown (characters). */
    int HEAD_CHARS = 64 * 1024;

    /** A short unique name, e.g. {@code sysbench-cpu}, {@code iperf3-json}, {@code bash-time}. */
    String name();

    /** What this importer reads, in a few words (listed by {@code virtbench import --list}). */
    String description();

    /**
     * True if this importer reads {@code file}, judged from its content: {@code head} is the
     * file's first {@link #HEAD_CHARS} characters. The name may help but must not be required
     * (a user may have renamed the log).
     */
    boolean accepts(Path file, String head);

    /**
     * Every run in {@code text}, in order. {@code source} names the file; each result's
     * {@link RunResult#source()} should be {@code source:line} of the run's first line.
     *
     * @throws NativeParseException naming the 1-based line where reading failed
     */
    List<RunResult> parse(String source, String text) throws NativeParseException;

    /** Every importer on the class path, sorted by name. */
    static List<NativeImporter> installed() {
        List<NativeImporter> out = new ArrayList<>();
        ServiceLoader.load(NativeImporter.class, NativeImporter.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparing(NativeImporter::name));
        return List.copyOf(out);
    }
}
