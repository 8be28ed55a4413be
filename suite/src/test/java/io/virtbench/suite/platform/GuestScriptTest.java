package io.virtbench.suite.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestScriptTest {
    @TempDir
    Path tmp;

    /** The script run by a real sh, with a stand-in "virtbench" that records its arguments one per line. */
    @Test
    void runsSysinfoTheLocalStepsThenTheServiceWithEveryArgumentIntact() throws Exception {
        Path fake = tmp.resolve("fake.sh");
        Files.writeString(fake, "for a in \"$@\"; do printf '%s\\n' \"$a\"; done >> " + tmp.resolve("calls") + "\necho ---- >> "
                + tmp.resolve("calls") + "\nexit 3\n");
        GuestScript s = new GuestScript(List.of("/bin/sh", fake.toString()), tmp.toString(), "/p/it's.profile", "gvisor",
                List.of("cpu", "fileio-prepare"), GuestScript.setArgs(Map.of("time", "1 2")),
                List.of(List.of("serve", "-B", "10.214.1.2")));
        Process p = new ProcessBuilder("/bin/sh", "-c", s.text()).directory(tmp.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), "the service replaced the shell: its exit status is the guest's");
        String[] calls = Files.readString(tmp.resolve("calls")).split("----\n");
        assertEquals(3, calls.length);
        assertEquals("sysinfo\n--format\njson\n", calls[0]);
        assertEquals("suite\n--profile\n/p/it's.profile\n--only\ncpu,fileio-prepare\n--out\n" + tmp + "\n--platform\ngvisor\n"
                + "--no-report\n--set\ntime=1 2\n", calls[1]);
        assertEquals("serve\n-B\n10.214.1.2\n", calls[2]);
        assertEquals("3", Files.readString(tmp.resolve(GuestScript.LOCAL_EXIT)).strip(), "the local steps' status is kept");
        assertEquals("", Files.readString(tmp.resolve(GuestScript.SYSINFO)), "sysinfo's output goes to sysinfo.json");
        assertTrue(Files.exists(tmp.resolve(GuestScript.STARTED)), "the first command signals that the guest runs");
    }
}
