package io.virtbench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository the tests run in: its root, its modules, its main classes. */
final class Repo {
    private static JavaClasses classes;

    private Repo() {
    }

    /** The directory holding the root pom (the one that lists the modules), found from the working directory up. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                    return p;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no root pom.xml above " + Path.of("").toAbsolutePath());
    }

    /** Workload names from the root pom's modules: workload-cpu gives cpu. */
    static List<String> workloads() {
        try {
            String pom = Files.readString(root().resolve("pom.xml"));
            Matcher m = Pattern.compile("<module>workload-([a-z0-9]+)</module>").matcher(pom);
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> workloadPackages() {
        return workloads().stream().map(w -> "io.virtbench." + w + "..").toList();
    }

    /** Every module's main classes (never tests: tests may read the clock and print). */
    static synchronized JavaClasses mainClasses() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                    .importPaths(mainClassDirs());
        }
        return classes;
    }

    /** target/classes of every module: read from the build, not the classpath, so none is missed. */
    static List<Path> mainClassDirs() {
        try (Stream<Path> dirs = Files.list(root())) {
            List<Path> out = dirs.map(d -> d.resolve("target/classes")).filter(Files::isDirectory).sorted().toList();
            if (out.size() < workloads().size() + 4) {
                throw new IllegalStateException("expected every module's target/classes under " + root() + ", found " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
