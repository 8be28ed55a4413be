package io.virtbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void parsesStepsServicesAndVarsInOrder() {
        Profile p = Profile.parse("x.profile", """
                # a comment
                name = mine
                description = two steps   # trailing comment
                var work = {out}/files
                service net = net server -p {net-port}
                ready net = tcp:127.0.0.1:{net-port}
                step b = cpu --time 1
                step a = fileio run --dir {work}
                """);
        assertEquals("mine", p.name());
        assertEquals("two steps", p.description());
        assertEquals(List.of("b", "a"), p.steps().stream().map(Profile.Step::name).toList());
        assertEquals("tcp:127.0.0.1:{net-port}", p.services().get(0).ready());
        assertEquals(Map.of("work", "{out}/files"), p.vars());
    }

    @Test
    void errorsNameTheFileAndLine() {
        UserException e = assertThrows(UserException.class, () -> Profile.parse("p.profile", "name = x\nstep = cpu\n"));
        assertTrue(e.getMessage().startsWith("p.profile:2: "), e.getMessage());
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(assertThrows(UserException.class, () -> Profile.parse("p", "steps cpu = cpu"))
                .getMessage().startsWith("p:1: "));
        assertTrue(assertThrows(UserException.class, () -> Profile.parse("p", "step a = cpu\nstep a = cpu"))
                .getMessage().contains("defined twice"));
        assertTrue(assertThrows(UserException.class, () -> Profile.parse("p", "name = x"))
                .getMessage().contains("no steps"));
        assertTrue(assertThrows(UserException.class, () -> Profile.parse("p", "ready s = tcp:a:1\nstep a = cpu"))
                .getMessage().contains("names no service"));
    }

    @Test
    void placeholdersAndQuoting() {
        assertEquals("net client 10.0.0.2 -p 5201", Profile.substitute("net client {target} -p {port}",
                Map.of("target", "10.0.0.2", "port", "5201")));
        assertThrows(UserException.class, () -> Profile.substitute("{nope}", Map.of()));
        assertEquals(List.of("http", "bench", "-H", "Accept: text/html", "", "x"),
                Profile.split("http bench -H 'Accept: text/html' \"\" x"));
        assertThrows(UserException.class, () -> Profile.split("a 'b"));
    }

    @Test
    void builtInProfilesLoad() {
        for (String name : List.of("quick", "thesis")) {
            Profile p = Profile.load(name);
            assertEquals(name, p.name());
            assertTrue(p.steps().size() >= 2);
        }
        UserException e = assertThrows(UserException.class, () -> Profile.load("nonesuch"));
        assertEquals(UserException.USAGE, e.exitCode());
    }

    /** A guest of suite --on gets the profile as text: it must read back as the same profile. */
    @Test
    void toTextReadsBackAsTheSameProfile() {
        for (String name : List.of("quick", "thesis")) {
            Profile p = Profile.load(name);
            assertEquals(p, Profile.parse("copy", p.toText()), name);
        }
    }

    @Test
    void quickRunsEveryWorkloadAndThesisTheStudysParameters() {
        Profile quick = Profile.load("quick");
        for (String g : List.of("cpu", "fileio", "net", "oltp", "http", "pipeline")) {
            assertTrue(quick.steps().stream().anyMatch(s -> SuiteRunner.group(s).equals(g)), "quick runs " + g);
        }
        Profile thesis = Profile.load("thesis");
        java.util.Map<String, String> cmd = new java.util.HashMap<>();
        thesis.steps().forEach(s -> cmd.put(s.name(), expand(thesis, s.command())));
        assertTrue(cmd.get("cpu").contains("--cpu-max-prime 10000 --threads 1 --time 10 --repeat 10"), cmd.get("cpu"));
        assertTrue(cmd.get("fileio-prepare").contains("--file-total-size 5G --file-num 128"), cmd.get("fileio-prepare"));
        for (String mode : List.of("seqrd", "seqwr")) {
            assertTrue(cmd.get("fileio-" + mode).matches(".*--file-total-size 5G .*--file-test-mode " + mode + " --time 30 --repeat 10"),
                    cmd.get("fileio-" + mode));
        }
        assertTrue(cmd.get("net-tcp").matches("net client \\{target} -p \\{net-port} -J -t 10 --repeat 10"), cmd.get("net-tcp"));
        assertTrue(cmd.get("net-udp").matches("net client \\{target} -p \\{net-port} -u -J -t 10 --repeat 10"), cmd.get("net-udp"));
        assertTrue(cmd.get("oltp-prepare").contains("oltp prepare oltp_read_only") && cmd.get("oltp-prepare")
                .contains("--tables 10 --table-size 1000000 --threads 4"), cmd.get("oltp-prepare"));
        for (String script : List.of("read_only", "read_write", "write_only")) {
            String c = cmd.get("oltp-" + script.replace('_', '-'));
            assertTrue(c.startsWith("oltp run oltp_" + script + " ") && c.contains("--tables 8 --table-size 1000000 --range-selects=off "
                    + "--db-ps-mode=disable --report-interval 1 --time 20 --events 0 --sweep 10,20,30,40,50,60,70 --repeat 10 "
                    + "--sweep-pause 5"), c);
        }
        assertTrue(cmd.get("http").startsWith("http bench -r -n 5000 --sweep 10,30,60,90,120,150,180,200 --repeat 10 --sweep-pause 5 "),
                cmd.get("http"));
        assertTrue(cmd.get("pipeline").endsWith("--repeat 10"));
    }

    /** Expands the profile's own vars, leaving the built-in placeholders. */
    private static String expand(Profile p, String text) {
        java.util.Map<String, String> v = new java.util.HashMap<>();
        for (String b : List.of("out", "work", "target", "platform", "net-port", "http-port", "db-port")) {
            v.put(b, "{" + b + "}");
        }
        p.vars().forEach((k, val) -> v.put(k, Profile.substitute(val, v)));
        return Profile.substitute(text, v);
    }

    /** micro, memory, threads and mutex: in both profiles, and run inside a guest (they address no {target}). */
    @Test
    void theWorkloadsBeyondTheStudyAreGuestLocalStepsOfBothProfiles() {
        Map<String, String> values = new java.util.HashMap<>();
        for (String b : List.of("out", "work", "bind", "platform", "net-port", "http-port", "db-port")) {
            values.put(b, "x");
        }
        for (String name : List.of("quick", "thesis")) {
            Profile p = Profile.load(name);
            Map<String, Profile.Step> steps = new java.util.LinkedHashMap<>();
            p.steps().forEach(s -> steps.put(s.name(), s));
            for (String step : List.of("micro", "memory-write", "memory-read", "threads", "mutex")) {
                Profile.Step s = steps.get(step);
                assertTrue(s != null, name + " has step " + step);
                assertTrue(s.command().startsWith(step.replaceAll("-.*", "") + " "), s.command());
                assertTrue(!SuiteRunner.addressesTarget(p, Map.of(), s, values), name + ": " + step + " runs in the guest");
            }
            assertTrue(steps.get("memory-write").command().contains("--memory-oper write"));
            assertTrue(steps.get("memory-read").command().contains("--memory-oper read"));
            assertTrue(SuiteRunner.addressesTarget(p, Map.of(), steps.get("net-tcp"), values), "the net client runs on the host");
        }
        assertEquals("micro --time 0.3 --repeat 2", Profile.load("quick").steps().stream()
                .filter(s -> s.name().equals("micro")).findFirst().orElseThrow().command());
    }

    @Test
    void microIsEstimatedPerOperation() {
        assertEquals(2 * 0.5 * StepEstimate.MICRO_OPS + 2, StepEstimate.estimateSeconds(Profile.split("micro --time 0.5 --repeat 2")), 1e-9);
        assertEquals(2 * 1 + 2, StepEstimate.estimateSeconds(Profile.split("micro --op syscall,clock --time 1")), 1e-9);
        assertEquals(3 * 1 + 2, StepEstimate.estimateSeconds(Profile.split("micro --op=stat,pipe,spawn --time=1")), 1e-9);
        assertEquals(2 * 1 + 2, StepEstimate.estimateSeconds(Profile.split("memory --time 1 --repeat 2")), 1e-9);
    }

    @Test
    void estimatesFollowTimeRepeatAndSweeps() {
        assertEquals(3 * 5 + 2, StepEstimate.estimateSeconds(Profile.split("cpu --time 5 --repeat 3")), 1e-9);
        assertEquals(2 * (7 * 20 + 6 * 5) + 2,
                StepEstimate.estimateSeconds(Profile.split("oltp run --time=20 --sweep 10,20,30,40,50,60,70 --repeat 2")), 1e-9);
        assertEquals("1m05s", StepEstimate.duration(65));
        assertEquals("2h01m", StepEstimate.duration(7260));
    }

    @Test
    void theBuiltInProfilesRunNoCommandsOfTheirOwn() {
        for (String name : List.of("quick", "thesis")) {
            Profile p = Profile.load(name);
            assertEquals(List.of(), p.commands(), name);
            p.checkCommands(name, false);
        }
    }

    /** A profile is code: a boot step's shell command needs the profile named by its path, or --allow-commands. */
    @Test
    void aProfilesShellCommandsNeedItsPathOrAllowCommands() {
        Profile p = Profile.parse("lab.profile", """
                name = lab
                var up = boot --launch 'touch /tmp/x'
                step cpu = cpu --time 1
                step boot-vm = {up} --ready exit
                service s = boot --teardown 'rm -rf /tmp/x' --launch true
                """);
        assertEquals(2, p.commands().size(), p.commands().toString());
        assertTrue(p.commands().get(0).startsWith("step boot-vm "), p.commands().toString());
        UserException e = assertThrows(UserException.class, () -> p.checkCommands("lab.profile", false));
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("profile lab runs shell commands (step boot-vm ({up} --ready exit) and 1 more): "
                + "name the profile file by its path (--profile ./lab.profile) or add --allow-commands"), e.getMessage());
        p.checkCommands("./lab.profile", false);
        p.checkCommands("/etc/virtbench/lab.profile", false);
        p.checkCommands("lab.profile", true);
        Profile quiet = Profile.parse("q", "step cpu = cpu --time 1\nstep boot = fileio run --dir /tmp/boot\n");
        assertEquals(List.of(), quiet.commands(), "only boot runs commands");
    }
}
