package io.virtbench.core.sysbench;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * {@code virtbench import} of one sysbench test's text output: a file that looks like sysbench
 * output and contains one of the test's marker lines, read by the test's parser.
 */
public abstract class SysbenchImporter implements NativeImporter {

    /** A sysbench test's log parser, e.g. {@code SysbenchCpu::parse}. */
    public interface LogParser {
        List<RunResult> parse(String source, String text) throws NativeParseException;
    }

    private final String name;
    private final String description;
    private final LogParser parser;
    private final BiPredicate<Path, String> recognizes;

    /** Reads logs that contain one of {@code markers} (the test's own report lines). */
    protected SysbenchImporter(String name, String description, LogParser parser, String... markers) {
        this(name, description, parser, (file, head) -> List.of(markers).stream().anyMatch(head::contains));
    }

    /** Reads the logs {@code recognizes} accepts (given the file and its head), for tests without lines of their own. */
    protected SysbenchImporter(String name, String description, LogParser parser, BiPredicate<Path, String> recognizes) {
        this.name = name;
        this.description = description;
        this.parser = parser;
        this.recognizes = recognizes;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** sysbench's banner (or virtbench's "(sysbench ...compatible)" one), and the test's own recognition. */
    @Override
    public final boolean accepts(Path file, String head) {
        return (head.startsWith("sysbench ") || head.contains("\nsysbench ") || head.contains("(sysbench "))
                && recognizes.test(file, head);
    }

    @Override
    public final List<RunResult> parse(String source, String text) throws NativeParseException {
        return parser.parse(source, text);
    }
}
