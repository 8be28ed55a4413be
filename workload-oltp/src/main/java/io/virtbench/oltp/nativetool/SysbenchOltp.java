package io.virtbench.oltp.nativetool;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.sysbench.SysbenchLog;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.PsMode;
import io.virtbench.oltp.report.OltpMetrics;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpScript;
import io.virtbench.oltp.script.SbRandom;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native side of the OLTP workload: the equivalent {@code sysbench oltp_*} command line (with
 * the password masked wherever it is shown), a parser of sysbench's OLTP text output (interval
 * lines included) into the same result model, and running sysbench's prepare, run and cleanup.
 */
public final class SysbenchOltp {
    private static final Pattern INTERVAL = Pattern.compile("^thds: (\\d+) tps: (\\S+) qps: (\\S+) "
            + "\\(r/w/o: (\\S+)/(\\S+)/(\\S+)\\) lat \\(ms,(\\d+)%\\): (\\S+) err/s:? (\\S+) reconn/s: (\\S+)$");
    private static final Pattern COUNT_RATE = Pattern.compile("^(\\d+)\\s+\\((\\S+) per sec\\.\\)$");

    private SysbenchOltp() {
    }

    /**
     * The sysbench command for {@code command} (prepare, run, cleanup) with these options.
     * {@code showPassword} false puts {@link DbTarget#MASK} in place of a non-empty password.
     */
    public static List<String> command(String command, OltpOptions o, DbTarget t, RunSettings s, boolean showPassword) {
        List<String> c = new ArrayList<>();
        c.add("sysbench");
        c.add(o.test().script());
        c.add("--tables=" + o.tables());
        c.add("--table-size=" + o.tableSize());
        scriptOptions(c, o);
        connection(c, t, showPassword);
        c.add("--threads=" + s.threads());
        if (command.equals("run")) {
            c.add("--time=" + whole(s.time()));
            c.add("--events=" + s.events());
            if (s.reportInterval() > 0) {
                c.add("--report-interval=" + whole(s.reportInterval()));
            }
            if (s.rate() > 0) {
                c.add("--rate=" + whole(s.rate()));
            }
            if (s.warmupTime() > 0) {
                c.add("--warmup-time=" + whole(s.warmupTime()));
            }
            if (s.percentile() != RunSettings.DEFAULT_PERCENTILE) {
                c.add("--percentile=" + s.percentile());
            }
        }
        c.add(command);
        return c;
    }

    /** The script's options that differ from sysbench's defaults. */
    private static void scriptOptions(List<String> c, OltpOptions o) {
        addIf(c, "--range-size", o.rangeSize(), OltpOptions.DEFAULT_RANGE_SIZE);
        addIf(c, "--point-selects", o.pointSelects(), OltpOptions.DEFAULT_POINT_SELECTS);
        addIf(c, "--simple-ranges", o.simpleRanges(), OltpOptions.DEFAULT_SIMPLE_RANGES);
        addIf(c, "--sum-ranges", o.sumRanges(), OltpOptions.DEFAULT_SUM_RANGES);
        addIf(c, "--order-ranges", o.orderRanges(), OltpOptions.DEFAULT_ORDER_RANGES);
        addIf(c, "--distinct-ranges", o.distinctRanges(), OltpOptions.DEFAULT_DISTINCT_RANGES);
        addIf(c, "--index-updates", o.indexUpdates(), OltpOptions.DEFAULT_INDEX_UPDATES);
        addIf(c, "--non-index-updates", o.nonIndexUpdates(), OltpOptions.DEFAULT_NON_INDEX_UPDATES);
        addIf(c, "--delete-inserts", o.deleteInserts(), OltpOptions.DEFAULT_DELETE_INSERTS);
        if (!o.rangeSelects()) {
            c.add("--range_selects=off");
        }
        if (!o.autoInc()) {
            c.add("--auto_inc=off");
        }
        if (o.skipTrx()) {
            c.add("--skip_trx=on");
        }
        if (o.secondary()) {
            c.add("--secondary=on");
        }
        if (!o.createSecondary()) {
            c.add("--create_secondary=off");
        }
        if (!o.storageEngine().equalsIgnoreCase(OltpOptions.DEFAULT_STORAGE_ENGINE)) {
            c.add("--mysql_storage_engine=" + o.storageEngine());
        }
        if (o.psMode() != PsMode.AUTO) {
            c.add("--db-ps-mode=" + o.psMode().label());
        }
        if (o.rand().type() != SbRandom.Type.SPECIAL) {
            c.add("--rand-type=" + o.rand().type().label());
        }
        addIf(c, "--rand-spec-iter", o.rand().specIter(), SbRandom.Spec.DEFAULT_ITER);
        addIf(c, "--rand-spec-pct", o.rand().specPct(), SbRandom.Spec.DEFAULT_PCT);
        addIf(c, "--rand-spec-res", o.rand().specRes(), SbRandom.Spec.DEFAULT_RES);
        if (o.rand().paretoH() != SbRandom.Spec.DEFAULT_PARETO_H) {
            c.add("--rand-pareto-h=" + o.rand().paretoH());
        }
        if (o.randSeed() != 0) {
            c.add("--rand-seed=" + o.randSeed());
        }
        if (!o.ignoreErrors().equals(OltpOptions.DEFAULT_IGNORE_ERRORS)) {
            c.add("--mysql-ignore-errors=" + o.ignoreErrors());
        }
    }

    /** Where sysbench connects: virtbench's target, with the JDBC URL's host, port and database where one is given. */
    private static void connection(List<String> c, DbTarget t, boolean showPassword) {
        String host = t.host();
        int port = t.port();
        String db = t.db();
        if (t.url() != null) {
            URI u = URI.create(t.url().substring("jdbc:".length()));
            host = u.getHost() == null ? DbTarget.DEFAULT_HOST : u.getHost();
            port = u.getPort() < 0 ? DbTarget.DEFAULT_PORT : u.getPort();
            String path = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
            db = path.isEmpty() ? db : path;
        }
        // virtbench always connects over TCP; sysbench's "localhost" would mean the Unix socket
        c.add("--mysql-host=" + ("localhost".equals(host) ? "127.0.0.1" : host));
        c.add("--mysql-port=" + port);
        c.add("--mysql-user=" + t.user());
        if (!t.password().isEmpty()) {
            c.add("--mysql-password=" + (showPassword ? t.password() : DbTarget.MASK));
        }
        c.add("--mysql-db=" + db);
        if (t.ssl()) {
            c.add("--mysql-ssl=on");
        }
    }

    private static void addIf(List<String> c, String name, long v, long def) {
        if (v != def) {
            c.add(name + "=" + v);
        }
    }

    private static String whole(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The run command as a user would type it, password masked. */
    public static String commandLine(OltpOptions o, DbTarget t, RunSettings s) {
        return NativeTool.commandLine(command("run", o, t, s, false));
    }

    /** Every run in a sysbench OLTP log (one or many runs one after another). */
    public static List<RunResult> parse(String source, String text) throws NativeParseException {
        return SysbenchLog.parseRuns(source, text, "sysbench", b -> false, SysbenchOltp::parse);
    }

    static RunResult parse(SysbenchLog.Block b) throws NativeParseException {
        int sql = SysbenchLog.indexOf(b, "SQL statistics:", 0);
        if (sql < 0 && SysbenchLog.contains(b, "General statistics:")) {
            throw new NativeParseException("not a sysbench OLTP run ('SQL statistics:' missing)", b.firstLine());
        }
        SysbenchLog.Common common = SysbenchLog.commonResult(b, OltpMetrics.WORKLOAD);
        RunResult.Builder r = common.builder();
        long reads = (long) SysbenchLog.number(b, "read", sql);
        long writes = (long) SysbenchLog.number(b, "write", sql);
        long other = (long) SysbenchLog.number(b, "other", sql);
        long total = (long) SysbenchLog.number(b, "total", sql);
        double[] trx = countRate(b, "transactions", sql);
        double[] q = countRate(b, "queries", sql);
        double[] err = countRate(b, "ignored errors", sql);
        double[] rec = countRate(b, "reconnects", sql);
        if (reads + writes + other != total || (long) q[0] != total) {
            throw new NativeParseException("queries performed do not add up: " + reads + "+" + writes + "+" + other
                    + " != " + total, b.lineNumber(sql));
        }
        // sysbench does not name the script in its output; the query mix tells it
        OltpScript test = reads > 0 && writes > 0 ? OltpScript.READ_WRITE : reads > 0 ? OltpScript.READ_ONLY
                : writes > 0 ? OltpScript.WRITE_ONLY : null;
        if (test != null) {
            r.test(test.script());
        }
        r.higher(OltpMetrics.TPS, trx[1], "transactions/s");
        r.higher(OltpMetrics.QPS, q[1], "queries/s");
        r.info(OltpMetrics.TRANSACTIONS, trx[0], "transactions");
        r.info(OltpMetrics.QUERIES, total, "queries");
        r.info(OltpMetrics.READS, reads, "queries");
        r.info(OltpMetrics.WRITES, writes, "queries");
        r.info(OltpMetrics.OTHER, other, "queries");
        r.info(OltpMetrics.IGNORED_ERRORS, err[0], "errors");
        r.info(OltpMetrics.IGNORED_ERRORS_PER_SECOND, err[1], "errors/s");
        r.info(OltpMetrics.RECONNECTS, rec[0], "reconnects");
        r.info(OltpMetrics.RECONNECTS_PER_SECOND, rec[1], "reconnects/s");
        common.withCommonMetrics();
        SysbenchLog.addIntervals(b, INTERVAL, r, (m, v) -> {
                v.put("threads", Double.parseDouble(m.group(1)));
                v.put(OltpMetrics.TPS, Double.parseDouble(m.group(2)));
                v.put(OltpMetrics.QPS, Double.parseDouble(m.group(3)));
                v.put(OltpMetrics.READS + "_per_second", Double.parseDouble(m.group(4)));
                v.put(OltpMetrics.WRITES + "_per_second", Double.parseDouble(m.group(5)));
                v.put(OltpMetrics.OTHER + "_per_second", Double.parseDouble(m.group(6)));
                v.put("latency_p" + m.group(7) + "_ms", Double.parseDouble(m.group(8)));
                v.put(OltpMetrics.IGNORED_ERRORS_PER_SECOND, Double.parseDouble(m.group(9)));
                v.put(OltpMetrics.RECONNECTS_PER_SECOND, Double.parseDouble(m.group(10)));
        });
        return r.build();
    }

    /** "23139  (1155.67 per sec.)" → {23139, 1155.67}. */
    private static double[] countRate(SysbenchLog.Block b, String label, int from) throws NativeParseException {
        String v = SysbenchLog.value(b, label, from);
        if (v == null) {
            throw new NativeParseException("no '" + label + ":' line in SQL statistics", b.lineNumber(Math.max(0, from)));
        }
        Matcher m = COUNT_RATE.matcher(v.strip());
        if (!m.matches()) {
            throw new NativeParseException("'" + label + ":' is not 'N (R per sec.)': '" + v + "'", b.lineNumber(from));
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    /** Runs {@code sysbench <script> prepare} (sysbench's own tables and rows). */
    public static NativeTool.Result prepare(OltpOptions o, DbTarget t, int threads) {
        return runChecked("prepare", o, t, RunSettings.defaults().withThreads(threads), Duration.ofHours(6));
    }

    /** Runs {@code sysbench <script> cleanup}. */
    public static NativeTool.Result cleanup(OltpOptions o, DbTarget t) {
        return runChecked("cleanup", o, t, RunSettings.defaults(), Duration.ofMinutes(10));
    }

    private static NativeTool.Result runChecked(String command, OltpOptions o, DbTarget t, RunSettings s, Duration timeout) {
        NativeTool.require("sysbench", "sysbench");
        NativeTool.Result res = NativeTool.run(command("prepare".equals(command) || "cleanup".equals(command) ? command : "run",
                o, t, s, true), null, timeout);
        if (res.exitCode() != 0) {
            throw new UserException("sysbench " + command + " failed: " + t.masked(res.firstErrorLine()));
        }
        return res;
    }

    private static final Pattern TIMES = Pattern.compile("^(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s$");

    /**
     * Runs native sysbench with the same options and reads its report. The client's CPU time
     * (user + system of the sysbench process, from the shell's {@code times} after it exits) is
     * added as {@link OltpMetrics#CLIENT_CPU} per transaction.
     */
    public static RunResult run(OltpOptions o, DbTarget t, RunSettings s) {
        NativeTool.require("sysbench", "sysbench");
        if (s.warmupTime() > 0) {
            throw UserException.usage("sysbench 1.0.20 has no --warmup-time: leave it out to compare with sysbench");
        }
        if (s.time() != Math.rint(s.time()) || s.reportInterval() != Math.rint(s.reportInterval())) {
            throw UserException.usage("sysbench takes whole seconds: --time and --report-interval must be integers to compare");
        }
        double limit = s.time() > 0 ? s.time() : 3600;
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\"; rc=$?; times >&2; exit $rc", "sh"));
        cmd.addAll(command("run", o, t, s, true));
        NativeTool.Result res = NativeTool.run(cmd, null, Duration.ofSeconds((long) limit + 120));
        if (res.exitCode() != 0) {
            String fatal = res.stdout().lines().filter(l -> l.startsWith("FATAL:")).findFirst().orElse(res.firstErrorLine());
            throw new UserException("sysbench failed: " + t.masked(fatal));
        }
        try {
            RunResult r = parse("sysbench", res.stdout()).get(0);
            RunResult.Builder b = r.toBuilder().nativeCommand(commandLine(o, t, s)).test(o.test().script())
                    .parameters(o.parameters()).parameter("time", s.time()).parameter("events", s.events());
            double cpu = childCpuSeconds(res.stderr());
            if (cpu >= 0) {
                double trx = r.value(OltpMetrics.TRANSACTIONS);
                b.info(OltpMetrics.CLIENT_CPU, trx > 0 ? cpu * 1000 / trx : 0, "ms/transaction");
                b.detail("client_cpu_seconds", cpu);
            }
            return b.build();
        } catch (NativeParseException e) {
            throw new UserException("cannot read sysbench's output: " + e.getMessage());
        }
    }

    /** The children's user + system seconds from the last two lines {@code times} printed; -1 if absent. */
    static double childCpuSeconds(String stderr) {
        List<String> lines = stderr.lines().filter(l -> TIMES.matcher(l.strip()).matches()).toList();
        if (lines.size() < 2) {
            return -1;
        }
        Matcher m = TIMES.matcher(lines.get(lines.size() - 1).strip());
        m.matches();
        return Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                + Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4));
    }
}
