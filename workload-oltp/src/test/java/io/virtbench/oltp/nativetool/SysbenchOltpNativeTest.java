package io.virtbench.oltp.nativetool;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.output.Output;
import io.virtbench.core.output.OutputFormat;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.result.RunStatus;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.oltp.GeneralLog;
import io.virtbench.oltp.OltpBenchmark;
import io.virtbench.oltp.OltpSession;
import io.virtbench.oltp.OltpWorkload;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.PsMode;
import io.virtbench.oltp.db.TestDb;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpSchema;
import io.virtbench.oltp.script.OltpScript;
import io.virtbench.oltp.script.SbRandom;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the real sysbench 1.0.20 and its MySQL driver (installed by .ci/run; required in CI). */
class SysbenchOltpNativeTest {
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path tmp;

    static long rows(String db, String table) throws Exception {
        try (Connection c = TestDb.root(db); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table);
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void tablesPreparedBySysbenchRunUnderVirtbench() throws Exception {
        NativeTools.assumeInstalled("sysbench");
        DbTarget db = TestDb.database("fromsysbench");
        OltpOptions o = OltpOptions.builder().test(OltpScript.READ_WRITE).tables(2).tableSize(500).build();
        NativeTool.Result prep = SysbenchOltp.prepare(o, db, 2);
        assertTrue(prep.stdout().contains("Inserting 500 records into 'sbtest2'"), prep.stdout());
        assertEquals(500, rows("fromsysbench", "sbtest2"));
        for (PsMode mode : PsMode.values()) {
            RunResult r = OltpBenchmark.run(o.toBuilder().psMode(mode).build(), db,
                    RunSettings.defaults().withThreads(2).withTime(1), Output.text(NONE, NONE), 1);
            assertEquals(RunStatus.COMPLETE, r.status(), r.message());
            assertCounts(r);
        }
        assertEquals(500, rows("fromsysbench", "sbtest1"), "delete+insert keep the row count");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        OltpSchema.cleanup(db, o, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("Dropping table 'sbtest2'..."));
    }

    @Test
    void tablesPreparedByVirtbenchRunUnderSysbench() throws Exception {
        NativeTools.assumeInstalled("sysbench");
        DbTarget db = TestDb.database("fromvirtbench");
        OltpOptions o = OltpOptions.builder().test(OltpScript.READ_WRITE).tables(2).tableSize(500).build();
        OltpSchema.prepare(db, o, 2, NONE, NONE, StopSignal.never());
        for (PsMode mode : PsMode.values()) {
            RunResult r = SysbenchOltp.run(o.toBuilder().psMode(mode).build(), db, RunSettings.defaults().withThreads(2).withTime(1));
            assertEquals("sysbench", r.tool());
            assertEquals("1.0.20", r.toolVersion());
            assertEquals("oltp_read_write", r.test());
            assertCounts(r);
            assertTrue(r.value("client_cpu_ms_per_transaction") > 0, "the child's CPU time was read");
        }
        NativeTool.Result clean = SysbenchOltp.cleanup(o, db);
        assertTrue(clean.stdout().contains("Dropping table 'sbtest1'..."), clean.stdout());
        try (Connection c = TestDb.root(null); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='fromvirtbench'");
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }

    /**
     * 14 reads and 2 other per read_write transaction; a transaction restarted after a deadlock
     * (500 rows, 'special' ids: likely) also counts the statements of its failed tries.
     */
    static void assertCounts(RunResult r) {
        long trx = (long) r.value("transactions");
        long errors = (long) r.value("ignored_errors");
        long reads = (long) r.value("read_queries");
        assertTrue(trx > 0);
        assertTrue(reads >= 14 * trx && reads <= 14 * (trx + errors), reads + " reads, " + trx + " trx, " + errors + " errors");
        if (errors == 0) {
            assertEquals(14 * trx, reads);
            assertEquals(2 * trx, (long) r.value("other_queries"));
        }
        assertEquals(0, r.value("reconnects"));
    }

    /** Digits become N: the statement shapes sysbench and virtbench sent, with their protocol. */
    static List<String> shapes(List<GeneralLog.Entry> sent) {
        List<String> out = new ArrayList<>();
        for (GeneralLog.Entry e : sent) {
            out.add(e.command() + " " + e.argument().replaceAll("\\d+", "N"));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "auto"})
    void sysbenchAndVirtbenchSendTheSameStatements(String mode) throws Exception {
        NativeTools.assumeInstalled("sysbench");
        String name = "samestatements_" + mode;
        DbTarget db = TestDb.database(name);
        PsMode ps = PsMode.parse(mode);
        OltpOptions o = OltpOptions.builder().test(OltpScript.READ_WRITE).tables(1).tableSize(300).psMode(ps).build();
        OltpSchema.prepare(db, o, 1, NONE, NONE, StopSignal.never());
        String protocol = ps == PsMode.DISABLE ? "Query" : "Execute";
        List<String> sysbench;
        try (GeneralLog log = GeneralLog.start()) {
            SysbenchOltp.run(o, db, RunSettings.defaults().withTime(0).withEvents(2));
            List<List<GeneralLog.Entry>> cons = log.connections(name);
            assertEquals(1, cons.size());
            List<GeneralLog.Entry> t = GeneralLog.transactions(cons.get(0));
            assertTrue(t.stream().allMatch(e -> e.command().equals(protocol)), "sysbench --db-ps-mode=" + mode + ": " + protocol);
            sysbench = shapes(t);
        }
        List<String> virtbench;
        try (GeneralLog log = GeneralLog.start()) {
            Measurement m = Harness.run(new OltpWorkload(o, db, 1, StopSignal.never()),
                    RunSettings.defaults().withTime(0).withEvents(2), Harness.SILENT, StopSignal.never());
            assertEquals(Measurement.Status.COMPLETE, m.status());
            List<List<GeneralLog.Entry>> cons = log.connections(name);
            virtbench = shapes(GeneralLog.transactions(cons.get(0)));
        }
        assertEquals(40, sysbench.size(), String.join("\n", sysbench));
        assertEquals(sysbench, virtbench);
    }

    @Test
    void theIdDistributionMatchesSysbenchs() throws Exception {
        NativeTools.assumeInstalled("sysbench");
        Path script = tmp.resolve("ids.lua");
        Files.writeString(script, """
                function event()
                  local t = {}
                  for i = 1, 100000 do
                    t[#t+1] = sysbench.rand.default(1, 10000)
                  end
                  io.write(table.concat(t, "\\n"), "\\n")
                end
                """);
        for (SbRandom.Type type : new SbRandom.Type[] {SbRandom.Type.SPECIAL, SbRandom.Type.UNIFORM}) {
            NativeTool.Result res = NativeTool.run(List.of("sysbench", script.toString(), "--events=1",
                    "--rand-type=" + type.label(), "run"), null, Duration.ofSeconds(60));
            assertEquals(0, res.exitCode(), res.stderr());
            long[] nat = res.stdout().lines().filter(l -> l.matches("\\d+")).mapToLong(Long::parseLong).toArray();
            assertEquals(100000, nat.length);
            SbRandom r = new SbRandom(42, 4242, new SbRandom.Spec(type, 12, 1, 75, 0.2));
            long[] ours = new long[nat.length];
            for (int i = 0; i < ours.length; i++) {
                ours[i] = r.next(1, 10000);
            }
            // the same shape: share of the middle band and deciles within sampling noise
            assertEquals(band(nat), band(ours), 0.01, type + " middle band share");
            Arrays.sort(nat);
            Arrays.sort(ours);
            for (int d = 1; d < 10; d++) {
                int i = d * nat.length / 10;
                assertEquals(nat[i], ours[i], 150, type + " decile " + d);
            }
            assertTrue(ours[0] >= 1 && ours[ours.length - 1] <= 10000);
        }
    }

    static double band(long[] v) {
        return Arrays.stream(v).filter(x -> x >= 4975 && x <= 5051).count() / (double) v.length;
    }

    @Test
    void crosscheckAlternatesAndReportsRatiosAndCpu() throws Exception {
        NativeTools.assumeInstalled("sysbench");
        DbTarget db = TestDb.database("crosscheck");
        OltpOptions o = OltpOptions.builder().tables(1).tableSize(300).build();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Output text = new Output(OutputFormat.TEXT, out, NONE, null, null, StopSignal.never());
        int code = OltpSession.crosscheck(o, db, RunSettings.defaults().withTime(1), text, 2, List.of(1, 2), 0, false, true, true);
        assertEquals(0, code);
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("crosscheck oltp oltp_read_only --threads=1: sysbench vs virtbench"), s);
        assertTrue(s.contains("crosscheck oltp oltp_read_only --threads=2: sysbench vs virtbench"), s);
        assertTrue(s.contains("client CPU time per transaction"), s);
        assertTrue(s.contains("crosscheck oltp summary: median ratio virtbench/sysbench"), s);
        assertEquals(4, s.lines().filter(l -> l.matches("\\s+[12]  (sysbench|virtbench) .*\\d\\.\\d{3}")).count(), s);
        try (Connection c = TestDb.root(null); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='crosscheck'");
            rs.next();
            assertEquals(0, rs.getLong(1), "cleaned up");
        }
    }
}
