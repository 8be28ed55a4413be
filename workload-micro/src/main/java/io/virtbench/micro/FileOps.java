package io.virtbench.micro;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.Worker;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** The operations on files: each worker holds what it needs open before the first event. */
final class FileOps {
    /** The size of the file read by read-4k and of one page touched by page-fault. */
    static final int BLOCK = 4096;
    /**
     * The region page-fault touches before it frees its pages and starts again: 16 MiB. Every touched
     * page counts in the process's RSS until the truncation, and the JIT warm-up's worker touches
     * them too, so the region must fit beside the JVM in a 128 MiB guest. A smaller region changes
     * the figure little: freeing the pages costs the same per page at any size, and the two
     * ftruncate calls' own cost, spread over 4,096 operations, is under a nanosecond each.
     */
    static final long REGION = 16L * 1024 * 1024;

    private static final OpenOption[] READ = {StandardOpenOption.READ};

    private FileOps() {
    }

    /** lseek(fd, 0, SEEK_CUR): the one system call FileChannelImpl.position() makes. */
    static Worker position(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, READ);
        return new Worker() {
            long sink;

            @Override
            public void event(Counters counters) throws IOException {
                sink += ch.position();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    /** One stat of the path; the JDK allocates the attributes object it returns. */
    static Worker stat(Path file) {
        return new Worker() {
            long sink;

            @Override
            public void event(Counters counters) throws IOException {
                sink += Files.readAttributes(file, BasicFileAttributes.class).size();
            }
        };
    }

    /** openat and close; the JDK allocates the channel and its option set. */
    static Worker openClose(Path file) {
        return counters -> FileChannel.open(file, READ).close();
    }

    /** pread64 of the whole 4 KiB file, which stays in the page cache after the first read. */
    static Worker read(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, READ);
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
        return new Worker() {
            @Override
            public void event(Counters counters) throws IOException {
                buf.clear();
                int n = ch.read(buf, 0);
                if (n != BLOCK) {
                    throw new IOException("read " + n + " bytes of " + file + ", expected " + BLOCK);
                }
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    /**
     * Writes one byte into the next untouched page of a shared mapping of a sparse file (on tmpfs
     * where there is one): the kernel allocates and zeroes a page on that first touch. Once the
     * region is used up, truncating the file to 0 and back frees every page and unmaps it from the
     * mapping, which stays valid, so the next touches fault again. Java 17 has no other way to get
     * untouched memory without sun.misc.Unsafe (allocateDirect zeroes, and so touches, its memory).
     */
    static Worker pageFault(Path file) throws IOException {
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
        try {
            raf.setLength(REGION);
            MappedByteBuffer map = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, REGION);
            return new PageToucher(raf, map);
        } catch (IOException | RuntimeException e) {
            raf.close();
            throw e;
        }
    }

    private static final class PageToucher implements Worker {
        private final RandomAccessFile raf;
        private final MappedByteBuffer map;
        private int offset;

        PageToucher(RandomAccessFile raf, MappedByteBuffer map) {
            this.raf = raf;
            this.map = map;
        }

        @Override
        public void event(Counters counters) throws IOException {
            if (offset == REGION) {
                raf.setLength(0);
                raf.setLength(REGION);
                offset = 0;
            }
            map.put(offset, (byte) 1);
            offset += BLOCK;
        }

        @Override
        public void close() throws IOException {
            raf.setLength(0);
            raf.close();
        }
    }
}
