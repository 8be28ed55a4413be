package io.virtbench.core.sysbench;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;

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
    private final List<String> markers;

    protected SysbenchImporter(String name, String description, LogParser parser, String... markers) {
        this.name = name;
        this.description = description;
        this.parser = parser;
        this.markers = List.of(markers);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** sysbench's banner (or virtbench's "(sysbench ...compatible)" one) and one of the markers. */
    @Override
    public final boolean accepts(Path file, String head) {
        return (head.startsWith("sysbench ") || head.contains("\nsysbench ") || head.contains("(sysbench "))
                && markers.stream().anyMatch(head::contains);
    }

    @Override
    public final List<RunResult> parse(String source, String text) throws NativeParseException {
        return parser.parse(source, text);
    }
}
