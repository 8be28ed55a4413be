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
import io.virtbench.oltp.report.OltpMetrics;
import io.virtbench.oltp.report.OltpReport;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code virtbench oltp run}: one run of an OLTP test, reported as sysbench reports it. */
public final class OltpBenchmark {
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
            b.info(OltpMetrics.CLIENT_CPU, m.events() > 0 ? cpuSeconds * 1000 / m.events() : 0, "ms/transaction");
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
        RunResult.Builder b = SysbenchMetrics.start(OltpMetrics.WORKLOAD, m, settings)
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
        b.higher(OltpMetrics.TPS, m.perSecond(Counter.EVENTS), "transactions/s");
        b.higher(OltpMetrics.QPS, secs > 0 ? queries / secs : 0, "queries/s");
        b.info(OltpMetrics.TRANSACTIONS, m.events(), "transactions");
        b.info(OltpMetrics.QUERIES, queries, "queries");
        b.info(OltpMetrics.READS, reads, "queries");
        b.info(OltpMetrics.WRITES, writes, "queries");
        b.info(OltpMetrics.OTHER, other, "queries");
        b.info(OltpMetrics.IGNORED_ERRORS, m.total(Counter.ERRORS), "errors");
        b.info(OltpMetrics.IGNORED_ERRORS_PER_SECOND, m.perSecond(Counter.ERRORS), "errors/s");
        b.info(OltpMetrics.RECONNECTS, m.total(Counter.RECONNECTS), "reconnects");
        b.info(OltpMetrics.RECONNECTS_PER_SECOND, m.perSecond(Counter.RECONNECTS), "reconnects/s");
        SysbenchMetrics.common(b, m);
        for (IntervalSample s : m.intervals()) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("threads", (double) s.threads());
            v.put(OltpMetrics.TPS, s.perSecond(Counter.EVENTS));
            double q = s.seconds() > 0 ? (s.delta(Counter.READS) + s.delta(Counter.WRITES) + s.delta(Counter.OTHER)) / s.seconds() : 0;
            v.put(OltpMetrics.QPS, q);
            v.put(OltpMetrics.READS + "_per_second", s.perSecond(Counter.READS));
            v.put(OltpMetrics.WRITES + "_per_second", s.perSecond(Counter.WRITES));
            v.put(OltpMetrics.OTHER + "_per_second", s.perSecond(Counter.OTHER));
            v.put("latency_p" + settings.percentile() + "_ms", s.percentileMs());
            v.put(OltpMetrics.IGNORED_ERRORS_PER_SECOND, s.perSecond(Counter.ERRORS));
            v.put(OltpMetrics.RECONNECTS_PER_SECOND, s.perSecond(Counter.RECONNECTS));
            b.interval(new Interval(s.time(), s.seconds(), v));
        }
        return b.build();
    }
}
