package io.virtbench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules on what workload code may do itself. Each exception is listed with its reason; a new
 * class that breaks a rule fails the build until it is fixed or listed here with a reason.
 */
class CodeRulesTest {
    static JavaClasses classes;

    /**
     * Workload classes that still read {@code System.nanoTime()} or {@code currentTimeMillis()}
     * themselves, and why. Everything else takes time from core's clock package or the harness.
     */
    static final Map<String, String> CLOCK_READERS = Map.of(
            "io.virtbench.micro.MicroWorkload", "the clock op measures the cost of System.nanoTime() itself",
            "io.virtbench.http.server.ServerConnection", "the HTTP Date header is wall-clock time, not a measurement");

    /**
     * Core owns the time of every workload (issue 24): workload classes do not read
     * {@code MonotonicClock.nanos()} either, but take time from core's harness, its byte-stream
     * meter, its request slots, or {@code Stopwatch}/{@code JobTimer}/{@code Deadline}/{@code Poller}
     * for a timed external job (boot, pipeline, a prepare). A seed left to chance is
     * {@code MonotonicClock.seed()}, not a clock read.
     */
    static final List<String> TIME_OWNED_BY_CORE = Repo.workloadPackages();

    /** Workload classes that read {@code MonotonicClock.nanos()}, and why: time stamps the protocol itself carries. */
    static final Map<String, String> MONOTONIC_CLOCK_READERS = Map.of(
            "io.virtbench.net.session.IperfTime", "iperf3's UDP datagram stamps: the send stamp on the wire and its arrival, whose difference is the jitter");

    /** Workload classes that print themselves, and why; all others print through core's Output. */
    static final Map<String, String> PRINTERS = Map.of(
            "io.virtbench.pipeline.PipelineJob", "the main class of the job's own child JVM: its stdout is the job log",
            "io.virtbench.net.ServerMain", "the main class of the crosscheck's server child process");

    @BeforeAll
    static void importMainClasses() {
        classes = Repo.mainClasses();
    }

    @Test
    void workloadsTakeTimeFromCore() {
        DescribedPredicate<JavaClass> exempt = DescribedPredicate.describe("listed in CLOCK_READERS",
                c -> CLOCK_READERS.containsKey(outer(c)));
        noClasses().that().resideInAnyPackage(Repo.workloadPackages().toArray(String[]::new))
                .and(DescribedPredicate.not(exempt))
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("every figure comes from core's clock (io.virtbench.core.clock) or the harness")
                .check(classes);
    }

    @Test
    void coreOwnsTheTimeOfEveryWorkload() {
        DescribedPredicate<JavaClass> exempt = DescribedPredicate.describe("listed in MONOTONIC_CLOCK_READERS",
                c -> MONOTONIC_CLOCK_READERS.containsKey(outer(c)));
        noClasses().that().resideInAnyPackage(TIME_OWNED_BY_CORE.toArray(String[]::new))
                .and(DescribedPredicate.not(exempt))
                .should().callMethod("io.virtbench.core.clock.MonotonicClock", "nanos")
                .because("core's clock package, harness, byte-stream meter and request slots own the clock, phases,"
                        + " deadlines and intervals of every workload")
                .check(classes);
    }

    @Test
    void workloadsDoNotPrintThemselves() {
        DescribedPredicate<JavaClass> exempt = DescribedPredicate.describe("listed in PRINTERS",
                c -> PRINTERS.containsKey(outer(c)));
        noClasses().that().resideInAnyPackage(Repo.workloadPackages().toArray(String[]::new))
                .and(DescribedPredicate.not(exempt))
                .should().accessField(System.class, "out")
                .because("a workload's output goes through core's Output, which honours --format and keeps stdout parseable")
                .check(classes);
    }

    @Test
    void theExceptionsStillExist() {
        // a listed class that was renamed or fixed must leave the list, or the list hides the next one
        for (String name : CLOCK_READERS.keySet()) {
            classes.get(name);
        }
        for (String name : MONOTONIC_CLOCK_READERS.keySet()) {
            classes.get(name);
        }
        for (String name : PRINTERS.keySet()) {
            classes.get(name);
        }
    }

    private static String outer(JavaClass c) {
        String n = c.getName();
        int dollar = n.indexOf('$');
        return dollar < 0 ? n : n.substring(0, dollar);
    }
}
