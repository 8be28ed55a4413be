package io.virtbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlatformsTest {
    @Test
    void everyPaperLogNamesItsPlatform() throws Exception {
        try (Stream<Path> s = Files.walk(PaperLogs.dir())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                String expected = name.contains("-docker-gvisor-") ? "gvisor" : name.contains("-docker-") ? "docker"
                        : name.contains("-vm-") ? "kvm" : name.contains("-metal-") ? "metal"
                        : name.contains("-firecracker-") ? "firecracker" : null;
                assertEquals(expected, Platforms.fromFileName(name), name);
            }
        }
    }

    @Test
    void fromFileNameReadsTokensNotSubstrings() {
        assertEquals("gvisor", Platforms.fromFileName("2020-12-22T10:25:08+0000-docker-gvisor-cpu.log"));
        assertEquals("kvm", Platforms.fromFileName("vm.log"));
        assertNull(Platforms.fromFileName("environment-vmstat.log"), "vm inside a word is not a platform");
        assertNull(Platforms.fromFileName("results.csv"));
    }

    @Test
    void aliasesAndOrder() {
        assertEquals("kvm", Platforms.normalize("VM"));
        assertEquals("gvisor", Platforms.normalize("docker-gvisor"));
        assertEquals("gvisor", Platforms.normalize("runsc"));
        assertEquals("my-cloud", Platforms.normalize(" My-Cloud "));
        assertNull(Platforms.normalize(" "));
        assertEquals(List.of("docker", "metal", "kvm", "gvisor", "aws", "zeta"),
                Platforms.order(List.of("zeta", "gvisor", "metal", "aws", "kvm", "docker"), "docker"));
    }
}
