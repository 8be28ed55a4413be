package io.virtbench.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marker protocol end to end: the Pods' real shell code prints a directory, ResultLog writes it back. */
class ResultLogTest {
    @TempDir
    Path tmp;

    @Test
    void whatThePodScriptPrintsComesBackByteForByteWithItsDigest() throws Exception {
        Path src = tmp.resolve("out");
        Map<String, String> files = new TreeMap<>();
        files.put("sysinfo.json", "{\"a\": 1}\n");
        files.put("local.exit", "0");
        files.put("steps/cpu/run 1.json", "line one\n\nline three, no newline at the end");
        files.put("steps/net-tcp/x.json", PodScripts.END + "./other\nstill inside\n");
        for (var e : files.entrySet()) {
            Files.createDirectories(src.resolve(e.getKey()).getParent());
            Files.writeString(src.resolve(e.getKey()), e.getValue());
        }
        Path term = tmp.resolve("termination-log");
        String script = PodScripts.dumpResults(src.toString(), term.toString());
        var r = NativeTool.run(List.of("bash", "-c", script), null, Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.stderr());
        Path back = tmp.resolve("back");
        List<Path> written = ResultLog.extract("pod start\n" + r.stdout() + "services up\n", back);
        assertEquals(files.size(), written.size());
        for (var e : files.entrySet()) {
            assertEquals(e.getValue(), Files.readString(back.resolve(e.getKey())), e.getKey());
        }
        String digest = Files.readString(term).strip();
        assertTrue(digest.matches("files=4 sha256=[0-9a-f]{64}"), digest);
    }

    @Test
    void aNameThatLeavesTheDirectoryOrAFileCutOffIsNotWritten() throws Exception {
        Path dir = tmp.resolve("d");
        String log = PodScripts.BEGIN + "../escape.json\n{}\n\n" + PodScripts.END + "../escape.json\n"
                + PodScripts.BEGIN + "./ok.json\n{}\n\n" + PodScripts.END + "./ok.json\n"
                + PodScripts.BEGIN + "./cut.json\n{\"par";
        List<Path> written = ResultLog.extract(log, dir);
        assertEquals(List.of(dir.resolve("ok.json").toAbsolutePath()), written);
        assertFalse(Files.exists(tmp.resolve("escape.json")));
        assertFalse(Files.exists(dir.resolve("cut.json")));
    }

    @Test
    void collectWritesASavedLogsFilesAndRefusesALogWithoutAny() throws Exception {
        Path log = tmp.resolve("guest.log");
        Files.writeString(log, "x\n" + PodScripts.BEGIN + "./steps/cpu/a.json\n{}\n" + PodScripts.END + "./steps/cpu/a.json\n");
        var ok = ManifestsTest.run("collect", log.toString(), "--out", tmp.resolve("r").toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("{}", Files.readString(tmp.resolve("r/steps/cpu/a.json")));
        Files.writeString(log, "nothing here\n");
        var none = ManifestsTest.run("collect", log.toString(), "--out", tmp.resolve("r2").toString());
        assertEquals(1, none.exit());
        assertEquals(1, none.err().strip().lines().count(), none.err());
        var missing = ManifestsTest.run("collect", tmp.resolve("nope").toString(), "--out", tmp.resolve("r3").toString());
        assertEquals(2, missing.exit());
    }
}
