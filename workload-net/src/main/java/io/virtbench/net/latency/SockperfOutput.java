package io.virtbench.net.latency;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sockperf ping-pong's client summary (3.7; also what {@code virtbench net latency}
 * prints) into results with {@link LatencyMetrics}' names; {@code virtbench import} finds it as
 * the {@code sockperf} importer. A run is the lines from {@code [Valid Duration]} to
 * {@code <MIN> observation}; the protocol comes from the {@code IP = ... # UDP} line before it.
 */
public final class SockperfOutput implements NativeImporter {
    private static final Pattern COLOR = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final Pattern VERSION = Pattern.compile("== version #(\\S+)");
    private static final Pattern PROTOCOL = Pattern.compile("IP = \\S+\\s+PORT =\\s*\\d+ # (UDP|TCP)");
    private static final Pattern VALID = Pattern.compile(
            "\\[Valid Duration\\] RunTime=([0-9.]+) sec; SentMessages=(\\d+); ReceivedMessages=(\\d+)");
    private static final Pattern AVG = Pattern.compile("====> avg-(latency|rtt)=([0-9.]+) \\(std-dev=([0-9.]+)\\)");
    private static final Pattern ORDER = Pattern.compile("# out-of-order messages = (\\d+)");
    private static final Pattern OBS = Pattern.compile("---> <(MAX|MIN)> observation =\\s*([0-9.]+)");
    private static final Pattern PCT = Pattern.compile("---> percentile\\s+([0-9.]+) =\\s*([0-9.]+)");

    @Override
    public String name() {
        return "sockperf";
    }

    @Override
    public String description() {
        return "sockperf ping-pong client output (latency summary and percentiles)";
    }

    @Override
    public boolean accepts(Path file, String head) {
        return head.contains("[Valid Duration] RunTime=") && head.contains("observation");
    }

    @Override
    public List<RunResult> parse(String source, String text) throws NativeParseException {
        String[] lines = COLOR.matcher(text).replaceAll("").split("\n", -1);
        List<RunResult> runs = new ArrayList<>();
        String version = null;
        boolean tcp = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher v = VERSION.matcher(lines[i]);
            if (v.find()) {
                version = v.group(1);
            }
            Matcher p = PROTOCOL.matcher(lines[i]);
            if (p.find()) {
                tcp = p.group(1).equals("TCP");
            }
            if (VALID.matcher(lines[i]).find()) {
                int[] next = {i};
                runs.add(run(source, lines, next, version, tcp));
                i = next[0];
            }
        }
        if (runs.isEmpty()) {
            throw new NativeParseException("no sockperf ping-pong summary ('[Valid Duration]' line) found", 0);
        }
        return runs;
    }

    private static RunResult run(String source, String[] lines, int[] at, String version, boolean tcp)
            throws NativeParseException {
        int first = at[0];
        Matcher valid = VALID.matcher(lines[first]);
        valid.find();
        double avg = Double.NaN;
        double std = 0;
        Boolean fullRtt = null;
        long ooo = 0;
        double max = Double.NaN;
        double min = Double.NaN;
        double[] pct = new double[LatencyMetrics.PERCENTILES.length];
        int found = 0;
        int i = first + 1;
        for (; i < lines.length && Double.isNaN(min); i++) {
            Matcher m;
            if ((m = AVG.matcher(lines[i])).find()) {
                fullRtt = m.group(1).equals("rtt");
                avg = Double.parseDouble(m.group(2));
                std = Double.parseDouble(m.group(3));
            } else if ((m = ORDER.matcher(lines[i])).find()) {
                ooo = Long.parseLong(m.group(1));
            } else if ((m = OBS.matcher(lines[i])).find()) {
                double x = Double.parseDouble(m.group(2));
                if (m.group(1).equals("MAX")) {
                    max = x;
                } else {
                    min = x;
                }
            } else if ((m = PCT.matcher(lines[i])).find()) {
                double p = Double.parseDouble(m.group(1));
                for (int k = 0; k < pct.length; k++) {
                    if (Math.abs(LatencyMetrics.PERCENTILES[k] - p) < 1e-6) {
                        pct[k] = Double.parseDouble(m.group(2));
                        found |= 1 << k;
                    }
                }
            }
        }
        at[0] = i - 1;
        if (fullRtt == null || Double.isNaN(max) || Double.isNaN(min)) {
            throw new NativeParseException("sockperf summary incomplete: no avg-latency, <MAX> or <MIN> line after it",
                    first + 1);
        }
        fillMissing(pct, found, min);
        LatencyMetrics.Figures f = new LatencyMetrics.Figures(Double.parseDouble(valid.group(1)),
                Long.parseLong(valid.group(2)), Long.parseLong(valid.group(3)), avg, std, min, max, pct, ooo);
        RunResult.Builder b = RunResult.builder(LatencyMetrics.WORKLOAD)
                .test(tcp ? "tcp" : "udp")
                .tool("sockperf")
                .toolVersion(version)
                .repetition(0)
                .parameter("tcp", tcp)
                .parameter("full-rtt", fullRtt)
                .source(source + ":" + (first + 1));
        LatencyMetrics.addTo(b, f, fullRtt);
        return b.build();
    }

    /**
     * sockperf leaves out a percentile whose rank is below the first observation (few
     * observations): it is the smallest one, as sockperf's rank rule would give.
     */
    private static void fillMissing(double[] pct, int found, double min) {
        for (int k = 0; k < pct.length; k++) {
            if ((found & (1 << k)) == 0) {
                pct[k] = min;
            }
        }
    }
}
