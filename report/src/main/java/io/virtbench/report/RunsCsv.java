package io.virtbench.report;

import io.virtbench.core.host.JvmFootprint;
import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Run;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --format runs}: a long-format ("tidy") CSV, one row per run and feature, with the
 * run's group, level, value, whether it is an outlier, where it came from, what virtbench's own JVM
 * cost (peak RSS, heap limit, CPU time; empty for imported runs), and every parameter
 * of every run as a column (empty where a run has none), ready for pandas and R.
 */
final class RunsCsv {
    static final List<String> FIXED = List.of("feature", "title", "platform", "detected_platform", "group", "sweep",
            "sweep_level", "value", "unit", "outlier", "workload", "test", "tool", "metric", "repetition", "source",
            "jvm_peak_rss_bytes", "jvm_max_heap_bytes", "jvm_cpu_seconds");

    private RunsCsv() {
    }

    static void print(Report r, PrintStream out) {
        Set<String> params = new TreeSet<>();
        for (FeatureResult fr : r.features()) {
            fr.runs().forEach(run -> params.addAll(run.result().parameters().keySet()));
        }
        List<String> head = new ArrayList<>(FIXED);
        params.forEach(p -> head.add("param_" + p));
        out.println(String.join(",", head.stream().map(CsvOutput::csv).toList()));
        for (FeatureResult fr : r.features()) {
            Feature f = fr.feature();
            for (Run run : fr.runs()) {
                List<String> row = new ArrayList<>(List.of(f.id(), f.title(), run.platform(), nz(run.detectedPlatform()),
                        nz(run.group()), nz(f.sweep()), nz(run.level()), Double.toString(run.value()), fr.unit(),
                        Boolean.toString(run.outlier()), run.result().workload(), nz(run.result().test()),
                        nz(run.result().tool()), f.metric(), Integer.toString(run.repetition()), nz(run.source())));
                JvmFootprint jvm = run.result().jvm();
                row.add(jvm == null ? "" : nz(jvm.peakRssBytes()));
                row.add(jvm == null ? "" : nz(jvm.maxHeapBytes()));
                row.add(jvm == null ? "" : nz(jvm.cpuSeconds()));
                for (String p : params) {
                    Object v = run.result().parameters().get(p);
                    row.add(v == null ? "" : Feature.text(v));
                }
                out.println(String.join(",", row.stream().map(CsvOutput::csv).toList()));
            }
        }
        out.flush();
    }

    private static String nz(Object s) {
        return s == null ? "" : s.toString();
    }
}
