package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} and the suite's --target options: wrong input is one line and exit status 2. */
class ServeCliTest {
    @TempDir
    Path tmp;

    @Test
    void serveHelpShowsEveryDefault() {
        Cli c = Cli.run("serve", "--help");
        assertEquals(0, c.code());
        for (String opt : new String[] {"--bind", "--net-port", "--http-port", "--db-port"}) {
            int at = c.out().indexOf(opt + "=");
            assertTrue(at >= 0, opt + "\n" + c.out());
            assertTrue(c.out().indexOf("Default:", at) > at, "default shown for " + opt);
        }
        assertTrue(c.out().contains("Default: 127.0.0.1"), "binds to loopback unless told: " + c.out());
    }

    @Test
    void wrongServeOptionsAreOneLine() {
        assertOneLine(Cli.run("serve", "--embedded-db", "--db-url", "jdbc:mysql://127.0.0.1/sbtest", "--net-port", "0",
                "--http-port", "0", "--db-port", "0"), "--db-url");
        assertOneLine(Cli.run("serve", "--http-port", "70000"), "--http-port");
        assertOneLine(Cli.run("serve", "--bind", "no-such-host.invalid", "--no-warmup"), "--bind");
        // the throwaway database's root stays off the network, and an embedded run logs in as its own user
        assertOneLine(Cli.run("serve", "--embedded-db", "--db-user", "root", "--net-port", "0", "--http-port", "0"), "--db-user");
        assertOneLine(Cli.run("oltp", "run", "--embedded", "--mysql-user", "root", "--time", "1"), "--mysql-user");
    }

    @Test
    void suitePortsNeedATarget() {
        assertOneLine(Cli.run("suite", "--db-port", "3307", "--out", tmp.toString()), "--db-port needs --target");
        assertOneLine(Cli.run("suite", "--target", "10.0.0.1", "--net-port", "0", "--out", tmp.toString()), "--net-port");
        assertOneLine(Cli.run("suite", "--only", "nosuch", "--out", tmp.toString()), "--only");
    }

    @Test
    void everyStepOfTheBuiltInProfilesIsAValidCommandLine() {
        for (String name : java.util.List.of("quick", "thesis")) {
            io.virtbench.suite.Profile p = io.virtbench.suite.Profile.load(name);
            java.util.Map<String, String> v = new java.util.HashMap<>(java.util.Map.of("out", tmp.toString(), "work",
                    tmp.toString(), "target", "127.0.0.1", "platform", "metal", "net-port", "5201", "http-port", "8080",
                    "db-port", "3306", "bind", "127.0.0.1"));
            p.vars().forEach((k, val) -> v.put(k, io.virtbench.suite.Profile.substitute(val, v)));
            java.util.List<String> commands = new java.util.ArrayList<>();
            p.services().forEach(s -> commands.add(s.command()));
            p.steps().forEach(s -> commands.add(s.command()));
            for (String command : commands) {
                java.util.List<String> args = new java.util.ArrayList<>(
                        io.virtbench.suite.Profile.split(io.virtbench.suite.Profile.substitute(command, v)));
                String[] a = Main.normalize(args.toArray(String[]::new));
                java.io.PrintStream none = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
                try { // parses every option and its type, runs nothing
                    Main.commandLine(new Streams(none, none, new io.virtbench.core.harness.StopSignal()), a).parseArgs(a);
                } catch (picocli.CommandLine.ParameterException e) {
                    throw new AssertionError(name + ": " + command + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void assertOneLine(Cli c, String names) {
        assertEquals(2, c.code(), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertTrue(c.err().contains(names), c.err());
    }
}
