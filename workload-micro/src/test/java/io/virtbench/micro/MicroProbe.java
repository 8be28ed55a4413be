package io.virtbench.micro;

import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Runs one operation exactly N times on the harness, for a test to count its system calls from
 * outside (strace). Prints "events E minflt F": the events run and the minor page faults of the
 * whole process during the run, from /proc/self/stat.
 */
public final class MicroProbe {
    private MicroProbe() {
    }

    public static void main(String[] args) throws Exception {
        MicroOp op = MicroOp.of(args[0]);
        long n = Long.parseLong(args[1]);
        Path tmp = Paths.get(args[2]);
        RunSettings s = new RunSettings(1, 0, n, 0, 0, 0, 0);
        long before = minorFaults();
        Measurement m = Harness.run(new MicroWorkload(op, tmp), s, Harness.SILENT, new StopSignal());
        long after = minorFaults();
        if (m.status() != Measurement.Status.COMPLETE) {
            System.out.println("failed " + m.failure());
            System.exit(1);
        }
        System.out.println("events " + m.events() + " minflt " + (after - before));
    }

    /** Field 10 of /proc/self/stat; the command name (field 2) may hold spaces, so count after its ')'. */
    static long minorFaults() throws Exception {
        String stat = Files.readString(Paths.get("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[7]);
    }
}
