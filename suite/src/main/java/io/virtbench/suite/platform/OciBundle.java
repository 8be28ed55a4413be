package io.virtbench.suite.platform;

import io.virtbench.core.result.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI bundle virtbench writes itself: {@code config.json} and an empty {@code rootfs}
 * directory, onto which the launcher bind-mounts this machine's {@code /} read-only (a root of
 * {@code /} itself fails pivot_root). The guest gets a tmpfs on /tmp, the JDK, the jar and its
 * results directory bind-mounted in, and the network namespace given. Compared with
 * {@code runc spec}: no /sys/fs/cgroup mount (runc cannot find its cgroup path on a cgroup v1
 * host like this one), no rlimits and no resource limits; the capabilities are Docker's defaults.
 */
public final class OciBundle {
    /** Where the guest sees the JDK, the jar and its results directory. */
    public static final String GUEST_JAVA = "/vb/java";
    public static final String GUEST_JAR = "/vb/virtbench.jar";
    public static final String GUEST_OUT = "/vb/out";

    private static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private OciBundle() {
    }

    /**
     * Writes {@code dir/config.json} and {@code dir/rootfs}.
     *
     * @param args       the guest's process
     * @param env        its environment (NAME=VALUE)
     * @param javaHome   the host's JDK, mounted read-only at {@link #GUEST_JAVA}
     * @param jar        virtbench's jar, mounted read-only at {@link #GUEST_JAR}
     * @param outDir     the host directory the guest writes its results to ({@link #GUEST_OUT})
     * @param netns      the network namespace's path, or null for the runtime's own choice
     */
    public static Path write(Path dir, String hostname, List<String> args, List<String> env, Path javaHome, Path jar,
                             Path outDir, String netns) throws IOException {
        Files.createDirectories(dir.resolve("rootfs"));
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        process.put("user", Map.of("uid", 0, "gid", 0));
        process.put("args", args);
        process.put("env", env);
        process.put("cwd", "/tmp");
        process.put("capabilities", Map.of("bounding", CAPABILITIES, "effective", CAPABILITIES, "permitted", CAPABILITIES));
        process.put("noNewPrivileges", true);

        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", List.of()));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        mounts.add(mount("/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666",
                "mode=0620")));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));
        mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
        mounts.add(mount("/tmp", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777")));
        mounts.add(mount(GUEST_JAVA, "bind", javaHome.toString(), List.of("rbind", "ro")));
        mounts.add(mount(GUEST_JAR, "bind", jar.toString(), List.of("bind", "ro")));
        mounts.add(mount(GUEST_OUT, "bind", outDir.toString(), List.of("rbind", "rw")));

        List<Map<String, Object>> namespaces = new ArrayList<>();
        for (String ns : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.add(Map.of("type", ns));
        }
        if (netns != null) {
            namespaces.add(Map.of("type", "network", "path", netns));
        }
        Map<String, Object> linux = new LinkedHashMap<>();
        linux.put("namespaces", namespaces);
        linux.put("maskedPaths", List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"));
        linux.put("readonlyPaths", List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"));

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", "1.0.2");
        config.put("process", process);
        config.put("root", Map.of("path", "rootfs", "readonly", true));
        config.put("hostname", hostname);
        config.put("mounts", mounts);
        config.put("linux", linux);
        Path file = dir.resolve("config.json");
        Files.writeString(file, ResultFiles.toJson(config) + "\n");
        return file;
    }

    private static Map<String, Object> mount(String destination, String type, String source, List<String> options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("destination", destination);
        m.put("type", type);
        m.put("source", source);
        if (!options.isEmpty()) {
            m.put("options", options);
        }
        return m;
    }
}
