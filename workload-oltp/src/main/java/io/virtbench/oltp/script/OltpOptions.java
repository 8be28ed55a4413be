package io.virtbench.oltp.script;

import io.virtbench.core.UserException;
import io.virtbench.oltp.db.PsMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of sysbench 1.0.20's OLTP scripts (src/lua/oltp_common.lua), its --db-* and
 * --mysql-ignore-errors options and its --rand-* options, with sysbench's names and defaults.
 * Build one with {@link #builder()}; every value is checked and a wrong one names its option.
 */
public record OltpOptions(OltpScript test, int tables, long tableSize, long rangeSize, int pointSelects,
                          int simpleRanges, int sumRanges, int orderRanges, int distinctRanges,
                          int indexUpdates, int nonIndexUpdates, int deleteInserts, boolean rangeSelects,
                          boolean autoInc, boolean skipTrx, boolean secondary, boolean createSecondary,
                          String storageEngine, PsMode psMode, SbRandom.Spec rand, long randSeed,
                          String ignoreErrors) {

    public static final int DEFAULT_TABLES = 1;
    public static final long DEFAULT_TABLE_SIZE = 10000;
    public static final long DEFAULT_RANGE_SIZE = 100;
    public static final int DEFAULT_POINT_SELECTS = 10;
    public static final int DEFAULT_SIMPLE_RANGES = 1;
    public static final int DEFAULT_SUM_RANGES = 1;
    public static final int DEFAULT_ORDER_RANGES = 1;
    public static final int DEFAULT_DISTINCT_RANGES = 1;
    public static final int DEFAULT_INDEX_UPDATES = 1;
    public static final int DEFAULT_NON_INDEX_UPDATES = 1;
    public static final int DEFAULT_DELETE_INSERTS = 1;
    public static final String DEFAULT_STORAGE_ENGINE = "innodb";
    /** sysbench's --mysql-ignore-errors default: deadlock, record changed, lock wait timeout. */
    public static final String DEFAULT_IGNORE_ERRORS = "1213,1020,1205";
    /** The largest id sysbench's uint32 arithmetic handles. */
    public static final long MAX_TABLE_SIZE = 0xFFFFFFFFL - 1;

    public OltpOptions {
        if (test == null) {
            throw UserException.usage("missing --test");
        }
        positive("--tables", tables, 1_000_000);
        range("--table-size", tableSize, 0, MAX_TABLE_SIZE);
        range("--range-size", rangeSize, 1, MAX_TABLE_SIZE);
        for (Object[] o : new Object[][] {{"--point-selects", pointSelects}, {"--simple-ranges", simpleRanges},
                {"--sum-ranges", sumRanges}, {"--order-ranges", orderRanges}, {"--distinct-ranges", distinctRanges},
                {"--index-updates", indexUpdates}, {"--non-index-updates", nonIndexUpdates},
                {"--delete-inserts", deleteInserts}}) {
            range((String) o[0], (Integer) o[1], 0, 1_000_000);
        }
        if (storageEngine == null || !storageEngine.matches("[A-Za-z0-9_]+")) {
            throw UserException.usage("invalid value for --mysql-storage-engine: '" + storageEngine + "'");
        }
        if (psMode == null) {
            throw UserException.usage("missing --db-ps-mode");
        }
        if (rand == null || rand.type() == null) {
            throw UserException.usage("invalid value for --rand-type (expected uniform, gaussian, special or pareto)");
        }
        range("--rand-spec-iter", rand.specIter(), 1, 1_000_000);
        range("--rand-spec-pct", rand.specPct(), 0, 100);
        range("--rand-spec-res", rand.specRes(), 0, 99);
        if (!(rand.paretoH() > 0 && rand.paretoH() < 1)) {
            throw UserException.usage("invalid value for --rand-pareto-h: " + rand.paretoH() + " (must be between 0 and 1)");
        }
        ignoreErrors = ignoreErrors == null ? "" : ignoreErrors.strip();
        parseIgnored(ignoreErrors);
    }

    private static void positive(String option, long v, long max) {
        range(option, v, 1, max);
    }

    private static void range(String option, long v, long min, long max) {
        if (v < min || v > max) {
            throw UserException.usage("invalid value for " + option + ": " + v + " (must be " + min + ".." + max + ")");
        }
    }

    /** The error codes of --mysql-ignore-errors; null means "all". */
    public static Set<Integer> parseIgnored(String list) {
        Set<Integer> out = new TreeSet<>();
        for (String s : list.split(",")) {
            String v = s.strip();
            if (v.isEmpty()) {
                continue;
            }
            if (v.equalsIgnoreCase("all")) {
                return null;
            }
            try {
                out.add(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw UserException.usage("invalid value for --mysql-ignore-errors: '" + v
                        + "' (expected error numbers separated by commas, or all)");
            }
        }
        return out;
    }

    /** The ignored error numbers; null when every error is ignored ("all"). */
    public Set<Integer> ignoredErrors() {
        return parseIgnored(ignoreErrors);
    }

    /** Queries one transaction sends when nothing fails: reads, writes (at most), other. */
    public int[] queriesPerTransaction() {
        int reads = 0;
        int writes = 0;
        if (test.reads()) {
            reads += pointSelects;
            if (rangeSelects) {
                reads += simpleRanges + sumRanges + orderRanges + distinctRanges;
            }
        }
        if (test.writes()) {
            writes += indexUpdates + nonIndexUpdates + 2 * deleteInserts;
        }
        return new int[] {reads, writes, skipTrx ? 0 : 2};
    }

    /** Every option by its command-line name, for the result's parameters. */
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test", test.script());
        m.put("tables", tables);
        m.put("table-size", tableSize);
        m.put("range-size", rangeSize);
        m.put("point-selects", pointSelects);
        m.put("simple-ranges", simpleRanges);
        m.put("sum-ranges", sumRanges);
        m.put("order-ranges", orderRanges);
        m.put("distinct-ranges", distinctRanges);
        m.put("index-updates", indexUpdates);
        m.put("non-index-updates", nonIndexUpdates);
        m.put("delete-inserts", deleteInserts);
        m.put("range-selects", onOff(rangeSelects));
        m.put("auto-inc", onOff(autoInc));
        m.put("skip-trx", onOff(skipTrx));
        m.put("secondary", onOff(secondary));
        m.put("create-secondary", onOff(createSecondary));
        m.put("mysql-storage-engine", storageEngine);
        m.put("db-ps-mode", psMode.label());
        m.put("rand-type", rand.type().label());
        m.put("rand-spec-iter", rand.specIter());
        m.put("rand-spec-pct", rand.specPct());
        m.put("rand-spec-res", rand.specRes());
        m.put("rand-pareto-h", rand.paretoH());
        m.put("rand-seed", randSeed);
        m.put("mysql-ignore-errors", ignoreErrors);
        return m;
    }

    static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.test = test;
        b.tables = tables;
        b.tableSize = tableSize;
        b.rangeSize = rangeSize;
        b.pointSelects = pointSelects;
        b.simpleRanges = simpleRanges;
        b.sumRanges = sumRanges;
        b.orderRanges = orderRanges;
        b.distinctRanges = distinctRanges;
        b.indexUpdates = indexUpdates;
        b.nonIndexUpdates = nonIndexUpdates;
        b.deleteInserts = deleteInserts;
        b.rangeSelects = rangeSelects;
        b.autoInc = autoInc;
        b.skipTrx = skipTrx;
        b.secondary = secondary;
        b.createSecondary = createSecondary;
        b.storageEngine = storageEngine;
        b.psMode = psMode;
        b.rand = rand;
        b.randSeed = randSeed;
        b.ignoreErrors = ignoreErrors;
        return b;
    }

    /** Starts from sysbench's defaults (oltp_read_only). */
    public static final class Builder {
        private OltpScript test = OltpScript.READ_ONLY;
        private int tables = DEFAULT_TABLES;
        private long tableSize = DEFAULT_TABLE_SIZE;
        private long rangeSize = DEFAULT_RANGE_SIZE;
        private int pointSelects = DEFAULT_POINT_SELECTS;
        private int simpleRanges = DEFAULT_SIMPLE_RANGES;
        private int sumRanges = DEFAULT_SUM_RANGES;
        private int orderRanges = DEFAULT_ORDER_RANGES;
        private int distinctRanges = DEFAULT_DISTINCT_RANGES;
        private int indexUpdates = DEFAULT_INDEX_UPDATES;
        private int nonIndexUpdates = DEFAULT_NON_INDEX_UPDATES;
        private int deleteInserts = DEFAULT_DELETE_INSERTS;
        private boolean rangeSelects = true;
        private boolean autoInc = true;
        private boolean skipTrx = false;
        private boolean secondary = false;
        private boolean createSecondary = true;
        private String storageEngine = DEFAULT_STORAGE_ENGINE;
        private PsMode psMode = PsMode.AUTO;
        private SbRandom.Spec rand = SbRandom.Spec.defaults();
        private long randSeed = 0;
        private String ignoreErrors = DEFAULT_IGNORE_ERRORS;

        public Builder test(OltpScript v) { test = v; return this; }
        public Builder tables(int v) { tables = v; return this; }
        public Builder tableSize(long v) { tableSize = v; return this; }
        public Builder rangeSize(long v) { rangeSize = v; return this; }
        public Builder pointSelects(int v) { pointSelects = v; return this; }
        public Builder simpleRanges(int v) { simpleRanges = v; return this; }
        public Builder sumRanges(int v) { sumRanges = v; return this; }
        public Builder orderRanges(int v) { orderRanges = v; return this; }
        public Builder distinctRanges(int v) { distinctRanges = v; return this; }
        public Builder indexUpdates(int v) { indexUpdates = v; return this; }
        public Builder nonIndexUpdates(int v) { nonIndexUpdates = v; return this; }
        public Builder deleteInserts(int v) { deleteInserts = v; return this; }
        public Builder rangeSelects(boolean v) { rangeSelects = v; return this; }
        public Builder autoInc(boolean v) { autoInc = v; return this; }
        public Builder skipTrx(boolean v) { skipTrx = v; return this; }
        public Builder secondary(boolean v) { secondary = v; return this; }
        public Builder createSecondary(boolean v) { createSecondary = v; return this; }
        public Builder storageEngine(String v) { storageEngine = v; return this; }
        public Builder psMode(PsMode v) { psMode = v; return this; }
        public Builder rand(SbRandom.Spec v) { rand = v; return this; }
        public Builder randType(SbRandom.Type v) {
            rand = new SbRandom.Spec(v, rand.specIter(), rand.specPct(), rand.specRes(), rand.paretoH());
            return this;
        }
        public Builder randSeed(long v) { randSeed = v; return this; }
        public Builder ignoreErrors(String v) { ignoreErrors = v; return this; }

        public OltpOptions build() {
            return new OltpOptions(test, tables, tableSize, rangeSize, pointSelects, simpleRanges, sumRanges,
                    orderRanges, distinctRanges, indexUpdates, nonIndexUpdates, deleteInserts, rangeSelects, autoInc,
                    skipTrx, secondary, createSecondary, storageEngine, psMode, rand, randSeed,
                    ignoreErrors);
        }
    }
}
