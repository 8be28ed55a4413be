package io.virtbench.micro;

import io.virtbench.core.UserException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The costs {@code virtbench micro} measures: one operation per event, each with the system calls it makes. */
public enum MicroOp {
    SYSCALL("syscall", "FileChannel.position() of an open file", "lseek"),
    STAT("stat", "Files.readAttributes(BasicFileAttributes) of an existing file", "stat (newfstatat/statx)"),
    OPEN_CLOSE("open-close", "FileChannel.open(READ) and close() of an existing file", "openat + close"),
    READ_4K("read-4k", "FileChannel.read(buffer, 0) of a cached 4 KiB file into a direct buffer", "pread64"),
    YIELD("yield", "Thread.yield()", "sched_yield"),
    SWITCH("switch", "round trip to a partner thread: unpark it, park until it unparks back", "futex"),
    PIPE("pipe", "1-byte round trip through two pipes (java.nio.channels.Pipe) and an echo thread", "2 write + 2 read"),
    PAGE_FAULT("page-fault", "first write to a fresh 4 KiB page of a shared tmpfs mapping", "none (1 page fault)"),
    SPAWN("spawn", "ProcessBuilder(\"/bin/true\").start().waitFor()", "vfork/clone + execve"),
    CLOCK("clock", "System.nanoTime()", "none (vDSO clock_gettime)");

    private final String label;
    private final String what;
    private final String syscalls;

    MicroOp(String label, String what, String syscalls) {
        this.label = label;
        this.what = what;
        this.syscalls = syscalls;
    }

    public String label() {
        return label;
    }

    /** What one operation does, in Java terms. */
    public String what() {
        return what;
    }

    /** The system calls one operation makes (as strace names them). */
    public String syscalls() {
        return syscalls;
    }

    /** Every label, comma-separated, for help and error messages. */
    public static String labels() {
        StringBuilder b = new StringBuilder();
        for (MicroOp op : values()) {
            b.append(b.length() == 0 ? "" : ",").append(op.label);
        }
        return b.toString();
    }

    public static MicroOp of(String label) {
        for (MicroOp op : values()) {
            if (op.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
                return op;
            }
        }
        throw UserException.usage("invalid value for --op: '" + label + "' (one of " + labels() + ")");
    }

    /** A comma-separated list of labels, in the order given, without repeats; empty or null means all. */
    public static List<MicroOp> parse(String list) {
        if (list == null || list.isBlank()) {
            return List.of(values());
        }
        Set<MicroOp> ops = new LinkedHashSet<>();
        for (String s : list.split(",", -1)) {
            if (s.isBlank()) {
                throw UserException.usage("invalid value for --op: '" + list + "' (an empty name)");
            }
            ops.add(of(s));
        }
        return new ArrayList<>(ops);
    }
}
