package io.virtbench.suite.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformSpecTest {

    @Test
    void defaultLabelsAreHostTheRuntimeAndTheHostName() {
        List<PlatformSpec> specs = PlatformSpec.parseList("host,oci:runc,oci:/usr/bin/runsc --platform=ptrace,ssh:me@vm1.lan:2222");
        assertEquals(List.of("host", "runc", "runsc", "vm1.lan"), specs.stream().map(PlatformSpec::label).toList());
        assertEquals(PlatformSpec.Kind.OCI, specs.get(2).kind());
        assertEquals("/usr/bin/runsc", specs.get(2).arg());
        assertEquals(List.of("--platform=ptrace"), specs.get(2).flags());
        assertEquals("runsc", specs.get(2).runtimeName());
        assertEquals("oci:/usr/bin/runsc --platform=ptrace", specs.get(2).describe());
        assertEquals("me@vm1.lan:2222", specs.get(3).arg());
    }

    @Test
    void labelsGiveTheStudysNames() {
        List<PlatformSpec> specs = PlatformSpec.parseList("metal=host,docker=oci:runc,gvisor=oci:runsc");
        assertEquals(List.of("metal", "docker", "gvisor"), specs.stream().map(PlatformSpec::label).toList());
        assertEquals("runsc", specs.get(2).arg());
    }

    @Test
    void badSpecsAreUsageErrorsNamingThem() {
        for (String[] bad : new String[][] {{"", "empty"}, {"vm", "unknown kind 'vm'"}, {"oci", "names no runtime"},
                {"host:x", "takes no argument"}, {"oci:runc,oci:runc", "used twice"}, {"a b=host", "kind"},
                {"x/y=host", "bad label"}, {"oci:runsc ptrace", "does not start with '-'"}, {"ssh:", "ssh:USER@HOST"},
                {"host,gv=k8s:gvisor", "--on gv=k8s:gvisor: Kubernetes runs come from virtbench-k8s.jar"}}) {
            UserException e = assertThrows(UserException.class, () -> PlatformSpec.parseList(bad[0]), bad[0]);
            assertEquals(UserException.USAGE, e.exitCode(), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
    }
}
