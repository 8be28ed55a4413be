package io.virtbench.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {
    @TempDir
    Path root;

    private void put(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void cgroupV2LimitsOfADockerContainer() throws IOException {
        put("proc/self/cgroup", "0::/\n");
        put("sys/fs/cgroup/cpu.max", "150000 100000\n");
        put("sys/fs/cgroup/memory.max", "536870912\n");
        put("proc/cpuinfo", "processor\t: 0\nmodel name\t: Intel(R) Core(TM)2 Quad CPU    Q6600  @ 2.40GHz\n");
        put("proc/meminfo", "MemTotal:        4030000 kB\nMemFree: 1 kB\n");
        HostInfo h = new HostProbe(root).read("docker");
        assertEquals(2, h.cgroupVersion());
        assertEquals(1.5, h.cgroupCpuLimit());
        assertEquals(536870912L, h.cgroupMemoryLimit());
        assertEquals("Intel(R) Core(TM)2 Quad CPU    Q6600  @ 2.40GHz", h.cpuModel());
        assertEquals(4030000L * 1024, h.memoryBytes());
    }

    @Test
    void cgroupV2WithoutLimits() throws IOException {
        put("proc/self/cgroup", "0::/user.slice/session-1.scope\n");
        put("sys/fs/cgroup/user.slice/session-1.scope/cpu.max", "max 100000\n");
        put("sys/fs/cgroup/user.slice/session-1.scope/memory.max", "max\n");
        HostInfo h = new HostProbe(root).read(null);
        assertEquals(2, h.cgroupVersion());
        assertNull(h.cgroupCpuLimit());
        assertNull(h.cgroupMemoryLimit());
    }

    @Test
    void cgroupV1Limits() throws IOException {
        put("proc/self/cgroup", "12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n");
        put("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "200000\n");
        put("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
        put("sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "9223372036854771712\n");
        HostInfo h = new HostProbe(root).read(null);
        assertEquals(1, h.cgroupVersion());
        assertEquals(2.0, h.cgroupCpuLimit());
        assertNull(h.cgroupMemoryLimit(), "v1's huge number means unlimited");
    }

    @Test
    void missingFilesLeaveFieldsEmpty() {
        HostInfo h = new HostProbe(root).read(null);
        assertEquals(0, h.cgroupVersion());
        assertNull(h.cpuModel());
        assertEquals(0, h.memoryBytes());
    }
}
