package io.virtbench.report;

import io.virtbench.core.result.Metric;
import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What makes two runs of a feature comparable: the parameters that change what is measured
 * (threads, O_DIRECT, direction, rate, datagram size, keep-alive, tables...). Runs are pooled
 * only when these agree; the feature's sweep parameter and its {@code where} parameters are
 * left out (the first is averaged on purpose, the second is fixed by the scheme). Parameters
 * that only say where a run went (host, port, url) are never part of the key.
 *
 * @param values parameter name → value as text ("-" when the run does not say), sorted by name
 */
record ComparisonKey(Map<String, String> values) {

    /** Per workload, the parameters that change the figure (by the results' parameter names). */
    private static final Map<String, List<String>> MEASURED = Map.of(
            "cpu", List.of("threads", "cpu-max-prime"),
            "fileio", List.of("threads", "file-extra-flags", "file-io-mode", "file-block-size", "file-num", "file-total-size",
                    "file-fsync-freq", "file-fsync-all", "file-fsync-end", "file-rw-ratio", "file-merged-requests"),
            "net", List.of("reverse", "bidir", "parallel", "length", "bitrate"),
            "oltp", List.of("threads", "tables", "table-size", "range-selects", "db-ps-mode", "skip-trx", "point-selects",
                    "simple-ranges", "sum-ranges", "order-ranges", "distinct-ranges", "index-updates", "non-index-updates",
                    "delete-inserts", "range-size"),
            "http", List.of("k", "method", "concurrency", "load-generator"),
            "micro", List.of("threads"),
            "memory", List.of("threads", "memory-block-size", "memory-scope", "memory-access-mode"),
            "threads", List.of("threads", "thread-yields", "thread-locks"),
            "mutex", List.of("threads", "mutex-num", "mutex-locks", "mutex-loops"),
            "net-latency", List.of("msg-size", "mps"));

    /**
     * What a run that does not name a parameter ran with: the native tools' defaults, so that a
     * log that omits one compares with a result that states it.
     */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("threads", "1"), Map.entry("cpu-max-prime", "10000"), Map.entry("file-extra-flags", "none"),
            Map.entry("reverse", "false"), Map.entry("bidir", "false"), Map.entry("parallel", "1"),
            Map.entry("k", "false"), Map.entry("method", "GET"), Map.entry("load-generator", "ab"),
            Map.entry("range-selects", "on"), Map.entry("skip-trx", "off"),
            Map.entry("memory-block-size", "1024"), Map.entry("memory-scope", "global"), Map.entry("memory-access-mode", "seq"),
            Map.entry("thread-yields", "1000"), Map.entry("thread-locks", "8"),
            Map.entry("mutex-num", "4096"), Map.entry("mutex-locks", "50000"), Map.entry("mutex-loops", "10000"),
            Map.entry("msg-size", "14"), Map.entry("mps", "max"));

    /** Units of metrics that count what happened in one run, so a run's duration changes them. */
    private static final Set<String> COUNT_UNITS = Set.of("transactions", "queries", "events", "requests", "bytes");

    static ComparisonKey of(Feature f, RunResult r) {
        Map<String, String> v = new TreeMap<>();
        for (String p : MEASURED.getOrDefault(f.workload(), List.of())) {
            if (p.equals(f.sweep()) || f.where().containsKey(p)) {
                continue;
            }
            Object x = r.parameters().get(p);
            String t = x == null ? DEFAULTS.getOrDefault(p, "-")
                    : x instanceof List<?> l ? String.join(",", l.stream().map(Feature::text).toList()) : Feature.text(x);
            v.put(p, t.isBlank() ? "none" : t);
        }
        return new ComparisonKey(v);
    }

    /** True if the feature's metric in {@code r} is a count per run (transactions, events), not a rate. */
    static boolean isCount(Feature f, RunResult r) {
        Metric m = r.metric(f.metric()).orElse(null);
        if (m == null || f.metric().contains("per_second")) {
            return false;
        }
        return COUNT_UNITS.contains(m.unit() == null ? "" : m.unit().strip()) || COUNT_UNITS.contains(f.metric());
    }

    /** The run's duration in seconds (its {@code time} parameter), or null. */
    static Double duration(RunResult r) {
        Object t = r.parameters().get("time");
        return t instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : null;
    }

    /** The names whose values differ among {@code keys}, in name order. */
    static List<String> differing(Collection<ComparisonKey> keys) {
        Set<String> names = new TreeSet<>();
        keys.forEach(k -> names.addAll(k.values.keySet()));
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (keys.stream().map(k -> k.values.getOrDefault(n, "-")).distinct().count() > 1) {
                out.add(n);
            }
        }
        return out;
    }

    /** "threads=2, file-extra-flags=direct": this key's values of {@code names}. */
    String label(List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            parts.add(n + "=" + values.getOrDefault(n, "-"));
        }
        return String.join(", ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComparisonKey k && Objects.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
