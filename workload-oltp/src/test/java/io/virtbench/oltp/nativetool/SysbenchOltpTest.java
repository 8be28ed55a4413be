package io.virtbench.oltp.nativetool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.nativetool.NativeParseException;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.PaperLogs;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.PsMode;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpScript;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysbenchOltpTest {

    static double mean(List<RunResult> runs, String test, String metric) {
        return runs.stream().filter(r -> test.equals(r.test())).mapToDouble(r -> r.value(metric)).average().orElseThrow();
    }

    @Test
    void everyPaperLogParses210RunsWithIntervals() throws NativeParseException {
        for (Path p : PaperLogs.files("database")) {
            List<RunResult> runs = SysbenchOltp.parse(p.getFileName().toString(), PaperLogs.read(p));
            assertEquals(210, runs.size(), p.toString());
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                // the study ran read_only, read_write, write_only, 10 iterations of threads 10..70 each
                String want = i < 70 ? "oltp_read_only" : i < 140 ? "oltp_read_write" : "oltp_write_only";
                assertEquals(want, r.test(), p + " run " + (i + 1));
                assertEquals("sysbench", r.tool());
                assertEquals("1.0.20", r.toolVersion());
                assertEquals((long) (10 * (i % 7 + 1)), r.parameters().get("threads"), r.source());
                assertEquals(r.value("total_events"), r.value("transactions"), r.source());
                assertEquals(r.value("queries"), r.value("read_queries") + r.value("write_queries") + r.value("other_queries"));
                assertEquals(0, r.value("ignored_errors"));
                assertEquals(0, r.value("reconnects"));
                // --time=20 with 1 s intervals; a few runs overran (one docker run stalled for 140 s)
                double total = r.value("total_time_seconds");
                assertTrue(total > 19.9, r.source());
                assertEquals(Math.floor(total), r.intervals().size(), 1.0, r.source() + " " + r.intervals().size());
                assertEquals(95, r.latency().percentile());
            }
        }
    }

    @Test
    void theStudysBaselines() throws NativeParseException {
        List<RunResult> metal = SysbenchOltp.parse("metal", PaperLogs.read(PaperLogs.file("database", "-metal-")));
        assertEquals(1456.69, mean(metal, "oltp_read_only", "transactions_per_second"), 0.005, "the issue's figure: 1456.7");
        // the thesis' baselines: mean count of transactions in one 20 s run, over all concurrency levels
        assertEquals(29325, mean(metal, "oltp_read_only", "transactions"), 0.5);
        assertEquals(5945, mean(metal, "oltp_write_only", "transactions"), 0.5);
        // 3274.96 in the logs; the thesis prints 3274 (truncated)
        assertEquals(3274, mean(metal, "oltp_read_write", "transactions"), 1.0);
        RunResult first = metal.get(0);
        assertEquals(1155.67, first.value("transactions_per_second"));
        assertEquals(13868.09, first.value("queries_per_second"));
        assertEquals(23139, first.value("transactions"));
        assertEquals(231390, first.value("read_queries"));
        assertEquals(46278, first.value("other_queries"));
        assertEquals(20.0209, first.value("total_time_seconds"));
        assertEquals(13.70, first.value("latency_p95_ms"));
        assertEquals(200016.12, first.latency().sumMs());
        assertEquals(16.60, first.fairness().eventsStddev());
        assertEquals("metal:1", first.source());
        assertEquals(20, first.intervals().size());
        Map<String, Double> i1 = first.intervals().get(0).values();
        assertEquals(668.96, i1.get("transactions_per_second"));
        assertEquals(8095.16, i1.get("queries_per_second"));
        assertEquals(6748.29, i1.get("read_queries_per_second"));
        assertEquals(1346.87, i1.get("other_queries_per_second"));
        assertEquals(28.67, i1.get("latency_p95_ms"));
        assertEquals(10.0, i1.get("threads"));
    }

    @Test
    void readsTheLuaReportHookVariantAndErrors() throws NativeParseException {
        String log = """
                sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)

                Running the test with following options:
                Number of threads: 4
                Report intermediate results every 1 second(s)
                Initializing random number generator from current time


                Initializing worker threads...

                Threads started!

                [ 1s ] thds: 4 tps: 100.00 qps: 2000.00 (r/w/o: 1400.00/400.00/200.00) lat (ms,99%): 9.39 err/s 1.00 reconn/s: 2.00
                [ 1s ] queue length: 0, concurrency: 0
                SQL statistics:
                    queries performed:
                        read:                            1400
                        write:                           400
                        other:                           200
                        total:                           2000
                    transactions:                        100    (99.88 per sec.)
                    queries:                             2000   (1997.60 per sec.)
                    ignored errors:                      1      (1.00 per sec.)
                    reconnects:                          2      (2.00 per sec.)

                General statistics:
                    total time:                          1.0012s
                    total number of events:              100

                Latency (ms):
                         min:                                    0.94
                         avg:                                    0.95
                         max:                                    1.28
                         99th percentile:                        0.97
                         sum:                                 97.60

                Threads fairness:
                    events (avg/stddev):           25.0000/0.00
                    execution time (avg/stddev):   0.0244/0.00

                """;
        RunResult r = SysbenchOltp.parse("x", log).get(0);
        assertEquals("oltp_read_write", r.test());
        assertEquals(1, r.value("ignored_errors"));
        assertEquals(2, r.value("reconnects_per_second"));
        assertEquals(0.97, r.value("latency_p99_ms"));
        assertEquals(1, r.intervals().size());
        assertEquals(1.0, r.intervals().get(0).values().get("ignored_errors_per_second"));
        assertEquals(9.39, r.intervals().get(0).values().get("latency_p99_ms"));
    }

    @Test
    void aFatalRunOrANonOltpLogIsAnErrorWithItsLine() {
        String fatal = """
                sysbench 1.0.20 (using bundled LuaJIT 2.1.0-beta2)

                Initializing worker threads...

                FATAL: unable to connect to MySQL server on host 'localhost', port 3306, aborting...
                FATAL: error 2002: Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)
                """;
        NativeParseException e = assertThrows(NativeParseException.class, () -> SysbenchOltp.parse("x", fatal));
        assertTrue(e.getMessage().contains("FATAL: unable to connect"), e.getMessage());
        assertEquals(5, e.line());
        assertThrows(NativeParseException.class, () -> SysbenchOltp.parse("x", "nothing here\n"));
        String cpu = PaperLogs.read(PaperLogs.files("cpu").get(0));
        assertThrows(NativeParseException.class, () -> SysbenchOltp.parse("cpu", cpu));
    }

    @Test
    void theEquivalentCommandLineMasksThePassword() {
        OltpOptions o = OltpOptions.builder().test(OltpScript.WRITE_ONLY).tables(8).tableSize(1_000_000).rangeSelects(false)
                .psMode(PsMode.DISABLE).build();
        DbTarget t = DbTarget.of("db.example", 3306, "sbtest", "pw'secret", "sbtest");
        RunSettings s = RunSettings.defaults().withThreads(10).withTime(20).withReportInterval(1);
        assertEquals(List.of("sysbench", "oltp_write_only", "--tables=8", "--table-size=1000000", "--range_selects=off",
                "--db-ps-mode=disable", "--mysql-host=db.example", "--mysql-port=3306", "--mysql-user=sbtest",
                "--mysql-password=*****", "--mysql-db=sbtest", "--threads=10", "--time=20", "--events=0",
                "--report-interval=1", "run"), SysbenchOltp.command("run", o, t, s, false));
        assertTrue(SysbenchOltp.command("run", o, t, s, true).contains("--mysql-password=pw'secret"));
        String line = SysbenchOltp.commandLine(o, t, s);
        assertTrue(!line.contains("secret"), line);
        DbTarget url = new DbTarget("jdbc:mysql://10.0.0.5:3307/bench?password=xyz", "x", 3306, "u", "", "sbtest", false);
        List<String> c = SysbenchOltp.command("prepare", o, url, s, false);
        assertTrue(c.contains("--mysql-host=10.0.0.5") && c.contains("--mysql-port=3307") && c.contains("--mysql-db=bench"), c.toString());
        assertEquals("prepare", c.get(c.size() - 1));
        assertEquals("jdbc:mysql://10.0.0.5:3307/bench?password=*****", DbTarget.maskUrl(url.url()));
        assertEquals("jdbc:mysql://u:*****@h:1/d", DbTarget.maskUrl("jdbc:mysql://u:pw@h:1/d"));
        assertNull(DbTarget.maskUrl(null));
    }

    @Test
    void scriptNamesAreAccepted() {
        assertEquals(OltpScript.READ_ONLY, OltpScript.parse("oltp_read_only"));
        assertEquals(OltpScript.READ_ONLY, OltpScript.parse("/usr/share/sysbench/oltp_read_only.lua"));
        assertEquals(OltpScript.WRITE_ONLY, OltpScript.parse("write-only"));
        assertEquals(OltpScript.READ_WRITE, OltpScript.parse("read_write"));
        assertThrows(io.virtbench.core.UserException.class, () -> OltpScript.parse("oltp_insert"));
    }
}
