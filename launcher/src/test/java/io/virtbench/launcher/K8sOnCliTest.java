package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This jar has no Kubernetes client: {@code suite --on k8s:...} names the jar and the command that has one. */
class K8sOnCliTest {
    @TempDir
    Path tmp;

    @Test
    void suiteOnK8sNamesTheKubernetesJarsCommand() {
        Cli c = Cli.run("suite", "--profile", "quick", "--out", tmp.resolve("out").toString(), "--on",
                "runc=k8s:runc,gvisor=k8s:gvisor");
        assertEquals(2, c.code(), c.err());
        assertEquals("virtbench: --on runc=k8s:runc: Kubernetes runs come from virtbench-k8s.jar (k8s/target/virtbench-k8s.jar):"
                + " java -jar virtbench-k8s.jar suite --on runc=k8s:runc,gvisor=k8s:gvisor --image IMAGE", c.err().strip());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing started");
    }
}
