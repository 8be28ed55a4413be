package io.virtbench.core.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link HostInfo} from the running system: /proc for CPU and memory, the process's cgroup
 * (v2 {@code cpu.max}/{@code memory.max}, v1 CFS quota and {@code memory.limit_in_bytes}) for
 * limits, and the JVM's own properties. Every file is optional; what cannot be read is left
 * empty rather than failing a benchmark. {@code root} is "/" except in tests, which point it
 * at captured files.
 */
public final class HostProbe {
    /** cgroup v1 reports "no limit" as a huge number, a page-aligned LONG_MAX. */
    private static final long V1_UNLIMITED = Long.MAX_VALUE / 2;

    private final Path root;

    public HostProbe(Path root) {
        this.root = root;
    }

    /** Probes this machine. */
    public static HostInfo probe(String platformLabel) {
        return new HostProbe(Path.of("/")).read(platformLabel);
    }

    public HostInfo read(String platformLabel) {
        Cgroup cg = cgroup();
        List<String> jvmArgs;
        try {
            jvmArgs = List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (RuntimeException | LinkageError e) {
            jvmArgs = List.of();
        }
        return new HostInfo(platformLabel, detectedPlatform(), hostname(), System.getProperty("os.name"), kernel(),
                System.getProperty("os.arch"), cpuModel(), Runtime.getRuntime().availableProcessors(), memTotal(),
                cg.version, cg.cpuLimit, cg.memoryLimit, System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("java.vm.name"), jvmArgs);
    }

    /** What {@link PlatformDetector} finds here ("docker on kvm", "metal"...), or null if it fails. */
    String detectedPlatform() {
        try {
            Map<String, String> env = root.toAbsolutePath().normalize().equals(Path.of("/")) ? System.getenv() : Map.of();
            return new PlatformDetector(root, env).detect().label();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String file(String path) {
        try {
            return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private String hostname() {
        String h = file("proc/sys/kernel/hostname");
        if (h != null && !h.isBlank()) {
            return h.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    private String kernel() {
        String k = file("proc/sys/kernel/osrelease");
        return k != null ? k.strip() : System.getProperty("os.version");
    }

    String cpuModel() {
        String info = file("proc/cpuinfo");
        if (info == null) {
            return null;
        }
        for (String line : info.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String key = line.substring(0, colon).strip();
                if (key.equals("model name") || key.equals("Model") || key.equals("cpu model")) {
                    return line.substring(colon + 1).strip();
                }
            }
        }
        return null;
    }

    long memTotal() {
        String info = file("proc/meminfo");
        if (info == null) {
            return 0;
        }
        for (String line : info.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring(9).strip().split("\\s+");
                try {
                    long v = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024 : v;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    record Cgroup(int version, Double cpuLimit, Long memoryLimit) {
    }

    Cgroup cgroup() {
        String self = file("proc/self/cgroup");
        if (self == null) {
            return new Cgroup(0, null, null);
        }
        String v2Path = null;
        String cpuPath = null;
        String memPath = null;
        for (String line : self.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2Path = f[2].strip();
            }
            for (String c : f[1].split(",")) {
                if (c.equals("cpu")) {
                    cpuPath = f[2].strip();
                }
                if (c.equals("memory")) {
                    memPath = f[2].strip();
                }
            }
        }
        if (cpuPath != null || memPath != null) {
            Double cpu = null;
            Long quota = longOf(firstOf("sys/fs/cgroup/cpu,cpuacct" + cpuPath + "/cpu.cfs_quota_us",
                    "sys/fs/cgroup/cpu" + cpuPath + "/cpu.cfs_quota_us", "sys/fs/cgroup/cpu/cpu.cfs_quota_us"));
            Long period = longOf(firstOf("sys/fs/cgroup/cpu,cpuacct" + cpuPath + "/cpu.cfs_period_us",
                    "sys/fs/cgroup/cpu" + cpuPath + "/cpu.cfs_period_us", "sys/fs/cgroup/cpu/cpu.cfs_period_us"));
            if (quota != null && period != null && quota > 0 && period > 0) {
                cpu = quota / (double) period;
            }
            Long mem = longOf(firstOf("sys/fs/cgroup/memory" + memPath + "/memory.limit_in_bytes",
                    "sys/fs/cgroup/memory/memory.limit_in_bytes"));
            if (mem != null && mem >= V1_UNLIMITED) {
                mem = null;
            }
            return new Cgroup(1, cpu, mem);
        }
        if (v2Path != null) {
            String dir = "sys/fs/cgroup" + (v2Path.equals("/") ? "" : v2Path);
            Double cpu = null;
            String cpuMax = firstOf(dir + "/cpu.max", "sys/fs/cgroup/cpu.max");
            if (cpuMax != null) {
                String[] f = cpuMax.strip().split("\\s+");
                if (f.length == 2 && !f[0].equals("max")) {
                    try {
                        cpu = Long.parseLong(f[0]) / (double) Long.parseLong(f[1]);
                    } catch (NumberFormatException e) {
                        cpu = null;
                    }
                }
            }
            Long mem = longOf(firstOf(dir + "/memory.max", "sys/fs/cgroup/memory.max"));
            return new Cgroup(2, cpu, mem);
        }
        return new Cgroup(0, null, null);
    }

    private String firstOf(String... paths) {
        for (String p : paths) {
            String s = file(p);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static Long longOf(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null; // "max" or garbage: no limit
        }
    }
}
