package io.virtbench.fileio.files;

import com.sun.nio.file.ExtendedOpenOption;
import io.virtbench.core.UserException;
import io.virtbench.core.clock.Stopwatch;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.sysbench.Sizes;
import io.virtbench.fileio.options.ExtraFlag;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.options.IoMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The test files test_file.0 .. test_file.N-1 in {@code --dir}: prepare (sb_fileio.c
 * create_files), cleanup (remove_files), and opening them for a run (file_prepare, including
 * seqwr's re-creation and the size check).
 */
public final class TestFiles {
    /** sysbench aligns its buffers to the page size (4096 on x86-64), as O_DIRECT needs. */
    static final int PAGE_SIZE = 4096;
    private static final double MIB = 1024.0 * 1024.0;
    /** sysbench creates the files with S_IRUSR | S_IWUSR. */
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_RW =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private TestFiles() {
    }

    /** What prepare did. */
    public record Prepared(long bytesWritten, double seconds, boolean interrupted) {
    }

    // ---------------------------------------------------------------- prepare

    /**
     * The bytes prepare would append: for every file shorter than the file size, whole blocks
     * from its current end until it reaches the file size (so a size that is not a multiple of
     * the block size is rounded up, as sysbench does).
     */
    public static long bytesToWrite(FileioOptions o) {
        long need = 0;
        for (int i = 0; i < o.fileNum(); i++) {
            Path p = o.file(i);
            long have = 0;
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserException("cannot create file '" + p + "': it is a directory");
            }
            try {
                have = Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                have = 0;
            }
            if (have < o.fileSize()) {
                long blocks = (o.fileSize() - have + o.blockSize() - 1) / o.blockSize();
                need += blocks * o.blockSize();
            }
        }
        return need;
    }

    /** Refuses, before anything is written, when the files would not fit into the free space of {@code --dir}. */
    public static long checkFreeSpace(FileioOptions o) {
        long need = bytesToWrite(o);
        if (need == 0) {
            return 0;
        }
        long free;
        try {
            FileStore store = Files.getFileStore(o.dir());
            if (store.getTotalSpace() == 0) {
                // ramfs (and some virtual file systems) report no size at all: the free space is
                // unknown, not zero, and sysbench prepares there; let the writes tell
                return need;
            }
            free = store.getUsableSpace();
        } catch (IOException e) {
            return need; // unknown: let the writes tell
        }
        if (need > free) {
            throw new UserException(String.format(Locale.ROOT,
                    "not enough free space in %s: prepare needs %s (%d bytes) but only %s are available; nothing was written",
                    o.dir().toAbsolutePath(), Sizes.format(need), need, Sizes.format(free)));
        }
        return need;
    }

    /**
     * sysbench's prepare: checks the free space first, then creates or extends every file with
     * zero-filled blocks and fsyncs it. Prints sysbench's lines to {@code out}; with
     * {@code progress}, also a progress line (bytes of total, rate, ETA) that it keeps
     * overwriting. A stop request ends it after the current block.
     */
    public static Prepared prepare(FileioOptions o, PrintStream out, boolean progress, StopSignal stop) {
        long need = checkFreeSpace(o);
        out.printf(Locale.ROOT, "%d files, %dKb each, %dMb total%n", o.fileNum(), o.fileSize() / 1024,
                o.fileSize() * o.fileNum() / (1024 * 1024));
        out.println("Creating files for the test...");
        out.println(ExtraFlag.line(o.extraFlags()));
        int align = alignment(o);
        if (o.direct() && o.blockSize() % align != 0) {
            throw UserException.usage("--file-extra-flags=direct needs --file-block-size to be a multiple of "
                    + align + " bytes, the file system's block size here");
        }
        ByteBuffer buf = alignedBuffer((int) o.blockSize(), align);
        Progress bar = new Progress(out, need, progress);
        long written = 0;
        Stopwatch writing = Stopwatch.start();
        boolean interrupted = false;
        Set<OpenOption> opts = openOptions(o, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        for (int i = 0; i < o.fileNum() && !interrupted; i++) {
            Path p = o.file(i);
            long offset = 0;
            try (FileChannel ch = FileChannel.open(p, opts, OWNER_RW)) {
                offset = ch.size();
                bar.clear();
                if (offset >= o.fileSize()) {
                    out.println("Reusing existing file " + FileioOptions.fileName(i));
                } else if (offset > 0) {
                    out.println("Extending existing file " + FileioOptions.fileName(i));
                } else {
                    out.println("Creating file " + FileioOptions.fileName(i));
                }
                for (; offset < o.fileSize(); offset += o.blockSize()) {
                    if (stop.requested()) {
                        interrupted = true;
                        break;
                    }
                    buf.clear();
                    long pos = offset;
                    while (buf.hasRemaining()) {
                        pos += ch.write(buf, pos);
                    }
                    written += o.blockSize();
                    bar.advance(written);
                }
                // fsync every file so that dirty pages do not disturb the run (as sysbench)
                ch.force(true);
            } catch (IOException e) {
                bar.clear();
                throw new UserException("failed to write file '" + p + "' at offset " + offset + ": " + describe(e), e);
            }
        }
        bar.clear();
        double seconds = writing.elapsedSeconds();
        if (interrupted) {
            return new Prepared(written, seconds, true);
        }
        if (written > 0) {
            out.printf(Locale.ROOT, "%d bytes written in %.2f seconds (%.2f MiB/sec).%n", written, seconds,
                    written / MIB / seconds);
        } else {
            out.println("No bytes written.");
        }
        out.flush();
        return new Prepared(written, seconds, false);
    }

    // ---------------------------------------------------------------- cleanup

    /**
     * sysbench's cleanup: removes test_file.0 .. test_file.N-1 of {@code --dir} and nothing else
     * (not other files, not test_file.N and above, never a directory; a symbolic link named
     * like a test file is removed, not its target). Returns how many files were removed.
     */
    public static int cleanup(FileioOptions o, PrintStream out) {
        out.println("Removing test files...");
        int removed = 0;
        int failed = 0;
        String first = null;
        for (int i = 0; i < o.fileNum(); i++) {
            Path p = o.file(i);
            try {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                    removed++;
                }
            } catch (NoSuchFileException e) {
                // already gone
            } catch (IOException e) {
                failed++;
                if (first == null) {
                    first = p + ": " + describe(e);
                }
            }
        }
        out.flush();
        if (failed > 0) {
            throw new UserException("cannot remove " + failed + " test file(s), e.g. " + first);
        }
        return removed;
    }

    // ---------------------------------------------------------------- run

    /**
     * Opens the files for a run as sysbench's file_prepare does: seqwr first removes and
     * re-creates every file empty; the other modes open the existing files and require each to
     * be at least the file size.
     */
    public static FileIo openForRun(FileioOptions o) {
        FileTestMode mode = o.requireMode();
        int align = alignment(o);
        if (o.direct() && o.ioMode() == IoMode.SYNC
                && (o.requestSize() % align != 0 || o.blockSize() % align != 0 || o.fileSize() % align != 0)) {
            throw UserException.usage("--file-extra-flags=direct needs --file-block-size and the file size (--file-total-size / "
                    + "--file-num = " + o.fileSize() + ") to be multiples of " + align
                    + " bytes, the file system's block size here (Java checks O_DIRECT alignment)");
        }
        FileChannel[] channels = new FileChannel[o.fileNum()];
        Set<OpenOption> opts = openOptions(o, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            for (int i = 0; i < o.fileNum(); i++) {
                Path p = o.file(i);
                if (mode == FileTestMode.SEQWR) {
                    channels[i] = recreate(p, opts);
                    continue;
                }
                try {
                    channels[i] = FileChannel.open(p, opts);
                } catch (NoSuchFileException e) {
                    throw new UserException("cannot open file '" + p + "': no such file (did you forget to run the prepare step?)");
                } catch (IOException e) {
                    throw new UserException("cannot open file '" + p + "': " + describe(e));
                }
                long size;
                try {
                    size = channels[i].size();
                } catch (IOException e) {
                    throw new UserException("cannot read the size of file '" + p + "': " + describe(e));
                }
                if (size < o.fileSize()) {
                    throw new UserException("size of file '" + p + "' is " + Sizes.format(size) + ", but at least "
                            + Sizes.format(o.fileSize()) + " is expected (did you run 'prepare' with different "
                            + "--file-total-size or --file-num values?)");
                }
            }
            if (o.ioMode() == IoMode.MMAP) {
                try {
                    return new MmapIo(channels, o.fileSize());
                } catch (IOException e) {
                    throw new UserException("cannot map the test files into memory: " + describe(e));
                }
            }
            return new ChannelIo(channels, o.fsyncMode());
        } catch (RuntimeException e) {
            closeAll(channels);
            throw e;
        }
    }

    /** seqwr: unlink, create exclusively (empty), open read-write with the extra flags. */
    private static FileChannel recreate(Path p, Set<OpenOption> opts) {
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(p);
            }
            Set<OpenOption> create = new HashSet<>(opts);
            create.add(StandardOpenOption.CREATE_NEW);
            return FileChannel.open(p, create, OWNER_RW);
        } catch (FileAlreadyExistsException e) {
            throw new UserException("cannot create file '" + p + "': something that is not a file is in the way");
        } catch (IOException e) {
            throw new UserException("cannot create file '" + p + "': " + describe(e));
        }
    }

    // ---------------------------------------------------------------- helpers

    static Set<OpenOption> openOptions(FileioOptions o, OpenOption... base) {
        Set<OpenOption> s = new HashSet<>(Set.of(base));
        for (ExtraFlag f : o.extraFlags()) {
            switch (f) {
                case SYNC -> s.add(StandardOpenOption.SYNC);
                case DSYNC -> s.add(StandardOpenOption.DSYNC);
                case DIRECT -> s.add(ExtendedOpenOption.DIRECT);
            }
        }
        return s;
    }

    /**
     * Buffer alignment: the page size, as sysbench; with O_DIRECT at least the file system's
     * block size, which Java's FileChannel checks buffers, offsets and sizes against.
     */
    public static int alignment(FileioOptions o) {
        int a = PAGE_SIZE;
        if (o.direct()) {
            try {
                long bs = Files.getFileStore(o.dir()).getBlockSize();
                if (bs > a && bs <= (1 << 20)) {
                    a = (int) bs;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // keep the page size
            }
        }
        return a;
    }

    /** A zeroed direct buffer of {@code size} bytes whose address is a multiple of {@code align}. */
    public static ByteBuffer alignedBuffer(int size, int align) {
        // alignedSlice also rounds the capacity down to a multiple of align
        int rounded = (int) Math.min(Integer.MAX_VALUE - align, ((long) size + align - 1) / align * align);
        return ByteBuffer.allocateDirect(rounded + align).alignedSlice(align).limit(size).slice();
    }

    static void closeAll(FileChannel[] channels) {
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] != null) {
                try {
                    channels[i].close();
                } catch (IOException e) {
                    // closing after the run; nothing more to do
                }
                channels[i] = null;
            }
        }
    }

    /** An exception's message, or its class name when it has none. */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
