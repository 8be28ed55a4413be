package io.virtbench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.sysbench.Xoroshiro;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryWorkloadTest {

    @Test
    void defaultsAreSysbenchs() {
        MemoryOptions o = MemoryOptions.defaults();
        assertEquals(1024, o.blockSize());
        assertEquals(100L << 30, o.totalSize());
        assertEquals(MemoryOptions.Scope.GLOBAL, o.scope());
        assertEquals(MemoryOptions.Oper.WRITE, o.oper());
        assertEquals(MemoryOptions.AccessMode.SEQ, o.mode());
        assertEquals(128, o.words());
        assertEquals((100L << 30) / 1024 / 3, o.eventsPerThread(3));
    }

    @Test
    void sequentialWriteStoresTheWordsLeftAsSysbenchDoes() {
        long[] buf = new long[16];
        MemoryWorkload.seqWrite(buf);
        for (int i = 0; i < buf.length; i++) {
            assertEquals(16 - i, buf[i]);
        }
        long xor = 0;
        for (long v = 1; v <= 16; v++) {
            xor ^= v;
        }
        assertEquals(xor, MemoryWorkload.seqRead(buf), "the read loop loads every word");
    }

    /** One bit per word: the XOR shows every word read exactly once, also past the last group of eight. */
    @Test
    void sequentialReadLoadsEveryWordOnceWhateverTheLength() {
        for (int n : new int[] {1, 7, 8, 9, 15, 17, 63}) {
            long[] buf = new long[n];
            for (int i = 0; i < n; i++) {
                buf[i] = 1L << i;
            }
            assertEquals(n == 64 ? -1L : (1L << n) - 1, MemoryWorkload.seqRead(buf), "length " + n);
        }
    }

    @Test
    void randomWriteStoresBytePositionsAtWordsAllOverTheBlock() {
        long[] buf = new long[64];
        java.util.Arrays.fill(buf, -1);
        Xoroshiro rng = new Xoroshiro(1, 2);
        for (int round = 0; round < 50; round++) {
            MemoryWorkload.randomWrite(buf, rng);
        }
        Set<Long> seen = new HashSet<>();
        int touched = 0;
        for (long v : buf) {
            if (v != -1) {
                touched++;
                assertTrue(v >= 0 && v < 64 * 8 && v % 8 == 0, "a byte position of a word: " + v);
                seen.add(v);
            }
        }
        assertEquals(64, touched, "3200 random stores reach every one of 64 words");
        assertTrue(seen.size() > 32);
    }

    @Test
    void eachThreadStopsAfterItsShareOfTheTotalSize() throws Exception {
        // 1 MiB in 4 KiB blocks over 3 threads: 256 / 3 = 85 events each, as sysbench's tls_total_ops
        MemoryOptions o = MemoryOptions.parse("4K", "1M", "local", "read", "rnd");
        Measurement m = Harness.run(new MemoryWorkload(o), RunSettings.defaults().withThreads(3).withTime(60),
                Harness.SILENT, StopSignal.never());
        assertEquals(Measurement.Status.COMPLETE, m.status());
        assertEquals(255, m.events());
        m.threads().forEach(t -> assertEquals(85, t.events()));
    }

    @Test
    void aTotalBelowOneBlockPerThreadRunsNoEvent() throws Exception {
        MemoryOptions o = MemoryOptions.parse("1K", "1K", "global", "write", "seq");
        Measurement m = Harness.run(new MemoryWorkload(o), RunSettings.defaults().withThreads(2).withTime(60),
                Harness.SILENT, StopSignal.never());
        assertEquals(0, m.events());
    }

    @Test
    void badValuesNameTheirOption() {
        String[][] cases = {
                {"1000", "1G", "global", "write", "seq", "--memory-block-size"},
                {"4", "1G", "global", "write", "seq", "--memory-block-size"},
                {"1K", "lots", "global", "write", "seq", "--memory-total-size"},
                {"1K", "1G", "shared", "write", "seq", "--memory-scope"},
                {"1K", "1G", "global", "copy", "seq", "--memory-oper"},
                {"1K", "1G", "global", "write", "RND", "--memory-access-mode"},
        };
        for (String[] c : cases) {
            UserException e = assertThrows(UserException.class, () -> MemoryOptions.parse(c[0], c[1], c[2], c[3], c[4]));
            assertEquals(UserException.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains(c[5]), e.getMessage());
        }
    }

    @Test
    void anEventLimitIsRefusedAsSysbenchIgnoresIt() {
        UserException e = assertThrows(UserException.class, () -> MemoryBenchmark.check(RunSettings.defaults().withEvents(5)));
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--events"));
    }
}
