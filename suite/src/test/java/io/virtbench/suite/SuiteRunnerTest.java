package io.virtbench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.output.Repetitions;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's own logic (order, results directories, resume, services, exit status). The steps
 * here are small commands that write a real result file; the launcher's tests run the real
 * workloads through the suite.
 */
class SuiteRunnerTest {
    @TempDir
    Path tmp;

    private final List<List<String>> ran = Collections.synchronizedList(new ArrayList<>());

    /** A command that records its arguments and writes one result into its --out directory. */
    private int command(List<String> args, PrintStream out, StopSignal stop) {
        ran.add(args);
        out.println("ran " + String.join(" ", args));
        int at = args.indexOf("--out");
        if (args.get(0).equals("fail")) {
            return 1;
        }
        if (args.get(0).equals("interrupt")) {
            return Repetitions.EXIT_INTERRUPTED;
        }
        if (at >= 0) {
            RunResult r = RunResult.builder(args.get(0)).start(Instant.now()).higher("score", 42, "points").build();
            ResultFiles.write(Path.of(args.get(at + 1)), r);
        }
        return 0;
    }

    private SuiteRunner runner(Profile p, boolean resume, Set<String> only, ByteArrayOutputStream buf) {
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        return new SuiteRunner(p, new SuiteRunner.Options(tmp, resume, "metal", null, only, Set.of(),
                List.of("--repeat", "2"), Map.of()), (args, o, e, s) -> command(args, o, s), out, out, new StopSignal());
    }

    @Test
    void runsStepsInOrderWritingResultsPerStep() throws Exception {
        Profile p = Profile.parse("t", "name = t\nstep one = alpha --time 1\nstep two = beta run --dir {out}/w\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = runner(p, false, Set.of(), buf).run(null);
        assertEquals(0, code, buf.toString());
        assertEquals(List.of("alpha", "--time", "1", "--repeat", "2", "--out", tmp.resolve("steps/one").toString(),
                "--platform", "metal"), ran.get(0));
        assertEquals(tmp.toAbsolutePath() + "/w", ran.get(1).get(3));
        assertEquals(1, Files.list(tmp.resolve("steps/one")).filter(f -> f.toString().endsWith(".json")).count());
        assertTrue(Files.exists(tmp.resolve("steps/two/.done")));
        assertTrue(Files.readString(tmp.resolve("steps/one/output.txt")).startsWith("ran alpha"));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[ 1/2] one"), text);
        assertTrue(text.contains("about "), "shows an estimate of the time left: " + text);
        assertTrue(text.contains("score 42.00 points"), "shows each step's headline figure: " + text);
        assertTrue(Files.readString(tmp.resolve("suite.json")).contains("\"status\" : \"done\""));
    }

    @Test
    void resumeSkipsFinishedStepsAndRerunsTheInterruptedOne() throws Exception {
        Profile first = Profile.parse("t", "step one = alpha\nstep two = interrupt\nstep three = gamma\n");
        int code = runner(first, false, Set.of(), new ByteArrayOutputStream()).run(null);
        assertEquals(Repetitions.EXIT_INTERRUPTED, code);
        assertEquals(2, ran.size(), "stops after the interrupted step");
        ran.clear();
        Profile again = Profile.parse("t", "step one = alpha\nstep two = beta\nstep three = gamma\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(0, runner(again, true, Set.of(), buf).run(null));
        assertEquals(List.of("beta", "gamma"), ran.stream().map(a -> a.get(0)).toList());
        assertTrue(buf.toString().contains("done earlier, skipped (--resume)"));
    }

    @Test
    void aFailedStepDoesNotStopTheSuiteButFailsItsStatus() throws Exception {
        Profile p = Profile.parse("t", "step one = fail\nstep two = beta\n");
        assertEquals(1, runner(p, false, Set.of(), new ByteArrayOutputStream()).run(null));
        assertEquals(2, ran.size());
        assertFalse(Files.exists(tmp.resolve("steps/one/.done")));
    }

    @Test
    void servicesStartBeforeAndStopAfterTheSteps() throws Exception {
        Profile p = Profile.parse("t", "service srv = listen {net-port}\nready srv = tcp:127.0.0.1:{net-port}\nstep one = alpha {target}\n");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        PrintStream none = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        SuiteRunner r = new SuiteRunner(p, new SuiteRunner.Options(tmp, false, null, null, Set.of(), Set.of(), List.of(), Map.of()),
                (args, o, e, stop) -> {
                    if (args.get(0).equals("listen")) {
                        try (ServerSocket s = new ServerSocket(Integer.parseInt(args.get(1)))) {
                            s.setSoTimeout(50);
                            events.add("listening");
                            while (!stop.requested()) {
                                try (Socket c = s.accept()) {
                                    events.add("probed");
                                } catch (java.net.SocketTimeoutException x) {
                                    // check the stop signal again
                                }
                            }
                            events.add("stopped");
                            return 0;
                        } catch (Exception x) {
                            return 1;
                        }
                    }
                    events.add("step " + args.get(0));
                    return 0;
                }, none, none, new StopSignal());
        assertEquals(0, r.run(null));
        assertEquals("listening", events.get(0));
        assertTrue(events.indexOf("probed") < events.indexOf("step alpha"), events.toString());
        assertEquals("stopped", events.get(events.size() - 1));
    }

    @Test
    void onlyRunsTheNamedSteps() throws Exception {
        Profile p = Profile.parse("t", "step one = alpha\nstep two = beta\n");
        assertEquals(0, runner(p, false, Set.of("two"), new ByteArrayOutputStream()).run(null));
        assertEquals(List.of("beta"), ran.stream().map(a -> a.get(0)).toList());
    }

    @Test
    void onlyAndSkipNameAStepOrAGroupOfSteps() throws Exception {
        Profile p = Profile.parse("t", "step cpu = alpha\nstep fileio-prepare = beta prepare\nstep fileio-seqrd = gamma\n"
                + "step fileio-cleanup = delta cleanup\n");
        assertEquals(0, runner(p, false, Set.of("fileio"), new ByteArrayOutputStream()).run(null));
        assertEquals(List.of("beta", "gamma", "delta"), ran.stream().map(a -> a.get(0)).toList());
        ran.clear();
        SuiteRunner skipping = new SuiteRunner(p, new SuiteRunner.Options(tmp.resolve("skip"), false, null, null, Set.of(),
                Set.of("fileio-seqrd", "cpu"), List.of(), Map.of()), (args, o, e, st) -> command(args, o, st), NONE, NONE,
                new StopSignal());
        assertEquals(0, skipping.run(null));
        assertEquals(List.of("beta", "delta"), ran.stream().map(a -> a.get(0)).toList());
        UserException bad = assertThrows(UserException.class, () -> runner(p, false, Set.of("oltp"), new ByteArrayOutputStream()).run(null));
        assertTrue(bad.getMessage().contains("--only: no step or group 'oltp'"), bad.getMessage());
    }

    @Test
    void resumeRepeatsTheSetUpOfAGroupWhoseMeasurementsAreUnfinished() throws Exception {
        // fileio: prepared and the first run measured, then interrupted; the files (here: a service's database) may be gone
        Profile first = Profile.parse("t", "step cpu = alpha\nstep db-prepare = beta prepare\nstep db-one = gamma\n"
                + "step db-two = interrupt\nstep db-cleanup = delta cleanup\n");
        assertEquals(Repetitions.EXIT_INTERRUPTED, runner(first, false, Set.of(), new ByteArrayOutputStream()).run(null));
        ran.clear();
        Profile again = Profile.parse("t", "step cpu = alpha\nstep db-prepare = beta prepare\nstep db-one = gamma\n"
                + "step db-two = epsilon\nstep db-cleanup = delta cleanup\n");
        assertEquals(0, runner(again, true, Set.of(), new ByteArrayOutputStream()).run(null));
        assertEquals(List.of("beta", "epsilon", "delta"), ran.stream().map(a -> a.get(0)).toList(),
                "prepare again, skip the finished measurements, then the rest");
        ran.clear();
        assertEquals(0, runner(again, true, Set.of(), new ByteArrayOutputStream()).run(null));
        assertEquals(List.of(), ran, "a finished group is skipped whole");
    }

    @Test
    void withATargetNoServiceStartsAndThePortsAreServesDefaults() throws Exception {
        Profile p = Profile.parse("t", "var db = --host {target} --port {db-port}\nservice srv = never-started\n"
                + "step net = net {target}:{net-port}\nstep http = http http://{target}:{http-port}/\nstep oltp = oltp {db}\n");
        SuiteRunner r = new SuiteRunner(p, new SuiteRunner.Options(tmp, false, null, "10.0.0.9", Set.of(), Set.of(), List.of(),
                Map.of("http-port", "18080")), (args, o, e, st) -> command(args, o, st), NONE, NONE, new StopSignal());
        assertEquals(0, r.run(null));
        assertEquals(List.of("net 10.0.0.9:5201", "http http://10.0.0.9:18080/", "oltp --host 10.0.0.9 --port 3306"),
                ran.stream().map(a -> String.join(" ", a.subList(0, a.indexOf("--out")))).toList());
    }

    @Test
    void servicesStartOnlyForStepsThatAddressTheTarget() throws Exception {
        Profile p = Profile.parse("t", "var db = --host {target}\nservice srv = svc\nstep cpu = alpha\nstep oltp = beta {db}\n");
        SuiteRunner cpuOnly = new SuiteRunner(p, new SuiteRunner.Options(tmp, false, null, null, Set.of("cpu"), Set.of(), List.of(),
                Map.of()), (args, o, e, st) -> command(args, o, st), NONE, NONE, new StopSignal());
        assertEquals(0, cpuOnly.run(null));
        assertEquals(List.of("alpha"), ran.stream().map(a -> a.get(0)).toList());
        ran.clear();
        SuiteRunner all = new SuiteRunner(p, new SuiteRunner.Options(tmp.resolve("all"), false, null, null, Set.of(), Set.of(),
                List.of(), Map.of()), (args, o, e, st) -> command(args, o, st), NONE, NONE, new StopSignal());
        assertEquals(0, all.run(null));
        assertEquals(List.of("svc", "alpha", "beta"), ran.stream().map(a -> a.get(0)).toList());
    }

    @Test
    void aServiceIsReadyWhenEveryListedPortAccepts() throws Exception {
        try (ServerSocket a = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Profile p = Profile.parse("t", "service srv = listen {db-port}\nready srv = tcp:127.0.0.1:" + a.getLocalPort()
                    + ",tcp:127.0.0.1:{db-port}\nstep one = alpha {target}\n");
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            SuiteRunner r = new SuiteRunner(p, new SuiteRunner.Options(tmp, false, null, null, Set.of(), Set.of(), List.of(), Map.of()),
                    (args, o, e, stop) -> {
                        if (args.get(0).equals("listen")) {
                            try {
                                Thread.sleep(700); // the second port opens late: the suite must wait for it
                                try (ServerSocket s = new ServerSocket(Integer.parseInt(args.get(1)), 50,
                                        java.net.InetAddress.getLoopbackAddress())) {
                                    events.add("listening");
                                    while (!stop.requested()) {
                                        Thread.sleep(20);
                                    }
                                }
                                return 0;
                            } catch (Exception x) {
                                return 1;
                            }
                        }
                        events.add("step");
                        return 0;
                    }, NONE, NONE, new StopSignal());
            assertEquals(0, r.run(null));
            assertEquals(List.of("listening", "step"), events);
        }
    }

    private static final PrintStream NONE = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
}
