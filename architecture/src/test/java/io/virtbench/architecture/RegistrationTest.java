package io.virtbench.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.report.Feature;
import io.virtbench.report.Scheme;
import io.virtbench.suite.Profile;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * A workload is registered in every place a user meets it: its command, its crosscheck against
 * the native tool, a feature of the report's scheme, a step of both suite profiles, a row of the
 * README's command table and CI's native tools. docs/adding-a-workload.md is the recipe; this
 * test is its checklist. A workload that cannot have one of these is listed with the reason.
 */
class RegistrationTest {
    /** Workloads without a native tool to cross-check against, and why. */
    static final Map<String, String> NO_CROSSCHECK = Map.of(
            "pipeline", "the study's GitLab job has no command-line equivalent; its CSV is imported instead",
            "boot", "boot time is the platform's launch-to-ready, timed around any command (bash time in the study)",
            "micro", "no native tool measures these costs; each op's system calls are checked with strace instead");

    /** Workloads that no profile runs as a step, and why. */
    static final Map<String, String> NO_PROFILE_STEP = Map.of(
            "boot", "boot time is measured by suite --on for each guest it starts, not by a step inside one");

    /** Workloads the report's built-in scheme does not score, and why. */
    static final Map<String, String> NO_SCHEME_FEATURE = Map.of();

    @Test
    void everyWorkloadModuleHasItsCommand() throws Exception {
        Set<String> commands = commandNames(Class.forName("io.virtbench.launcher.Main"), "COMMANDS");
        assertMissing("launcher Main.COMMANDS", Repo.workloads(), commands, Map.of());
    }

    @Test
    void everyWorkloadWithANativeToolHasACrosscheck() throws Exception {
        Command c = Class.forName("io.virtbench.launcher.CrosscheckCommand").getAnnotation(Command.class);
        Set<String> names = Arrays.stream(c.subcommands()).map(s -> s.getAnnotation(Command.class).name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertMissing("crosscheck subcommands", Repo.workloads(), names, NO_CROSSCHECK);
    }

    @Test
    void everyWorkloadIsAFeatureOfTheReport() {
        Set<String> scored = Scheme.builtIn().features().stream().map(Feature::workload)
                .collect(Collectors.toCollection(TreeSet::new));
        assertMissing("the report's built-in schemes (report/.../default-scheme.txt, beyond-scheme.txt)", Repo.workloads(), scored,
                NO_SCHEME_FEATURE);
    }

    @Test
    void everyWorkloadIsAStepOfBothProfiles() {
        for (String profile : List.of("quick", "thesis")) {
            Set<String> run = Profile.load(profile).steps().stream()
                    .map(s -> s.command().strip().split("\\s+")[0])
                    .collect(Collectors.toCollection(TreeSet::new));
            assertMissing("the " + profile + " profile's steps", Repo.workloads(), run, NO_PROFILE_STEP);
        }
    }

    @Test
    void everyWorkloadHasAReadmeRow() throws IOException {
        String readme = Files.readString(Repo.root().resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (String w : Repo.workloads()) {
            if (!readme.contains("`virtbench " + w) && !readme.contains("/ `" + w + "`")) {
                missing.add(w);
            }
            assertTrue(Files.isRegularFile(Repo.root().resolve("workload-" + w).resolve("README.md")),
                    "workload-" + w + "/README.md");
        }
        assertEquals(List.of(), missing, "workloads without a row in the README's command table");
    }

    @Test
    void theExemptionsNameRealWorkloads() {
        for (Map<String, String> m : List.of(NO_CROSSCHECK, NO_PROFILE_STEP, NO_SCHEME_FEATURE)) {
            assertTrue(Repo.workloads().containsAll(m.keySet()), "exempted but no such module: " + m.keySet());
        }
    }

    private static Set<String> commandNames(Class<?> main, String field) throws ReflectiveOperationException {
        Field f = main.getDeclaredField(field);
        f.setAccessible(true);
        Set<String> names = new TreeSet<>();
        for (Object o : (List<?>) f.get(null)) {
            names.add(((Class<?>) o).getAnnotation(Command.class).name());
        }
        return names;
    }

    private static void assertMissing(String where, List<String> workloads, Set<String> present,
                                      Map<String, String> exempt) {
        List<String> missing = workloads.stream().filter(w -> !present.contains(w) && !exempt.containsKey(w)).toList();
        assertEquals(List.of(), missing, "workloads missing from " + where);
        List<String> needless = exempt.keySet().stream().filter(present::contains).sorted().toList();
        assertEquals(List.of(), needless, "exempted from " + where + " but present there: drop the exemption");
    }
}
