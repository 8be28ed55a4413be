package io.virtbench.pipeline;

import io.virtbench.core.host.HostInfo;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study's pipeline turnover times: a CSV with a header naming at least {@code platform} and
 * {@code time_seconds} (paper-logs/pipeline-benchmark/results.csv), one row per GitLab CI job
 * run (compile, unit tests, coverage, static analysis of a small C++ library). Each row is one
 * result of workload {@code pipeline} with the metric {@link PipelineBenchmark#TURNOVER}, as
 * {@code virtbench pipeline} measures it, its platform taken from the row.
 */
public final class PipelineCsv {

    private PipelineCsv() {
    }

    /** True if the first non-blank line is a header with platform and time_seconds columns. */
    public static boolean looksLikePipelineCsv(String head) {
        for (String line : head.split("\n", 50)) {
            if (!line.isBlank()) {
                List<String> cols = columns(line);
                return cols.contains("platform") && cols.contains("time_seconds");
            }
        }
        return false;
    }

    private static List<String> columns(String header) {
        List<String> out = new ArrayList<>();
        for (String c : header.strip().split(",", -1)) {
            out.add(c.strip().replace("\"", "").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new NativeParseException("empty file: expected a header 'platform,time_seconds'", 1);
        }
        List<String> header = columns(lines[first]);
        int platformCol = header.indexOf("platform");
        int timeCol = header.indexOf("time_seconds");
        if (platformCol < 0 || timeCol < 0) {
            throw new NativeParseException("the header must name the columns platform and time_seconds, not '"
                    + lines[first].strip() + "'", first + 1);
        }
        Map<String, Integer> perPlatform = new HashMap<>();
        List<RunResult> out = new ArrayList<>();
        for (int i = first + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",", -1);
            if (f.length != header.size()) {
                throw new NativeParseException("expected " + header.size() + " columns, found " + f.length, i + 1);
            }
            String platform = f[platformCol].strip().replace("\"", "");
            double seconds;
            try {
                seconds = Double.parseDouble(f[timeCol].strip());
            } catch (NumberFormatException e) {
                throw new NativeParseException("time_seconds is not a number: '" + f[timeCol].strip() + "'", i + 1);
            }
            if (platform.isEmpty()) {
                throw new NativeParseException("the platform column is empty", i + 1);
            }
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new NativeParseException("time_seconds must be a non-negative number: '" + f[timeCol].strip() + "'", i + 1);
            }
            int rep = perPlatform.merge(platform, 1, Integer::sum);
            out.add(RunResult.builder(PipelineBenchmark.WORKLOAD)
                    .tool("pipeline-csv")
                    .repetition(rep)
                    .source(source + ":" + (i + 1))
                    .lower(PipelineBenchmark.TURNOVER, seconds, "s")
                    .host(labelOnly(platform))
                    .build());
        }
        if (out.isEmpty()) {
            throw new NativeParseException("no rows after the header", first + 1);
        }
        return out;
    }

    /** Host information that says only which platform the row belongs to. */
    static HostInfo labelOnly(String platform) {
        return new HostInfo(platform, null, null, null, null, null, null, 0, 0, 0, null, null, null, null, null, List.of());
    }
}
