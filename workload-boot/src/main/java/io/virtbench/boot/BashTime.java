package io.virtbench.boot;

import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of bash's {@code time} keyword, which is how the study measured boot time
 * ({@code time docker run --rm -d IMAGE /bin/bash}; for VMs and metal, {@code time} around
 * "start, then poll ping"): a blank line, then {@code real\t1m1.577s}, {@code user\t...},
 * {@code sys\t...} (bash's default TIMEFORMAT {@code \nreal\t%3lR\nuser\t%3lU\nsys\t%3lS}).
 * POSIX {@code time -p} output ({@code real 61.58}) reads too. Lines between blocks (a
 * container id that {@code docker run -d} printed, "Domain vm1 started") are kept as the
 * run's {@code output} detail.
 */
public final class BashTime {
    /** {@code real\t1m1.577s} (bash) or {@code real 61.58} (POSIX -p). */
    private static final Pattern LINE = Pattern.compile("^(real|user|sys)[ \\t]+(?:(\\d+)m)?(\\d+(?:\\.\\d*)?)s?\\s*$");
    private static final Pattern LOOSE = Pattern.compile("^(real|user|sys)[ \\t]+\\S.*$");

    private BashTime() {
    }

    /** True if {@code head} has a {@code real} line in either layout. */
    public static boolean looksLikeTimeOutput(String head) {
        for (String line : head.split("\n", 200)) {
            Matcher m = LINE.matcher(line.replace("\r", ""));
            if (m.matches() && m.group(1).equals("real")) {
                return true;
            }
        }
        return false;
    }

    /** Bash's %3lR layout: whole minutes, then seconds with three decimals, truncated as bash does. */
    public static String format(double seconds) {
        long ms = (long) Math.floor(Math.max(0, seconds) * 1000 + 1e-6);
        return String.format(Locale.ROOT, "%dm%d.%03ds", ms / 60000, (ms / 1000) % 60, ms % 1000);
    }

    /** Every {@code real} line starts a run; its {@code user} and {@code sys} lines follow. */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<RunResult> out = new ArrayList<>();
        RunResult.Builder current = null;
        StringBuilder output = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                if (LOOSE.matcher(line).matches()) {
                    throw new NativeParseException("'" + line.strip() + "' is not a time like 1m1.577s", i + 1);
                }
                if (!line.isBlank()) {
                    output.append(output.length() > 0 ? "\n" : "").append(line.strip());
                }
                continue;
            }
            double seconds = (m.group(2) != null ? Long.parseLong(m.group(2)) * 60 : 0) + Double.parseDouble(m.group(3));
            switch (m.group(1)) {
                case "real" -> {
                    if (current != null) {
                        out.add(current.build());
                    }
                    current = RunResult.builder(BootBenchmark.WORKLOAD)
                            .tool("bash-time")
                            .repetition(out.size() + 1)
                            .source(source + ":" + (i + 1))
                            .lower(BootBenchmark.BOOT_TIME, seconds, "s");
                    if (output.length() > 0) {
                        current.detail("output", output.toString());
                        output.setLength(0);
                    }
                }
                case "user" -> require(current, line, i).info("user_seconds", seconds, "s");
                default -> require(current, line, i).info("sys_seconds", seconds, "s");
            }
        }
        if (current != null) {
            out.add(current.build());
        }
        if (out.isEmpty()) {
            throw new NativeParseException("no bash time output (no line like 'real\t0m5.111s')", 1);
        }
        return out;
    }

    private static RunResult.Builder require(RunResult.Builder b, String line, int i) throws NativeParseException {
        if (b == null) {
            throw new NativeParseException("'" + line.strip() + "' before any 'real' line", i + 1);
        }
        return b;
    }
}
