package io.virtbench.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A memory cgroup of its own for one test, as a small guest (Firecracker, Kata) would give
 * virtbench: v1 ({@code memory.limit_in_bytes}, and {@code memory.memsw.limit_in_bytes} so swap
 * cannot hide an overrun) or v2 ({@code memory.max}, {@code memory.swap.max = 0}). Commands
 * enter it before they exec ({@link #command}); {@link #close} kills what is left and removes it.
 * Creating one needs root.
 */
final class MemoryCgroup implements AutoCloseable {
    private static final Path V1 = Path.of("/sys/fs/cgroup/memory");
    private static final Path V2 = Path.of("/sys/fs/cgroup");

    private final Path dir;
    private final boolean v2;
    private final long limit;

    private MemoryCgroup(Path dir, boolean v2, long limit) {
        this.dir = dir;
        this.v2 = v2;
        this.limit = limit;
    }

    /** Whether this machine lets this process make memory cgroups (root, v1 memory controller or v2 with memory). */
    static boolean available() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        if (Files.isDirectory(V1)) {
            return Files.isWritable(V1);
        }
        return controllers().contains("memory") && Files.isWritable(V2);
    }

    private static List<String> controllers() {
        try {
            return List.of(Files.readString(V2.resolve("cgroup.controllers")).strip().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A new cgroup named {@code virtbench-test-NAME-RANDOM} limited to {@code limitBytes} of memory. */
    static MemoryCgroup create(String name, long limitBytes) throws IOException {
        String unique = "virtbench-test-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        boolean v1 = Files.isDirectory(V1);
        Path dir = (v1 ? V1 : V2).resolve(unique);
        Files.createDirectory(dir);
        MemoryCgroup cg = new MemoryCgroup(dir, !v1, limitBytes);
        try {
            if (v1) {
                write(dir.resolve("memory.limit_in_bytes"), limitBytes);
                // memory + swap may not be less than memory, so it is set second
                if (Files.exists(dir.resolve("memory.memsw.limit_in_bytes"))) {
                    write(dir.resolve("memory.memsw.limit_in_bytes"), limitBytes);
                }
            } else {
                if (!Files.exists(dir.resolve("memory.max"))) {
                    // the root's children get the memory controller only when the root hands it down
                    Files.writeString(V2.resolve("cgroup.subtree_control"), "+memory", StandardCharsets.US_ASCII);
                }
                write(dir.resolve("memory.max"), limitBytes);
                if (Files.exists(dir.resolve("memory.swap.max"))) {
                    write(dir.resolve("memory.swap.max"), 0);
                }
            }
        } catch (IOException | RuntimeException e) {
            cg.close();
            throw e;
        }
        return cg;
    }

    private static void write(Path file, long value) throws IOException {
        Files.writeString(file, Long.toString(value), StandardCharsets.US_ASCII);
    }

    long limit() {
        return limit;
    }

    /** {@code command} run so that it is in this cgroup from its first instruction: a shell joins, then execs it. */
    List<String> command(List<String> command) {
        List<String> c = new ArrayList<>(List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                dir.resolve("cgroup.procs").toString()));
        c.addAll(command);
        return c;
    }

    /** How often the limit was hit (v1 memory.failcnt; v2 the "max" count of memory.events). */
    long failcnt() {
        return v2 ? event("max") : number("memory.failcnt");
    }

    /** How many processes the OOM killer killed in this cgroup (v1 memory.oom_control, v2 memory.events). */
    long oomKills() {
        return v2 ? event("oom_kill") : field("memory.oom_control", "oom_kill");
    }

    /** Whether processes wait for memory now (v1 under_oom; v2 has no such state, 0). */
    long underOom() {
        return v2 ? 0 : field("memory.oom_control", "under_oom");
    }

    /** The most memory the cgroup used (v1 memory.max_usage_in_bytes, v2 memory.peak where the kernel has it), or -1. */
    long peakBytes() {
        return v2 ? (Files.exists(dir.resolve("memory.peak")) ? number("memory.peak") : -1) : number("memory.max_usage_in_bytes");
    }

    /** Failcnt, OOM kills and peak in one line, for assertion messages. */
    String describe() {
        return dir.getFileName() + ": limit " + limit / (1 << 20) + " MiB, peak " + peakBytes() / (1 << 20) + " MiB, failcnt "
                + failcnt() + ", oom kills " + oomKills() + ", under oom " + underOom();
    }

    private long event(String key) {
        return field("memory.events", key);
    }

    private long field(String file, String key) {
        for (String line : read(file).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[0].equals(key)) {
                return Long.parseLong(f[1]);
            }
        }
        return 0;
    }

    private long number(String file) {
        return Long.parseLong(read(file).strip());
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    /** Kills whatever still runs in the cgroup, then removes it (a cgroup with tasks cannot be removed). */
    @Override
    public void close() {
        for (int attempt = 0; attempt < 50 && Files.exists(dir); attempt++) {
            for (String pid : Optional.of(readQuietly("cgroup.procs")).orElse("").split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            try {
                Files.delete(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private String readQuietly(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }
}
