package io.virtbench.oltp.nativetool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeImporter;
import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SysbenchOltpImporterTest {

    private static String head(Path p) {
        String t = PaperLogs.read(p);
        return t.substring(0, Math.min(t.length(), NativeImporter.HEAD_CHARS));
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(NativeImporter.installed().stream().anyMatch(i -> i instanceof SysbenchOltpImporter));
    }

    @Test
    void acceptsEveryDatabaseLogAndNoOtherLog() {
        SysbenchOltpImporter imp = new SysbenchOltpImporter();
        for (Path p : PaperLogs.files("database")) {
            assertTrue(imp.accepts(p, head(p)), p.toString());
        }
        for (String other : new String[] {"cpu", "fileio", "boot", "http-benchmark", "network"}) {
            for (Path p : PaperLogs.files(other)) {
                assertFalse(imp.accepts(p, head(p)), p.toString());
            }
        }
    }
}
