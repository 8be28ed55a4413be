package io.virtbench.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SysbenchCpuImporterTest {

    private static String head(Path p) {
        String t = PaperLogs.read(p);
        return t.substring(0, Math.min(t.length(), NativeImporter.HEAD_CHARS));
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(NativeImporter.installed().stream().anyMatch(i -> i instanceof SysbenchCpuImporter));
    }

    @Test
    void acceptsEveryCpuLogAndNoOtherSysbenchLog() throws Exception {
        SysbenchCpuImporter imp = new SysbenchCpuImporter();
        for (Path p : PaperLogs.files("cpu")) {
            assertTrue(imp.accepts(p, head(p)), p.toString());
            assertEquals(10, imp.parse(p.getFileName().toString(), PaperLogs.read(p)).size());
        }
        for (String other : new String[] {"fileio", "database", "boot", "http-benchmark", "network"}) {
            for (Path p : PaperLogs.files(other)) {
                assertFalse(imp.accepts(p, head(p)), p.toString());
            }
        }
    }
}
