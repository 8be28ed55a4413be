package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.http.server.HttpServer;
import io.virtbench.http.server.ServeOptions;
import io.virtbench.oltp.db.LocalMariaDb;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password reaches standard output, standard error or any file virtbench writes: given as an
 * option, in a URL's parameters or as {@code user:password@}, for a database that works and for
 * one that refuses. And {@code http serve} logs in with the user and password of its URL.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SecretsCliTest {
    private static final String PASSWORD = "L3ak-pw-1";
    private static LocalMariaDb db;

    @TempDir
    Path tmp;

    @BeforeAll
    static void database() throws Exception {
        db = LocalMariaDb.start(LocalMariaDb.mariaDb4jJar().orElseThrow(), null);
        db.createDatabase("sbtest", "leaker", PASSWORD);
        db.createDatabase("leak", "leaker", PASSWORD);
        try (Connection c = db.rootConnection("sbtest"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sbtest1 (id INTEGER NOT NULL AUTO_INCREMENT, k INTEGER DEFAULT '0' NOT NULL, "
                    + "c CHAR(120) DEFAULT '' NOT NULL, pad CHAR(60) DEFAULT '' NOT NULL, PRIMARY KEY (id))");
            s.execute("INSERT INTO sbtest1 (k, c, pad) VALUES (1, 'row-one', 'p')");
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static String url(String auth, String params) {
        return "jdbc:mysql://" + auth + "127.0.0.1:" + db.port() + "/sbtest?sslMode=DISABLED&allowPublicKeyRetrieval=true" + params;
    }

    @Test
    void httpServeLogsInWithTheUrlsUserAndPassword() throws Exception {
        for (String u : List.of(url("", "&user=leaker&password=" + PASSWORD), url("leaker:" + PASSWORD + "@", ""))) {
            // --db-user and --db-password at their defaults (sbtest, empty): the URL's must win
            try (HttpServer server = HttpServer.start(ServeOptions.loopback().withThreads(1).withDb(u, "sbtest", "", 1, 2))) {
                HttpURLConnection c = (HttpURLConnection) URI.create(server.url("/db")).toURL().openConnection();
                c.setConnectTimeout(5000);
                c.setReadTimeout(10_000);
                assertEquals(200, c.getResponseCode(), u);
                assertTrue(new String(c.getInputStream().readAllBytes()).startsWith("row-one"));
            }
        }
    }

    @Test
    void aRefusedUrlIsPrintedWithoutItsPassword() {
        String wrong = "Wr0ng-S3cret";
        List<String> urls = List.of(url("", "&user=leaker&password=" + wrong), url("leaker:" + wrong + "@", ""),
                "jdbc:mysql://127.0.0.1:1/sbtest?password=" + wrong);
        for (String u : urls) {
            for (String[] args : List.of(new String[] {"http", "serve", "--port", "0", "--db-url", u},
                    new String[] {"serve", "-B", "127.0.0.1", "--net-port", "0", "--http-port", "0", "--no-warmup", "--db-url", u},
                    new String[] {"http", "serve", "--port", "0", "--db-url", u.replace("jdbc:", "")})) {
                Cli c = Cli.run(args);
                assertTrue(c.code() == 1 || c.code() == 2, c.code() + " " + c.err());
                assertTrue(c.err().contains("*****"), "the URL is shown, masked: " + c.err());
                assertFalse((c.out() + c.err()).contains(wrong), String.join(" ", args) + ": " + c.out() + c.err());
            }
        }
    }

    @Test
    void noPasswordInOutputOrResultFiles() throws Exception {
        Path out = tmp.resolve("results");
        String host = "--mysql-host=127.0.0.1 --mysql-port=" + db.port() + " --mysql-user=leaker --mysql-db=leak --mysql-password=" + PASSWORD;
        List<Cli> runs = new ArrayList<>();
        runs.add(Cli.run(("oltp prepare " + host + " --tables 1 --table-size 50").split(" ")));
        runs.add(Cli.run(("oltp run " + host + " --tables 1 --table-size 50 --time 0.5 --out " + out).split(" ")));
        runs.add(Cli.run("oltp", "run", "--db-url", url("", "&user=leaker&password=" + PASSWORD).replace("/sbtest?", "/leak?"), "--tables", "1",
                "--table-size", "50", "--time", "0.5", "--out", out.toString(), "--format", "json"));
        runs.add(Cli.run(("oltp cleanup " + host + " --tables 1").split(" ")));
        // a profile whose step carries the password: the suite's command.txt, output and summary
        Path profile = tmp.resolve("leaky.profile");
        Files.writeString(profile, "name = leaky\nstep oltp-run = oltp run " + host
                + " --tables 1 --table-size 50 --time 0.5\nstep oltp-cleanup = oltp cleanup " + host + " --tables 1\n");
        runs.add(Cli.run(("oltp prepare " + host + " --tables 1 --table-size 50").split(" ")));
        runs.add(Cli.run("suite", "--profile", profile.toString(), "--out", tmp.resolve("suite").toString()));
        for (Cli c : runs) {
            assertEquals(0, c.code(), c.err());
            assertFalse((c.out() + c.err()).contains(PASSWORD), c.out() + c.err());
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(tmp)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.equals(profile)).toList();
        }
        assertTrue(files.stream().filter(p -> p.toString().endsWith(".json")).count() >= 3, files.toString());
        assertTrue(files.stream().anyMatch(p -> p.endsWith("command.txt")), files.toString());
        for (Path f : files) {
            String text = read(f);
            assertFalse(text.contains(PASSWORD), f + " holds the password: " + text);
        }
        String command = read(tmp.resolve("suite/steps/oltp-run/command.txt"));
        assertTrue(command.contains("--mysql-password=*****"), command);
    }

    private static String read(Path f) throws IOException {
        return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
