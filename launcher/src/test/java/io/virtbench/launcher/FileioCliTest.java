package io.virtbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import io.virtbench.core.testing.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileioCliTest {
    @TempDir
    Path tmp;

    private String[] args(String line) {
        return line.replace("DIR", tmp.toString()).split(" ");
    }

    @Test
    void everyOptionShowsItsDefault() {
        Cli c = Cli.run("fileio", "--help");
        assertEquals(0, c.code());
        for (String opt : List.of("--file-num=N", "--file-block-size=SIZE", "--file-total-size=SIZE", "--file-io-mode=MODE",
                "--file-extra-flags=LIST", "--file-fsync-freq=N", "--file-fsync-all[=on|off]", "--file-fsync-end[=on|off]",
                "--file-fsync-mode=MODE", "--file-merged-requests=N", "--file-rw-ratio=RATIO", "--dir=DIR", "--threads=N",
                "--time=SECONDS", "--repeat=N")) {
            int at = c.out().indexOf("      " + opt);
            assertTrue(at >= 0, opt + " in\n" + c.out());
            int next = c.out().indexOf("\n      --", at + 8);
            assertTrue(c.out().substring(at, next < 0 ? c.out().length() : next).contains("Default:"), "default shown for " + opt);
        }
        assertTrue(c.out().contains("Default: 2G"));
        assertTrue(Cli.run("--help").out().contains("\n  fileio"));
        assertTrue(Cli.run("crosscheck", "--help").out().contains("\n  fileio"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fileio|COMMAND",
            "fileio frobnicate --dir DIR|frobnicate",
            "fileio run --dir DIR|--file-test-mode",
            "fileio run --dir DIR --file-test-mode foo|--file-test-mode",
            "fileio run --dir DIR --file-test-mode seqrd --file-num 0|--file-num",
            "fileio run --dir DIR --file-test-mode seqrd --file-num x|--file-num",
            "fileio prepare --dir DIR --file-total-size 5X|--file-total-size",
            "fileio prepare --dir DIR --file-block-size 0|--file-block-size",
            "fileio run --dir DIR --file-test-mode seqrd --file-io-mode async|--file-io-mode",
            "fileio run --dir DIR --file-test-mode seqrd --file-extra-flags odirect|--file-extra-flags",
            "fileio run --dir DIR --file-test-mode seqrd --file-fsync-mode never|--file-fsync-mode",
            "fileio run --dir DIR --file-test-mode seqrd --file-fsync-end=maybe|--file-fsync-end",
            "fileio run --dir DIR --file-test-mode seqrd --file-rw-ratio -1|--file-rw-ratio",
            "fileio prepare --dir DIR/missing|--dir",
            "fileio run --dir DIR --file-test-mode seqrd --threads 0|--threads",
            "crosscheck fileio --dir DIR --file-test-mode seqrd --runs 0|--runs",
            "crosscheck fileio --dir DIR --file-test-mode seqrd --time 1.5|--time",
    })
    void badInputIsOneLineNamingTheOptionWithStatus2(String line, String named) {
        Cli.assertUsageError(args(line), named);
    }

    @Test
    void prepareRunCleanupWithUnderscoresAndJson() throws Exception {
        Files.writeString(tmp.resolve("mine.txt"), "stays");
        Cli p = Cli.run(args("fileio prepare --dir DIR --file_num=2 --file_total_size=2M"));
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().startsWith("virtbench (sysbench 1.0.20 compatible)\n\n2 files, 1024Kb each, 2Mb total\n"), p.out());
        assertTrue(p.out().contains("Creating file test_file.1\n2097152 bytes written in "), p.out());

        Path results = tmp.resolve("results");
        Cli r = Cli.run(args("fileio run --dir DIR --file-num=2 --file-total-size=2M --file-test-mode=rndrw --events=250 --time=0"
                + " --format=json --platform=metal --out " + results));
        assertEquals(0, r.code(), r.err());
        RunResult res = ResultFiles.fromJson(r.out());
        assertEquals("fileio", res.workload());
        assertEquals("rndrw", res.test());
        assertEquals(250, res.value("total_events"));
        assertEquals(246L, (Long) res.details().get("reads") + (Long) res.details().get("writes"), "2 files: 4 fsync events");
        assertEquals("metal", res.host().platform());
        try (Stream<Path> s = Files.list(results)) {
            assertEquals(1, s.count());
        }

        Cli text = Cli.run(args("fileio run --dir DIR --file-num=2 --file-total-size=2M --file-test-mode=seqrd --events=10"
                + " --time=0 --file-fsync-end=off"));
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Using synchronous I/O mode\nDoing sequential read test\nInitializing worker threads...\n"));
        assertFalse(text.out().contains("Calling fsync() at the end of test"));
        assertTrue(text.out().contains("    total number of events:              10\n"));

        Cli c = Cli.run(args("fileio cleanup --dir DIR --file-num=2 --file-test-mode=nonsense"));
        assertEquals(0, c.code(), c.err());
        assertEquals("virtbench (sysbench 1.0.20 compatible)\n\nRemoving test files...\n", c.out());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("mine.txt", "results"), s.map(x -> x.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void runWithoutPrepareIsOneLineWithStatus1() {
        Cli c = Cli.run(args("fileio run --dir DIR --file-num=2 --file-total-size=2M --file-test-mode=seqrd --events=10"));
        assertEquals(1, c.code());
        assertEquals("virtbench: cannot open file '" + tmp.resolve("test_file.0")
                + "': no such file (did you forget to run the prepare step?)\n", c.errorLines());
    }

    @Test
    void prepareRefusesWhenTheFilesWouldNotFit() throws Exception {
        long free = Files.getFileStore(tmp).getUsableSpace();
        String total = (free / (1L << 30) + 64) + "G";
        Cli c = Cli.run(args("fileio prepare --dir DIR --file-total-size=" + total));
        assertEquals(1, c.code());
        assertEquals(1, c.errorLines().lines().count(), c.err());
        assertTrue(c.errorLines().startsWith("virtbench: not enough free space in "), c.err());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "nothing written");
        }
    }

    /**
     * ramfs reports no size at all (statfs: 0 blocks, 0 free): the free space is unknown, not
     * zero, and prepare goes ahead as sysbench's does. Needs root to mount; CI requires it.
     */
    @Test
    void prepareOnRamfsWhereTheFreeSpaceIsUnknown() throws Exception {
        Path mnt = Files.createDirectory(tmp.resolve("ramfs"));
        boolean mounted = run("mount", "-t", "ramfs", "ramfs", mnt.toString()) == 0;
        if (!mounted && NativeTools.required()) {
            throw new AssertionError("cannot mount ramfs on " + mnt + " (needs root), but VIRTBENCH_REQUIRE_NATIVE=1 requires it");
        }
        Assumptions.assumeTrue(mounted, "cannot mount ramfs (needs root); skipping (CI requires it)");
        try {
            assertEquals(0, Files.getFileStore(mnt).getTotalSpace(), "ramfs reports no size");
            Cli c = Cli.run("fileio", "prepare", "--dir", mnt.toString(), "--file-num=2", "--file-total-size=2M");
            assertEquals(0, c.code(), c.err());
            assertTrue(c.out().contains("2097152 bytes written in "), c.out());
            assertEquals(1024 * 1024, Files.size(mnt.resolve("test_file.1")));
        } finally {
            assertEquals(0, run("umount", mnt.toString()), "umount " + mnt);
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
