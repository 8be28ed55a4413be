package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results {@code micro}, {@code memory}, {@code threads} and {@code mutex} really write are
 * what the report's features beyond the study read: the table beyond the study is filled for two
 * platforms, and the study's totals stay without a score.
 */
class BeyondReportCliTest {
    @TempDir
    Path tmp;

    @Test
    void theTableBeyondTheStudyReadsTheWorkloadsOwnResults() {
        for (String platform : List.of("metal", "other")) {
            String out = tmp.resolve(platform).toString();
            for (String[] command : List.of(
                    new String[] {"micro", "--events", "40", "--time", "0"},
                    new String[] {"memory", "--memory-oper", "write", "--time", "0.2"},
                    new String[] {"memory", "--memory-oper", "read", "--time", "0.2"},
                    new String[] {"threads", "--thread-yields", "10", "--events", "20", "--time", "0"},
                    new String[] {"mutex", "--mutex-locks", "2000", "--mutex-loops", "100"})) {
                String[] args = new String[command.length + 4];
                System.arraycopy(command, 0, args, 0, command.length);
                System.arraycopy(new String[] {"--platform", platform, "--out", out}, 0, args, command.length, 4);
                Cli c = Cli.run(args);
                assertEquals(0, c.code(), String.join(" ", args) + ": " + c.err());
            }
        }
        Cli report = Cli.run("report", tmp.toString(), "--baseline", "metal");
        assertEquals(0, report.code(), report.err());
        String text = report.out();
        assertTrue(text.contains("\nBeyond the study ("), text);
        for (String feature : List.of("Micro syscall", "Micro stat", "Micro open-close", "Micro read-4k", "Micro yield",
                "Micro switch", "Micro pipe", "Micro page-fault", "Micro spawn", "Micro clock", "Memory write", "Memory read",
                "Threads \\(yield\\)", "Mutex")) {
            assertTrue(text.matches("(?s).*\n  " + feature + " +metal +1 +[0-9.]+ +\\S+ +100\\.0% +[0-4]\n"
                    + " +other +1 +[0-9.]+ +\\S+ +[0-9.]+% +[0-4]\n.*"), feature + ": " + text);
        }
        assertTrue(text.matches("(?s).*\n  low-level total +- +-\n  high-level total +- +-\n.*"),
                "no study feature has a result, so no total: " + text);
        assertTrue(!text.contains("results no feature reads"), "every result is read: " + text);
    }
}
