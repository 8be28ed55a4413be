package io.virtbench.suite.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virtbench.core.harness.StopSignal;
import io.virtbench.suite.Profile;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A guest's serve starts its throwaway database only when a selected step uses it. */
class GuestServicesTest {
    private static final String PROFILE = """
            name = t
            var db = --mysql-host {target} --mysql-port {db-port}
            service serve = serve -B {bind} --net-port {net-port} --db-port {db-port} --embedded-db --no-warmup
            ready serve = tcp:{bind}:{db-port}, tcp:{bind}:{net-port}
            step net-tcp = net client {target} -p {net-port} -t 1
            step oltp-run = oltp run oltp_read_only {db} --time 1
            """;

    private static List<Profile.Service> services(Set<String> remote) throws Exception {
        Profile p = Profile.parse("t.profile", PROFILE);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        PlatformSuite.Context ctx = new PlatformSuite.Context(p, Path.of("unused"), Set.of(), Set.of(), List.of(), Map.of(),
                (args, o, e, stop) -> 0, none, none, StopSignal.never(), "runc#1");
        return GuestRun.services(ctx, remote, Map.of("target", "0.0.0.0", "bind", "0.0.0.0", "net-port", "5201",
                "db-port", "3306", "http-port", "8080", "out", "o", "work", "w", "platform", "p"));
    }

    @Test
    void withoutADatabaseStepServeStartsWithoutItsDatabase() throws Exception {
        Profile.Service s = services(Set.of("net-tcp")).get(0);
        assertEquals("serve -B {bind} --net-port {net-port} --db-port {db-port} --no-warmup", s.command());
        assertEquals("tcp:{bind}:{net-port}", s.ready());
    }

    @Test
    void aStepThatUsesTheDatabaseThroughAVarKeepsIt() throws Exception {
        Profile.Service s = services(Set.of("net-tcp", "oltp-run")).get(0);
        assertEquals("serve -B {bind} --net-port {net-port} --db-port {db-port} --embedded-db --no-warmup", s.command());
        assertEquals("tcp:{bind}:{db-port}, tcp:{bind}:{net-port}", s.ready());
    }
}
