package io.virtbench.fileio.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Harness;
import io.virtbench.core.harness.Measurement;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.testing.NativeTools;
import io.virtbench.fileio.FileioWorkload;
import io.virtbench.fileio.files.TestFiles;
import io.virtbench.fileio.options.ExtraFlag;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the files are (mountinfo, sysfs) and whether O_DIRECT was honoured (fdinfo, /proc/self/io). */
class StorageAndDirectIoTest {
    static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());
    static final String MOUNTINFO = """
            22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
            23 22 0:21 / /proc rw,nosuid shared:2 - proc proc rw
            30 22 0:30 / /tmp rw shared:3 - tmpfs tmpfs rw,size=1024k
            31 22 259:2 / /mnt/my\\040disk rw master:7 - xfs /dev/nvme0n1p2 rw
            32 22 0:31 / /mnt/over rw - overlay overlay rw,lowerdir=/a
            33 32 0:32 / /mnt/over rw - 9p hostshare rw
            """;

    @TempDir
    Path tmp;

    @Test
    void theLongestMountPointWinsAndStackedMountsTakeTheLast() throws Exception {
        Path sys = tmp.resolve("sys");
        Files.createDirectories(sys.resolve("dev/block/254:0"));
        Files.writeString(sys.resolve("dev/block/254:0/uevent"), "MAJOR=254\nMINOR=0\nDEVNAME=vda\nDEVTYPE=disk\n");
        assertEquals(new StorageInfo("ext4", "/", "/dev/vda", "254:0", "vda"),
                StorageInfo.of(MOUNTINFO, Path.of("/work/bench-fileio"), sys));
        assertEquals(new StorageInfo("tmpfs", "/tmp", "tmpfs", "0:30", null), StorageInfo.of(MOUNTINFO, Path.of("/tmp/x"), sys));
        // no sysfs entry: the name comes from the /dev source
        assertEquals(new StorageInfo("xfs", "/mnt/my disk", "/dev/nvme0n1p2", "259:2", "nvme0n1p2"),
                StorageInfo.of(MOUNTINFO, Path.of("/mnt/my disk/d"), sys));
        assertEquals("9p", StorageInfo.of(MOUNTINFO, Path.of("/mnt/over/x"), sys).fsType());
        assertEquals("ext4", StorageInfo.of(MOUNTINFO, Path.of("/mnt/overx"), sys).fsType(), "a prefix must end at a '/'");
    }

    @Test
    void thisMachinesTempDirectoryHasAFileSystemType() {
        assertTrue(StorageInfo.of(tmp).fsType() != null);
    }

    @Test
    void procIoAndFdinfoParsing() {
        assertEquals(new ProcIo(4096, 8192), ProcIo.parse("rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 4096\n"
                + "write_bytes: 8192\ncancelled_write_bytes: 0\n"));
        assertNull(ProcIo.parse("rchar: 1\n"));
        assertEquals(0140002, OpenFlags.parse("pos:\t0\nflags:\t0140002\nmnt_id:\t22\nino:\t1234\n"));
        assertNull(OpenFlags.parse("pos: 0\n"));
    }

    @Test
    void verdictsFromTheCounters() {
        FileioOptions direct = FileioOptions.builder(tmp).fileNum(1).totalSize(1 << 20).mode(FileTestMode.SEQRD)
                .extraFlags(Set.of(ExtraFlag.DIRECT)).build();
        StorageInfo disk = new StorageInfo("ext4", "/", "/dev/vda", "254:0", "vda");
        ProcIo zero = new ProcIo(0, 0);
        Map<String, Object> ok = DirectIoCheck.details(direct, disk, true, zero, new ProcIo(1 << 20, 0), 1 << 20, 0, null);
        assertEquals(true, ok.get("o_direct_honoured"));
        assertEquals("reads: 100% of the bytes read came from the device", ok.get("o_direct_check"));
        Map<String, Object> cached = DirectIoCheck.details(direct, disk, true, zero, new ProcIo(1 << 16, 0), 1 << 20, 0, null);
        assertEquals(false, cached.get("o_direct_honoured"));
        assertTrue(((String) cached.get("o_direct_check")).startsWith("reads: only 6% "), cached.toString());
        assertEquals(false, DirectIoCheck.details(direct, disk, false, zero, zero, 1, 0, null).get("o_direct_honoured"));
        Map<String, Object> tmpfs = DirectIoCheck.details(direct, new StorageInfo("tmpfs", "/tmp", "tmpfs", "0:30", null), true,
                zero, zero, 1 << 20, 0, null);
        assertNull(tmpfs.get("o_direct_honoured"));
        assertTrue(((String) tmpfs.get("o_direct_check")).startsWith("unverified: tmpfs at /tmp is not on a local block device"));
        assertNull(DirectIoCheck.details(direct, disk, true, null, null, 1, 0, null).get("o_direct_honoured"));
        Map<String, Object> off = DirectIoCheck.details(direct.withExtraFlagsNone(), disk, false, zero, zero, 1, 0, null);
        assertEquals("not requested", off.get("o_direct_check"));
        assertEquals(0L, off.get("proc_io_read_bytes"));
    }

    /** On a disk-backed file system: direct I/O is seen at the device, buffered writes stay in the page cache. */
    @Test
    void realRunsOnThisMachinesDisk() throws Exception {
        StorageInfo s = StorageInfo.of(tmp);
        NativeTools.assumeAvailable(s.blockDevice() != null && ProcIo.read() != null, "no block device or /proc/self/io under " + tmp);
        FileioOptions buffered = FileioOptions.builder(tmp).fileNum(2).totalSize(4 << 20).mode(FileTestMode.SEQWR).build();
        TestFiles.prepare(buffered, NONE, false, StopSignal.never());
        FileioWorkload w = new FileioWorkload(buffered);
        Measurement m = Harness.run(w, RunSettings.defaults().withTime(0).withEvents(50), Harness.SILENT, StopSignal.never());
        long[] last = w.lastWrite();
        assertEquals(16384, last[2]);
        assertEquals(0, DirectIoCheck.probe(buffered.file((int) last[0]), last[1], (int) last[2]),
                "a buffered write leaves its block in the page cache");
        assertEquals(false, w.directFlag());

        FileioOptions direct = buffered.toBuilder().extraFlags(Set.of(ExtraFlag.DIRECT)).build();
        FileioWorkload dw = new FileioWorkload(direct);
        ProcIo before = ProcIo.read();
        try {
            m = Harness.run(dw, RunSettings.defaults().withTime(0).withEvents(50), Harness.SILENT, StopSignal.never());
        } catch (UserException e) {
            NativeTools.assumeAvailable(!e.getMessage().contains("Invalid argument"), "no O_DIRECT here: " + e.getMessage());
            throw e;
        }
        Map<String, Object> d = DirectIoCheck.details(direct, s, dw.directFlag(), before, ProcIo.read(),
                m.total(Counter.BYTES_READ), m.total(Counter.BYTES_WRITTEN), dw.lastWrite());
        assertEquals(true, d.get("o_direct_flag_set"));
        assertEquals(true, d.get("o_direct_honoured"), d.toString());

        FileioOptions directRead = direct.withMode(FileTestMode.SEQRD);
        TestFiles.prepare(directRead, NONE, false, StopSignal.never());
        FileioWorkload rw = new FileioWorkload(directRead);
        before = ProcIo.read();
        m = Harness.run(rw, RunSettings.defaults().withTime(0).withEvents(100), Harness.SILENT, StopSignal.never());
        d = DirectIoCheck.details(directRead, s, rw.directFlag(), before, ProcIo.read(), m.total(Counter.BYTES_READ), 0, null);
        assertEquals(true, d.get("o_direct_honoured"), d.toString());
        assertTrue((Long) d.get("proc_io_read_bytes") >= 100L * 16384);
    }
}
