package io.virtbench.suite.platform;

import io.virtbench.core.FileTrees;
import io.virtbench.core.UserException;
import io.virtbench.core.nativetool.NativeTool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code virtbench bundle}: virtbench for a machine without Java 17 (any x86-64 glibc Linux): a
 * runtime linked with {@code jlink} from the running JDK holding only the modules virtbench
 * uses, the jar, and {@code bin/virtbench}, as a directory or a {@code .tar.gz} whose top
 * directory is {@code virtbench/}.
 */
public final class Bundle {
    /**
     * What virtbench and its libraries use ({@code jdeps --print-module-deps} over the fat jar), plus
     * jdk.compiler, the compiler the pipeline workload compiles with through java.compiler's API.
     */
    public static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.naming",
            "java.security.sasl", "java.sql", "jdk.jfr", "jdk.management", "jdk.unsupported", "jdk.compiler");

    /**
     * Finds the runtime and the jar from this layout: {@code bin/virtbench} → {@code ../runtime}, {@code ../lib}.
     * Help and version, which measure nothing, skip the optimising compiler: it only costs start-up there.
     */
    static final String LAUNCHER = """
            #!/bin/sh
            # virtbench with its own Java runtime (made by 'virtbench bundle'): no Java needed on this machine.
            case "$0" in */*) here=${0%/*} ;; *) here=. ;; esac
            case "${1-}" in
              -h|--help|-V|--version|help) c1=-XX:TieredStopAtLevel=1 ;;
              *) c1= ;;
            esac
            exec "$here/../runtime/bin/java" $c1 -jar "$here/../lib/virtbench.jar" "$@"
            """;

    private static final Duration JLINK_TIMEOUT = Duration.ofMinutes(10);

    private Bundle() {
    }

    /**
     * Writes the bundle.
     *
     * @param out      a directory (created; must not exist or be empty) or a file ending in .tar.gz
     * @param javaHome the JDK to link from (its bin/jlink and jmods)
     * @param jar      virtbench's jar
     */
    public static Path write(Path out, Path javaHome, Path jar, PrintStream log) throws IOException {
        boolean tarball = out.getFileName().toString().endsWith(".tar.gz") || out.getFileName().toString().endsWith(".tgz");
        Path jlink = javaHome.resolve("bin").resolve("jlink");
        if (!Files.isExecutable(jlink)) {
            throw UserException.usage("bundle needs a JDK with jlink, but " + javaHome + " has none (Debian: openjdk-17-jdk-headless)");
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw UserException.usage("bundle needs virtbench's jar, but this virtbench does not run from one (" + jar + ")");
        }
        if (!tarball && Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
            throw UserException.usage("invalid value for --out: " + out + " exists and is not an empty directory");
        }
        if (tarball && Files.exists(out)) {
            throw UserException.usage("invalid value for --out: " + out + " exists");
        }
        Path dir = tarball ? Files.createTempDirectory("virtbench-bundle-").resolve("virtbench") : out;
        try {
            Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("lib"));
            List<String> cmd = new ArrayList<>(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES),
                    "--output", dir.resolve("runtime").toString(), "--strip-debug", "--no-header-files", "--no-man-pages",
                    // the class-data sharing archive a JDK ships with: start-up as fast as the JDK's own java
                    "--generate-cds-archive",
                    "--compress=" + (Runtime.version().feature() >= 21 ? "zip-6" : "2")));
            log.println("virtbench bundle: linking a runtime of " + MODULES.size() + " modules from " + javaHome);
            NativeTool.Result r = NativeTool.run(cmd, null, JLINK_TIMEOUT);
            if (r.exitCode() != 0) {
                throw new UserException("jlink failed: " + r.firstErrorLine());
            }
            Files.copy(jar, dir.resolve("lib").resolve("virtbench.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path launcher = dir.resolve("bin").resolve("virtbench");
            Files.writeString(launcher, LAUNCHER);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (!tarball) {
                return dir;
            }
            NativeTool.Result tar = NativeTool.run(List.of("tar", "-czf", out.toAbsolutePath().toString(), "-C",
                    dir.getParent().toString(), "virtbench"), null, JLINK_TIMEOUT);
            if (tar.exitCode() != 0) {
                Files.deleteIfExists(out);
                throw new UserException("tar failed: " + tar.firstErrorLine());
            }
            return out;
        } finally {
            if (tarball) {
                deleteTree(dir.getParent());
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Removes a directory this class created (never a mount point: it holds only what jlink and this class wrote). */
    static void deleteTree(Path dir) throws IOException {
        FileTrees.delete(dir);
    }
}
