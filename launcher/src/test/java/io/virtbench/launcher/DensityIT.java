package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suite --on oci:runc --guests 1,2} from the fat jar: one guest, then two at once, each
 * running cpu and a file I/O write test inside and its own serve, measured by the host's net and
 * HTTP clients at its own address; every guest's results labelled LABEL#i, a boot time per guest,
 * density.json's figures consistent with the results, the report's density section, and nothing
 * left behind (container, bundle, mount, namespace, veth, process). Needs root and runc (skipped
 * without them, except in CI: VIRTBENCH_REQUIRE_NATIVE=1).
 */
class DensityIT {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern VETH = Pattern.compile("veth pair to the host \\((vbh[0-9a-z]+),");

    @TempDir
    Path tmp;

    @Test
    void oneThenTwoGuestsAtOnceEachMeasuredAndSummarized() throws Exception {
        assumeRunc();
        Path profile = tmp.resolve("density-it.profile");
        try (InputStream in = DensityIT.class.getResourceAsStream("density-it.profile")) {
            Files.write(profile, in.readAllBytes());
        }
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("density.log");
        int code = SuiteJarIT.run(log, 300, "suite", "--profile", profile.toString(), "--on", "oci:runc", "--guests", "1,2",
                "--out", out.toString());
        String text = Files.readString(log);
        assertEquals(0, code, text);
        assertTrue(text.contains("Density (each guest's figure"), text);

        double one = only(out.resolve("density/runc-x1/runc#1/guest"), "cpu", "runc#1").value("events_per_second");
        List<Double> two = new ArrayList<>();
        java.util.Set<String> addresses = new java.util.HashSet<>();
        for (int i = 1; i <= 2; i++) {
            Path guest = out.resolve("density/runc-x2/runc#" + i);
            two.add(only(guest.resolve("guest"), "cpu", "runc#" + i).value("events_per_second"));
            assertTrue(only(guest.resolve("guest"), "fileio-seqwr", "runc#" + i).value("written_mib_per_second") > 0, text);
            double boot = only(guest, "boot", "runc#" + i).value("boot_time_seconds");
            assertTrue(boot > 0 && boot < 120, "guest " + i + " boot time " + boot);
            RunResult tcp = only(guest, "net-tcp", "runc#" + i);
            assertTrue(tcp.value("sum_received_mbit_per_second") > 1, "guest " + i + " tcp");
            String address = String.valueOf(tcp.parameters().get("host"));
            assertTrue(address.startsWith("10.214."), "guest " + i + "'s own address: " + address);
            assertTrue(addresses.add(address), "each guest its own server: " + addresses);
            RunResult http = only(guest, "http", "runc#" + i);
            assertEquals(200, http.value("complete_requests"), "guest " + i + " http");
            assertTrue(String.valueOf(http.parameters().get("url")).contains(address), http.parameters().toString());
            String guestLog = Files.readString(guest.resolve("guest").resolve("guest.log"));
            assertTrue(guestLog.contains("HTTP target ready"), guestLog);
            assertFalse(guestLog.contains("MariaDB ready"), "no step uses the database: serve starts without it\n" + guestLog);
        }
        assertTrue(one > 10 && two.get(0) > 10 && two.get(1) > 10, one + " " + two);

        JsonNode rows = ResultFiles.mapper().readTree(out.resolve("density.json").toFile()).path("rows");
        JsonNode cpu2 = row(rows, "cpu", 2);
        assertEquals("runc", cpu2.path("platform").asText());
        assertEquals("events_per_second", cpu2.path("metric").asText());
        assertEquals(two.get(0), cpu2.path("values").get(0).asDouble(), 1e-9);
        assertEquals(two.get(1), cpu2.path("values").get(1).asDouble(), 1e-9);
        assertEquals(two.get(0) + two.get(1), cpu2.path("sum").asDouble(), 1e-6);
        assertEquals(Math.min(two.get(0), two.get(1)), cpu2.path("min").asDouble(), 1e-9);
        assertEquals(two.get(1) / one, cpu2.path("vsOne").get(1).asDouble(), 1e-9);
        double jain = cpu2.path("jain").asDouble();
        assertTrue(jain >= 0.5 && jain <= 1.0, "Jain's index of 2 guests is within [1/2, 1]: " + jain);
        assertEquals(1, row(rows, "cpu", 1).path("values").size());
        assertEquals("writes_per_second", row(rows, "fileio-seqwr", 2).path("metric").asText(),
                "the write test's figure, not its zero reads");
        JsonNode tcp2 = row(rows, "net-tcp", 2);
        assertEquals(2, tcp2.path("values").size(), tcp2.toString());
        assertEquals(2, row(rows, "http", 2).path("vsOne").size());

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2 id=\"density\">"), "the report's density section");
        assertTrue(html.contains("data-feature=\"density\""), "the degradation curve of the 1,2 sweep");
        assertTrue(html.contains("runc#2"), "the report compares the guests of the largest set");

        assertNothingLeft(out, text, addresses);
    }

    private static JsonNode row(JsonNode rows, String step, int guests) {
        for (JsonNode r : rows) {
            if (r.path("step").asText().equals(step) && r.path("guests").asInt() == guests) {
                return r;
            }
        }
        throw new AssertionError("no density row for " + step + " x" + guests + " in " + rows);
    }

    private static RunResult only(Path dir, String step, String label) throws IOException {
        Path stepDir = dir.resolve("steps").resolve(step);
        assertTrue(Files.isDirectory(stepDir), stepDir + " exists");
        List<RunResult> rs = new ArrayList<>();
        try (Stream<Path> s = Files.list(stepDir)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".json")).toList()) {
                rs.add(ResultFiles.read(f));
            }
        }
        assertEquals(1, rs.size(), stepDir + " holds one result");
        assertEquals(label, rs.get(0).host().platform(), "labelled with its guest");
        return rs.get(0);
    }

    /** Every guest's container, bundle, mount, namespace, veth pair and process are gone. */
    private static void assertNothingLeft(Path out, String text, java.util.Set<String> addresses) throws Exception {
        List<Path> launches;
        try (Stream<Path> s = Files.walk(out.resolve("density"))) {
            launches = s.filter(p -> p.getFileName().toString().equals("launch.txt")).toList();
        }
        assertEquals(3, launches.size(), "one guest, then two: " + launches);
        String containers = tool("runc", "list");
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        for (Path l : launches) {
            List<String> launch = List.of(Files.readString(l).strip().split(" "));
            String id = launch.get(launch.size() - 1);
            String bundle = launch.get(launch.indexOf("--bundle") + 1);
            assertTrue(id.startsWith("virtbench-runc-"), id);
            assertFalse(containers.contains(id), "runc list still shows " + id);
            assertFalse(Files.exists(Path.of(bundle)), "bundle removed: " + launch);
            assertFalse(mounts.contains(bundle), "nothing mounted on the bundle");
            assertEquals(List.of(), PlatformsIT.processesMentioning(id), "no process of container " + id);
        }
        assertFalse(mounts.contains(out.toString()), "nothing mounted from the results: " + out);
        for (String address : addresses) {
            assertEquals(List.of(), PlatformsIT.processesMentioning("-B " + address + " "), "no serve of " + address + " left");
        }
        String links = tool("ip", "-o", "link");
        String namespaces = tool("ip", "netns", "list");
        Matcher m = VETH.matcher(text);
        int veths = 0;
        for (; m.find(); veths++) {
            String veth = m.group(1);
            assertFalse(links.contains(" " + veth + "@") || links.contains(" " + veth + ":"), "veth removed: " + veth);
            assertFalse(List.of(namespaces.split("\\s+")).contains("vb-" + veth.substring(3)), "namespace removed: " + veth);
        }
        assertEquals(3, veths, text);
    }

    private static String tool(String... cmd) {
        return NativeTool.run(List.of(cmd), null, TOOL_TIMEOUT).stdout();
    }

    private static void assumeRunc() {
        String why = null;
        if (!tool("id", "-u").strip().equals("0")) {
            why = "needs root (starts containers and network namespaces)";
        } else {
            for (String t : List.of("ip", "unshare", "runc")) {
                if (NativeTool.find(t).isEmpty()) {
                    why = "needs " + t + " (Debian packages iproute2, util-linux, runc)";
                }
            }
        }
        if (why != null && NativeTools.required()) {
            throw new AssertionError("suite --guests " + why + ", but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        Assumptions.assumeTrue(why == null, "suite --guests " + why + "; skipping (CI requires it)");
    }
}
