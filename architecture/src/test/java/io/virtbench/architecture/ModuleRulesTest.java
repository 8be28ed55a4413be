package io.virtbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/architecture.md, on the compiled classes: core knows no workload; a
 * workload knows core and itself only; the report and the suite never reach into a workload's
 * internals beyond what Maven lets them see; no package cycles anywhere. Maven already keeps a
 * module from compiling against one it does not declare; these rules also hold inside a module
 * and survive a dependency someone adds to a pom.
 */
class ModuleRulesTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = Repo.mainClasses();
    }

    @Test
    void coreDependsOnNoOtherPartOfVirtbench() {
        List<String> others = new ArrayList<>(Repo.workloadPackages());
        others.addAll(List.of("io.virtbench.report..", "io.virtbench.suite..", "io.virtbench.launcher..",
                "io.virtbench.k8s.."));
        noClasses().that().resideInAPackage("io.virtbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("core is the base every module builds on")
                .check(classes);
    }

    @Test
    void aWorkloadDependsOnCoreAndItselfOnly() {
        for (String w : Repo.workloadPackages()) {
            List<String> forbidden = new ArrayList<>(Repo.workloadPackages());
            forbidden.remove(w);
            forbidden.addAll(List.of("io.virtbench.report..", "io.virtbench.suite..", "io.virtbench.launcher..",
                    "io.virtbench.k8s.."));
            noClasses().that().resideInAPackage(w)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("each workload module is testable alone, over core")
                    .check(classes);
        }
    }

    @Test
    void theReportReadsResultsNotWorkloads() {
        noClasses().that().resideInAPackage("io.virtbench.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.virtbench.suite..", "io.virtbench.launcher..",
                        "io.virtbench.k8s..")
                .check(classes);
    }

    @Test
    void onlyTheLauncherAndK8sUsePicocli() {
        noClasses().that().resideOutsideOfPackages("io.virtbench.launcher..", "io.virtbench.k8s..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("the command line is wired in the launcher; workloads take plain options records")
                .check(classes);
    }

    @Test
    void theGuestJarKeepsNoKubernetesClient() {
        noClasses().that().resideOutsideOfPackage("io.virtbench.k8s..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.virtbench.k8s..")
                .because("the fabric8 client stays in virtbench-k8s.jar, out of the jar copied into guests")
                .check(classes);
    }

    /**
     * Every package is a slice of its own, a module's top package included (a pattern such as
     * {@code io.virtbench.fileio.(*)..} would leave it out): a package cycle, even between a
     * workload's top package and one of its rooms, means the rooms are not layered.
     */
    @Test
    void packagesHaveNoCycles() {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith("io.virtbench.") ? SliceIdentifier.of(c.getPackageName())
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package of virtbench";
            }
        };
        slices().assignedFrom(byPackage).should().beFreeOfCycles()
                .because("a module's packages are layered: its top package and its rooms never depend on each other both ways")
                .check(classes);
    }

    @Test
    void virtbenchModulesHaveNoCycles() {
        slices().matching("io.virtbench.(*)..").should().beFreeOfCycles().check(classes);
    }
}
