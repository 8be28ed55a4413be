package io.virtbench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.testing.NativeTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks each operation's claim from outside: {@link MicroProbe} runs it N times in a JVM under
 * {@code strace -f -c}, and once more for a single event; the difference is what N-1 operations
 * cost, start-up and JIT compilation cancel out (up to a little noise, allowed as 5 % + 60 calls).
 */
class MicroStraceTest {
    private static final int N = 2001;
    private static final int SPAWNS = 51;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void strace() {
        NativeTools.assumeInstalled("strace");
    }

    @Test
    void syscallIsOneLseek() throws Exception {
        assertPerOp(MicroOp.SYSCALL, N, Set.of("lseek"), 1);
    }

    @Test
    void statIsOneStat() throws Exception {
        assertPerOp(MicroOp.STAT, N, Set.of("stat", "lstat", "newfstatat", "statx", "fstatat64"), 1);
    }

    @Test
    void openCloseIsOneOpenAndOneClose() throws Exception {
        Run r = assertPerOp(MicroOp.OPEN_CLOSE, N, Set.of("open", "openat"), 1);
        r.assertPerOp(Set.of("close"), 1);
    }

    @Test
    void read4kIsOnePread() throws Exception {
        assertPerOp(MicroOp.READ_4K, N, Set.of("pread64"), 1);
    }

    @Test
    void yieldIsOneSchedYield() throws Exception {
        assertPerOp(MicroOp.YIELD, N, Set.of("sched_yield"), 1);
    }

    @Test
    void pipeIsTwoWritesAndTwoReads() throws Exception {
        Run r = assertPerOp(MicroOp.PIPE, N, Set.of("write"), 2);
        r.assertPerOp(Set.of("read"), 2);
    }

    @Test
    void spawnIsOneCloneTwoExecvesOneWait() throws Exception {
        // the JDK's posix_spawn runs jspawnhelper, which then executes /bin/true: two execve
        Run r = assertPerOp(MicroOp.SPAWN, SPAWNS, Set.of("execve"), 2);
        r.assertPerOp(Set.of("clone", "clone3", "vfork"), 1);
        r.assertPerOp(Set.of("wait4", "waitid"), 1);
    }

    /**
     * A round trip wakes the partner and is woken by it: at least one futex call per operation
     * (a wake finds its thread asleep whenever the other side is slower than a park, which
     * strace's slowdown makes the rule; 4 to 6 per round trip here).
     */
    @Test
    void switchMakesFutexCalls() throws Exception {
        Run r = run(MicroOp.SWITCH, N);
        long futex = r.delta(Set.of("futex"));
        assertTrue(futex >= N - 1, "futex calls for " + (N - 1) + " round trips: " + futex);
    }

    @Test
    void clockMakesNoSystemCall() throws Exception {
        Run r = run(MicroOp.CLOCK, N);
        long calls = r.delta(Set.of("clock_gettime", "gettimeofday", "time"));
        assertTrue(calls < 60, "clock reads reached the kernel " + calls + " times in " + (N - 1) + " events");
    }

    @Test
    void pageFaultTouchesAFreshPagePerOperation() throws Exception {
        Run r = run(MicroOp.PAGE_FAULT, N);
        assertTrue(r.minorFaults >= N, "minor faults during " + N + " touches: " + r.minorFaults);
    }

    private static Run assertPerOp(MicroOp op, int n, Set<String> names, int perOp) throws Exception {
        Run r = run(op, n);
        long total = sum(r.many, names);
        assertTrue(total >= (long) perOp * n, op.label() + ": " + names + " " + total + " times for " + n + " operations");
        r.assertPerOp(names, perOp);
        return r;
    }

    private static Run run(MicroOp op, int n) throws Exception {
        Probe one = probe(op, 1);
        Probe many = probe(op, n);
        return new Run(op, n, one.calls, many.calls, many.minorFaults);
    }

    private record Probe(Map<String, Long> calls, long minorFaults) {
    }

    private record Run(MicroOp op, int n, Map<String, Long> one, Map<String, Long> many, long minorFaults) {
        long delta(Set<String> names) {
            return sum(many, names) - sum(one, names);
        }

        void assertPerOp(Set<String> names, int perOp) {
            long expected = (long) perOp * (n - 1);
            long d = delta(names);
            long slack = expected / 20 + 60;
            assertTrue(d >= expected - 60 && d <= expected + slack, op.label() + ": " + names + " made " + d
                    + " calls for " + (n - 1) + " operations, expected " + perOp + " per operation");
        }
    }

    private static long sum(Map<String, Long> calls, Set<String> names) {
        long s = 0;
        for (String name : names) {
            s += calls.getOrDefault(name, 0L);
        }
        return s;
    }

    private static Probe probe(MicroOp op, int n) throws IOException, InterruptedException {
        Path summary = Files.createTempFile(tmp, "strace-", ".txt");
        Path out = Files.createTempFile(tmp, "probe-", ".txt");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of("strace", "-f", "-c", "-o", summary.toString(), java,
                "-cp", System.getProperty("java.class.path"), MicroProbe.class.getName(), op.label(),
                Integer.toString(n), tmp.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe of " + op.label() + " did not end within 120 s");
        }
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), "probe of " + op.label() + ": " + text);
        String last = text.lines().filter(l -> l.startsWith("events ")).reduce((a, b) -> b).orElse("");
        String[] f = last.split(" ");
        assertEquals(4, f.length, "probe output: " + text);
        assertEquals(n, Long.parseLong(f[1]), "events run");
        return new Probe(parse(Files.readAllLines(summary)), Long.parseLong(f[3]));
    }

    /** strace -c's table: "% time seconds usecs/call calls [errors] syscall", calls is the fourth column. */
    static Map<String, Long> parse(List<String> lines) {
        Map<String, Long> calls = new HashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[3].matches("\\d+") || f[f.length - 1].equals("total")) {
                continue;
            }
            calls.merge(f[f.length - 1], Long.parseLong(f[3]), Long::sum);
        }
        assertTrue(!calls.isEmpty(), "no system calls in strace's summary: " + lines);
        return calls;
    }
}
