package io.virtbench.core.result;

import io.virtbench.core.Secrets;
import io.virtbench.core.host.HostInfo;
import io.virtbench.core.host.JvmFootprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one run, whether virtbench measured it or it was imported from a native tool's
 * output. Immutable; written to and read from JSON by {@link ResultFiles}.
 *
 * @param schema        {@link #SCHEMA}
 * @param workload      cpu, fileio, net, oltp, http, boot, pipeline
 * @param test          the workload's variant (fileio mode, oltp script, tcp/udp), or null
 * @param tool          "virtbench", or the native tool that produced an imported result
 * @param toolVersion   the tool's version
 * @param repetition    1-based number of this run within {@code --repeat}, 0 when unknown
 * @param status        how the run ended
 * @param message       why it did not complete, or null
 * @param start         when measuring started, or null when unknown
 * @param end           when the run ended, or null when unknown
 * @param parameters    every parameter of the run, by its command-line name (without dashes)
 * @param nativeCommand the equivalent native command line
 * @param metrics       the figures, in the order the native tool prints them
 * @param latency       latency summary, or null when the workload has none
 * @param intendedLatency with a target rate: latency from the intended start (coordinated omission corrected)
 * @param fairness      sysbench's threads fairness, or null
 * @param intervals     interval reports, in order
 * @param errors        errors by class (exception class, SQL error code, ab failure kind...)
 * @param details       workload-specific facts (file system, whether O_DIRECT was honoured...)
 * @param host          where it ran
 * @param source        for imported results: file name and first line of the run; otherwise null
 * @param jvm           what virtbench's own JVM cost when the run ended (memory, CPU time); null for imported results
 */
public record RunResult(String schema, String workload, String test, String tool, String toolVersion,
                        int repetition, RunStatus status, String message, Instant start, Instant end,
                        Map<String, Object> parameters, String nativeCommand, List<Metric> metrics,
                        LatencySummary latency, LatencySummary intendedLatency, Fairness fairness,
                        List<Interval> intervals, Map<String, Long> errors, Map<String, Object> details,
                        HostInfo host, String source, JvmFootprint jvm) {

    public static final String SCHEMA = "virtbench-result/1";

    public RunResult {
        // a result is stored and printed: no password of a URL, command line or parameter reaches it
        message = Secrets.mask(message);
        nativeCommand = Secrets.mask(nativeCommand);
        source = Secrets.mask(source);
        parameters = normalize(maskParameters(parameters));
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
        errors = errors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        details = normalize(details);
    }

    private static Map<String, Object> maskParameters(Map<String, Object> m) {
        if (m == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Secrets.maskParameter(k, v)));
        return out;
    }

    /**
     * Integral numbers become Long and other numbers Double, so a result equals itself after a
     * round trip through JSON (which reads 10000 back as an Integer).
     */
    private static Map<String, Object> normalize(Map<String, Object> m) {
        if (m == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, normalizeValue(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Object normalizeValue(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof java.math.BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RunResult::normalizeValue).toList();
        }
        if (v instanceof Map<?, ?> mm) {
            Map<String, Object> out = new LinkedHashMap<>();
            mm.forEach((k, x) -> out.put(String.valueOf(k), normalizeValue(x)));
            return Collections.unmodifiableMap(out);
        }
        return v;
    }

    public Optional<Metric> metric(String name) {
        for (Metric m : metrics) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The value of metric {@code name}; throws if absent. */
    public double value(String name) {
        return metric(name).orElseThrow(() -> new IllegalArgumentException("no metric " + name + " in " + workload))
                .value();
    }

    public RunResult withRepetition(int rep) {
        return toBuilder().repetition(rep).build();
    }

    public RunResult withHost(HostInfo h) {
        return toBuilder().host(h).build();
    }

    public RunResult withJvm(JvmFootprint f) {
        return toBuilder().jvm(f).build();
    }

    /**
     * This result with the running JVM's footprint, when virtbench measured it in this JVM and
     * none was recorded yet (an imported result, or one a guest's JVM measured, keeps its own).
     */
    public RunResult withOwnFootprint() {
        return jvm != null || source != null || !"virtbench".equals(tool) ? this : withJvm(JvmFootprint.now());
    }

    public static Builder builder(String workload) {
        return new Builder(workload);
    }

    public Builder toBuilder() {
        Builder b = new Builder(workload);
        b.test = test;
        b.tool = tool;
        b.toolVersion = toolVersion;
        b.repetition = repetition;
        b.status = status;
        b.message = message;
        b.start = start;
        b.end = end;
        b.parameters.putAll(parameters);
        b.nativeCommand = nativeCommand;
        b.metrics.addAll(metrics);
        b.latency = latency;
        b.intendedLatency = intendedLatency;
        b.fairness = fairness;
        b.intervals.addAll(intervals);
        b.errors.putAll(errors);
        b.details.putAll(details);
        b.host = host;
        b.source = source;
        b.jvm = jvm;
        return b;
    }

    /** Assembles a {@link RunResult}. */
    public static final class Builder {
        private final String workload;
        private String test;
        private String tool = "virtbench";
        private String toolVersion;
        private int repetition = 1;
        private RunStatus status = RunStatus.COMPLETE;
        private String message;
        private Instant start;
        private Instant end;
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private String nativeCommand;
        private final List<Metric> metrics = new ArrayList<>();
        private LatencySummary latency;
        private LatencySummary intendedLatency;
        private Fairness fairness;
        private final List<Interval> intervals = new ArrayList<>();
        private final Map<String, Long> errors = new LinkedHashMap<>();
        private final Map<String, Object> details = new LinkedHashMap<>();
        private HostInfo host;
        private String source;
        private JvmFootprint jvm;

        private Builder(String workload) {
            this.workload = workload;
        }

        public Builder test(String v) { test = v; return this; }
        public Builder tool(String v) { tool = v; return this; }
        public Builder toolVersion(String v) { toolVersion = v; return this; }
        public Builder repetition(int v) { repetition = v; return this; }
        public Builder status(RunStatus v) { status = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder end(Instant v) { end = v; return this; }
        public Builder parameter(String name, Object value) { parameters.put(name, value); return this; }
        public Builder parameters(Map<String, ?> v) { parameters.putAll(v); return this; }
        public Builder nativeCommand(String v) { nativeCommand = v; return this; }
        public Builder metric(Metric m) { metrics.add(m); return this; }
        public Builder higher(String name, double v, String unit) { return metric(Metric.higher(name, v, unit)); }
        public Builder lower(String name, double v, String unit) { return metric(Metric.lower(name, v, unit)); }
        public Builder info(String name, double v, String unit) { return metric(Metric.info(name, v, unit)); }
        public Builder latency(LatencySummary v) { latency = v; return this; }
        public Builder intendedLatency(LatencySummary v) { intendedLatency = v; return this; }
        public Builder fairness(Fairness v) { fairness = v; return this; }
        public Builder interval(Interval v) { intervals.add(v); return this; }
        public Builder error(String kind, long count) { errors.merge(kind, count, Long::sum); return this; }
        public Builder errors(Map<String, Long> v) { v.forEach(this::error); return this; }
        public Builder detail(String name, Object value) { details.put(name, value); return this; }
        public Builder host(HostInfo v) { host = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder jvm(JvmFootprint v) { jvm = v; return this; }

        /** The latency set so far, or null. */
        public LatencySummary latency() { return latency; }

        public RunResult build() {
            return new RunResult(SCHEMA, workload, test, tool, toolVersion, repetition, status, message, start, end,
                    parameters, nativeCommand, metrics, latency, intendedLatency, fairness, intervals, errors,
                    details, host, source, jvm);
        }
    }
}
