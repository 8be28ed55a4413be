package io.virtbench.net.nativetool;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code virtbench import} of iperf3 {@code -J} output: a thin adapter over {@link Iperf3Json#parse},
 * the same reader virtbench's own net client uses, so imported and virtbench results carry the
 * same workload ({@value Iperf3Json#WORKLOAD}), test ({@code tcp}/{@code udp}), parameters
 * ({@code role=client}/{@code server}...) and metric names. Reads a client's JSON array, a
 * server's objects one after another, and single objects, as iperf3 3.7 to 3.12 write them.
 */
public final class Iperf3Importer implements NativeImporter {
    /** iperf3's {@code "version": "iperf 3.9"} (tabs or spaces), or virtbench's own JSON. */
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"(?:iperf |virtbench)");

    @Override
    public String name() {
        return "iperf3-json";
    }

    @Override
    public String description() {
        return "iperf3 -J JSON (client arrays, server logs of concatenated objects; iperf3 3.7-3.12)";
    }

    /** JSON (an object or an array) whose first test has iperf3's {@code "start"} with its version or {@code "test_start"}. */
    @Override
    public boolean accepts(Path file, String head) {
        String t = head.stripLeading();
        return (t.startsWith("{") || t.startsWith("["))
                && t.contains("\"start\"")
                && (t.contains("\"test_start\"") || VERSION.matcher(t).find());
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        return Iperf3Json.parse(source, text);
    }
}
