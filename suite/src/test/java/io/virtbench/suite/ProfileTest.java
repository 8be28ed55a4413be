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

    @Test
    void estimatesFollowTimeRepeatAndSweeps() {
        assertEquals(3 * 5 + 2, SuiteRunner.estimateSeconds(Profile.split("cpu --time 5 --repeat 3")), 1e-9);
        assertEquals(2 * (7 * 20 + 6 * 5) + 2,
                SuiteRunner.estimateSeconds(Profile.split("oltp run --time=20 --sweep 10,20,30,40,50,60,70 --repeat 2")), 1e-9);
        assertEquals("1m05s", SuiteRunner.duration(65));
        assertEquals("2h01m", SuiteRunner.duration(7260));
    }
}
