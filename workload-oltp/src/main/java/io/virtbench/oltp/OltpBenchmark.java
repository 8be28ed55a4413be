package io.virtbench.oltp;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.IntervalSample;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.output.Output;
import io.virtbench.core.result.Interval;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchMetrics;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.nativetool.SysbenchOltp;
import io.virtbench.oltp.report.OltpReport;
import io.virtbench.oltp.script.OltpSchema;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code virtbench oltp run}: one run of an OLTP test, reported as sysbench reports it. */
public final class OltpBenchmark {
    public static final String WORKLOAD = "oltp";
    public static final String TPS = "transactions_per_second";
    public static final String QPS = "queries_per_second";
    public static final String TRANSACTIONS = "transactions";
    public static final String QUERIES = "queries";
    public static final String READS = "read_queries";
    public static final String WRITES = "write_queries";
    public static final String OTHER = "other_queries";
    public static final String IGNORED_ERRORS = "ignored_errors";
    public static final String IGNORED_ERRORS_PER_SECOND = "ignored_errors_per_second";
    public static final String RECONNECTS = "reconnects";
    public static final String RECONNECTS_PER_SECOND = "reconnects_per_second";
    /** CPU time of the whole client process (user + system) per transaction, in ms. */
    public static final String CLIENT_CPU = "client_cpu_ms_per_transaction";

    private OltpBenchmark() {
    }

    /** One run; with text output, prints sysbench's report while it runs. */
    public static RunResult run(OltpOptions options, DbTarget target, RunSettings settings, Output o, int repetition)
            throws Exception {
        return run(new OltpWorkload(options, target, settings.threads(), o.stop()), options, target, settings, o, repetition);
    }

    static RunResult run(OltpWorkload workload, OltpOptions options, DbTarget target, RunSettings settings, Output o,
                         int repetition) throws Exception {
        OltpReport report = new OltpReport(o.live(), settings);
        if (o.text()) {
            report.header(options);
        }
        Measurement m;
        long cpu0 = processCpuNanos();
        try {
            m = Harness.run(workload, settings, report.forOutput(o.text()), o.stop());
        } catch (SQLException e) {
            throw OltpSchema.cannotConnect(target, e);
        }
        long cpu1 = processCpuNanos();
        RunResult r = result(options, target, settings, m, repetition, o);
        if (cpu0 >= 0 && cpu1 >= 0) {
            double cpuSeconds = (cpu1 - cpu0) / 1e9;
            RunResult.Builder b = r.toBuilder();
            b.info(CLIENT_CPU, m.events() > 0 ? cpuSeconds * 1000 / m.events() : 0, "ms/transaction");
            b.detail("client_cpu_seconds", cpuSeconds);
            r = b.build();
        }
        if (o.text()) {
            OltpReport.result(r, o.out());
        }
        return r;
    }

    /** CPU time (user + system) of this JVM so far, or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    static RunResult result(OltpOptions options, DbTarget target, RunSettings settings, Measurement m, int repetition,
                            Output o) {
        RunResult.Builder b = SysbenchMetrics.start(WORKLOAD, m, settings)
                .test(options.test().script())
                .repetition(repetition)
                .parameters(options.parameters())
                .parameter("db", target.url() != null ? DbTarget.maskUrl(target.url())
                        : target.host() + ":" + target.port() + "/" + target.db())
                .parameter("mysql-user", target.user())
                .nativeCommand(SysbenchOltp.commandLine(options, target, settings))
                .host(o.host());
        if (m.failure() != null) {
            b.message(target.masked(m.failure()));
        }
        long reads = m.total(Counter.READS);
        long writes = m.total(Counter.WRITES);
        long other = m.total(Counter.OTHER);
        long queries = reads + writes + other;
        double secs = m.totalTimeSeconds();
        b.higher(TPS, m.perSecond(Counter.EVENTS), "transactions/s");
        b.higher(QPS, secs > 0 ? queries / secs : 0, "queries/s");
        b.info(TRANSACTIONS, m.events(), "transactions");
        b.info(QUERIES, queries, "queries");
        b.info(READS, reads, "queries");
        b.info(WRITES, writes, "queries");
        b.info(OTHER, other, "queries");
        b.info(IGNORED_ERRORS, m.total(Counter.ERRORS), "errors");
        b.info(IGNORED_ERRORS_PER_SECOND, m.perSecond(Counter.ERRORS), "errors/s");
        b.info(RECONNECTS, m.total(Counter.RECONNECTS), "reconnects");
        b.info(RECONNECTS_PER_SECOND, m.perSecond(Counter.RECONNECTS), "reconnects/s");
        SysbenchMetrics.common(b, m);
        for (IntervalSample s : m.intervals()) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("threads", (double) s.threads());
            v.put(TPS, s.perSecond(Counter.EVENTS));
            double q = s.seconds() > 0 ? (s.delta(Counter.READS) + s.delta(Counter.WRITES) + s.delta(Counter.OTHER)) / s.seconds() : 0;
            v.put(QPS, q);
            v.put(READS + "_per_second", s.perSecond(Counter.READS));
            v.put(WRITES + "_per_second", s.perSecond(Counter.WRITES));
            v.put(OTHER + "_per_second", s.perSecond(Counter.OTHER));
            v.put("latency_p" + settings.percentile() + "_ms", s.percentileMs());
            v.put(IGNORED_ERRORS_PER_SECOND, s.perSecond(Counter.ERRORS));
            v.put(RECONNECTS_PER_SECOND, s.perSecond(Counter.RECONNECTS));
            b.interval(new Interval(s.time(), s.seconds(), v));
        }
        return b.build();
    }
}
