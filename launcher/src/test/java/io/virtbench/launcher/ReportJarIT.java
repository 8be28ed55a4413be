package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.nativetool.NativeTool;
import io.virtbench.core.testing.PaperLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** import, report --format html (charts need AWT and fonts) and sysinfo from the shipped fat jar, on each JDK here. */
class ReportJarIT {
    @TempDir
    Path tmp;

    static java.util.stream.Stream<String> javas() {
        return JarIT.javas();
    }

    private static NativeTool.Result run(String java, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", JarIT.JAR.toString()));
        cmd.addAll(List.of(args));
        return NativeTool.run(cmd, null, Duration.ofSeconds(120));
    }

    @ParameterizedTest
    @MethodSource("javas")
    void importReportAndSysinfo(String java) throws Exception {
        Path results = tmp.resolve("results");
        NativeTool.Result imp = run(java, "import", PaperLogs.dir().resolve("boot").toString(), "--out", results.toString());
        assertEquals(0, imp.exitCode(), imp.stderr());
        assertTrue(imp.stdout().contains("imported 50 run(s) from 5 file(s)"), imp.stdout());
        Path page = tmp.resolve("report.html");
        NativeTool.Result html = run(java, "report", results.toString(), "--format", "html", "--out", page.toString());
        assertEquals(0, html.exitCode(), html.stderr());
        assertEquals("virtbench: report written to " + page + "\n", html.stderr(), "no warnings on " + java);
        String text = Files.readString(page);
        assertTrue(text.contains("<figure class=\"chart\" data-feature=\"boot\">\n<svg"), "the boot chart");
        NativeTool.Result sysinfo = run(java, "sysinfo");
        assertEquals(0, sysinfo.exitCode(), sysinfo.stderr());
        assertTrue(sysinfo.stdout().startsWith("platform: "), sysinfo.stdout());
    }
}
