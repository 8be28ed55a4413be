package io.virtbench.fileio.storage;

import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.options.IoMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether O_DIRECT was honoured, judged from what reached the block device, since some
 * platforms accept the flag and still cache:
 * <ul>
 * <li>the flag: /proc/self/fdinfo of an open test file shows O_DIRECT (the kernel kept it);</li>
 * <li>reads: /proc/self/io {@code read_bytes} counts what this process read from a block device;
 * with O_DIRECT every byte read comes from the device, so its growth during the run must be
 * close to the bytes read (at least 90 %); page-cache hits do not count;</li>
 * <li>writes: O_DIRECT writes leave nothing in the page cache (the kernel invalidates the
 * range), while buffered writes leave their pages cached; so after the run the last block
 * written is read back once without O_DIRECT: if {@code read_bytes} grows, the block was not
 * cached (honoured); if not, it was served from the page cache (not honoured).</li>
 * </ul>
 * Where /proc/self/io is missing, or the file system is not on a local block device (tmpfs,
 * network and FUSE file systems, gVisor's gofer), the I/O is invisible to these counters and the
 * verdict is "unverified" (null).
 */
public final class DirectIoCheck {
    private DirectIoCheck() {
    }

    public static Map<String, Object> details(FileioOptions o, StorageInfo storage, Boolean flag, ProcIo before, ProcIo after,
                                       long bytesRead, long bytesWritten, long[] lastWrite) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("o_direct_requested", o.direct());
        d.put("o_direct_flag_set", flag);
        if (before != null && after != null) {
            d.put("proc_io_read_bytes", after.readBytes() - before.readBytes());
            d.put("proc_io_write_bytes", after.writeBytes() - before.writeBytes());
        }
        Boolean verdict = null;
        String why;
        if (!o.direct()) {
            why = "not requested";
        } else if (o.ioMode() == IoMode.MMAP) {
            why = "unverified: mmap mode copies through the page cache whatever the open flags";
        } else if (Boolean.FALSE.equals(flag)) {
            verdict = false;
            why = "the kernel did not keep O_DIRECT on the open file";
        } else if (before == null || after == null) {
            why = "unverified: /proc/self/io cannot be read here";
        } else if (storage.blockDevice() == null) {
            why = "unverified: " + storage.fsType() + " at " + storage.mountPoint()
                    + " is not on a local block device, so /proc/self/io does not see its I/O";
        } else {
            List<String> notes = new ArrayList<>();
            verdict = true;
            if (bytesRead > 0) {
                double share = (after.readBytes() - before.readBytes()) / (double) bytesRead;
                if (share >= 0.9) {
                    notes.add(String.format(Locale.ROOT, "reads: %.0f%% of the bytes read came from the device", 100 * Math.min(share, 1)));
                } else {
                    verdict = false;
                    notes.add(String.format(Locale.ROOT, "reads: only %.0f%% of the bytes read came from the device, "
                            + "the rest from the page cache", 100 * share));
                }
            }
            if (bytesWritten > 0 && lastWrite != null) {
                long probe = probe(o.file((int) lastWrite[0]), lastWrite[1], (int) lastWrite[2]);
                if (probe < 0) {
                    notes.add("writes: unverified (the read-back probe failed)");
                } else if (probe > 0) {
                    notes.add("writes: the last block written was not in the page cache afterwards");
                } else {
                    verdict = false;
                    notes.add("writes: the last block written was still in the page cache afterwards");
                }
            }
            if (notes.isEmpty()) {
                verdict = null;
                why = "unverified: nothing was read or written";
            } else {
                why = String.join("; ", notes);
            }
        }
        d.put("o_direct_honoured", verdict);
        d.put("o_direct_check", why);
        return d;
    }

    /** Reads one block without O_DIRECT; returns how much read_bytes grew meanwhile, or -1. */
    static long probe(Path file, long pos, int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(Math.max(size, 1));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ProcIo before = ProcIo.read();
            ch.read(b, pos);
            ProcIo after = ProcIo.read();
            if (before == null || after == null) {
                return -1;
            }
            return after.readBytes() - before.readBytes();
        } catch (IOException e) {
            return -1;
        }
    }
}
