package io.virtbench.fileio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request sequence of sb_fileio.c's file_get_seq_request / file_get_rnd_request (spec §2.4, §2.5). */
class RequestGeneratorTest {
    @TempDir
    Path dir;

    private FileioOptions.Builder opts() {
        return FileioOptions.builder(dir).fileNum(2).totalSize(100 * 1024).blockSize(16 * 1024);
    }

    private static List<String> take(RequestGenerator g, int n) {
        List<String> out = new ArrayList<>();
        Request r = new Request();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            g.next(r, rnd);
            out.add(r.op == Request.FSYNC ? "F" + r.file : (r.op == Request.READ ? "R" : "W") + r.file + "@" + r.pos / 1024 + "+" + r.size / 1024);
            if (g.needsCompletions()) {
                g.completed(r.op);
            }
        }
        return out;
    }

    @Test
    void seqrdVisitsBlocksInOrderWrapsAndNeverFsyncs() {
        // 2 files of 50 KiB, 16 KiB blocks: 16, 16, 16, 2 per file (the last request is the rest of the file)
        List<String> s = take(new RequestGenerator(opts().mode(FileTestMode.SEQRD).fsyncFreq(3).build()), 10);
        assertEquals(List.of("R0@0+16", "R0@16+16", "R0@32+16", "R0@48+2", "R1@0+16", "R1@16+16", "R1@32+16", "R1@48+2",
                "R0@0+16", "R0@16+16"), s);
    }

    @Test
    void seqwrFsyncsEveryFileAfterEveryFreqWrites() {
        // the sequence sysbench 1.0.20 produces for --file-fsync-freq=3 --file-num=2 (12 writes, 8 fsyncs in 20 events)
        List<String> s = take(new RequestGenerator(opts().mode(FileTestMode.SEQWR).fsyncFreq(3).build()), 20);
        assertEquals(List.of("W0@0+16", "W0@16+16", "W0@32+16", "F0", "F1", "W0@48+2", "W1@0+16", "W1@16+16", "F0", "F1",
                "W1@32+16", "W1@48+2", "W0@0+16", "F0", "F1", "W0@16+16", "W0@32+16", "W0@48+2", "F0", "F1"), s);
    }

    @Test
    void fsyncFreqZeroAndFsyncAllNeverMakeFsyncEvents() {
        assertTrue(take(new RequestGenerator(opts().mode(FileTestMode.SEQREWR).fsyncFreq(0).build()), 300).stream()
                .noneMatch(x -> x.startsWith("F")));
        assertTrue(take(new RequestGenerator(opts().mode(FileTestMode.RNDWR).fsyncAll(true).build()), 300).stream()
                .noneMatch(x -> x.startsWith("F")));
    }

    @Test
    void mergedRequestsMultiplyTheSequentialRequestSize() {
        FileioOptions o = opts().mode(FileTestMode.SEQRD).totalSize(2 * 96 * 1024).mergedRequests(4).build();
        assertEquals(64 * 1024, o.requestSize());
        assertEquals(List.of("R0@0+64", "R0@64+32", "R1@0+64", "R1@64+32", "R0@0+64"), take(new RequestGenerator(o), 5));
    }

    @Test
    void randomRequestsAreAlignedWholeBlocksInsideTheFiles() {
        FileioOptions o = opts().mode(FileTestMode.RNDRD).fileNum(3).totalSize(3 * 40 * 1024 + 7).blockSize(4096).build();
        RequestGenerator g = new RequestGenerator(o);
        Request r = new Request();
        SplittableRandom rnd = new SplittableRandom(7);
        boolean[] seen = new boolean[3];
        for (int i = 0; i < 5000; i++) {
            g.next(r, rnd);
            assertEquals(Request.READ, r.op);
            assertTrue(r.file >= 0 && r.file < 3, r.toString());
            assertEquals(0, (r.file * o.fileSize() + r.pos) % 4096, r.toString());
            assertTrue(r.pos + r.size <= o.fileSize(), r.toString());
            assertEquals(Math.min(4096, o.fileSize() - r.pos), r.size, r.toString());
            seen[r.file] = true;
        }
        assertTrue(seen[0] && seen[1] && seen[2]);
    }

    @Test
    void rndwrFsyncsEveryFileAfterFreqWrites() {
        List<String> s = take(new RequestGenerator(opts().mode(FileTestMode.RNDWR).fsyncFreq(5).build()), 14);
        for (int i = 0; i < 14; i++) {
            boolean fsync = i == 5 || i == 6 || i == 12 || i == 13;
            assertEquals(fsync, s.get(i).startsWith("F"), s.toString());
        }
        assertEquals(List.of("F0", "F1"), s.subList(5, 7));
    }

    @Test
    void rndrwKeepsTheReadWriteRatio() {
        List<String> s = take(new RequestGenerator(opts().mode(FileTestMode.RNDRW).fsyncFreq(0).rwRatio(1.5).build()), 1000);
        long reads = s.stream().filter(x -> x.startsWith("R")).count();
        long writes = s.stream().filter(x -> x.startsWith("W")).count();
        assertEquals(1000, reads + writes);
        assertEquals(600, reads, 1); // (reads+1)/(writes+1) < 1.5 decides each request
        // first requests: R (1/1 < 1.5), W (2/1), R (2/2), R (3/2 = 1.5, not < 1.5 -> W)...
        assertEquals(List.of("R", "W", "R", "W"), s.subList(0, 4).stream().map(x -> x.substring(0, 1)).toList());
    }

    @Test
    void rndrwWithRatioZeroOnlyWrites() {
        assertTrue(take(new RequestGenerator(opts().mode(FileTestMode.RNDRW).fsyncFreq(0).rwRatio(0).build()), 50).stream()
                .allMatch(x -> x.startsWith("W")));
    }
}
