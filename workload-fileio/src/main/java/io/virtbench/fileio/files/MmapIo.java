package io.virtbench.fileio.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * {@code --file-io-mode=mmap}: every file mapped once, shared and read-write (sysbench's 64-bit
 * "fast mmaped" mode); a read or write is a memory copy between the mapping and the thread's
 * buffer, an fsync is msync(MS_SYNC) of the whole mapping ({@link MappedByteBuffer#force()};
 * sysbench adds MS_INVALIDATE, which Java cannot pass). Mapping a file beyond its end grows it
 * with ftruncate, as sysbench's seqwr does before mapping.
 */
final class MmapIo implements FileIo {
    private final FileChannel[] channels;
    private final MappedByteBuffer[] maps;

    MmapIo(FileChannel[] channels, long fileSize) throws IOException {
        this.channels = channels;
        this.maps = new MappedByteBuffer[channels.length];
        for (int i = 0; i < channels.length; i++) {
            maps[i] = channels[i].map(FileChannel.MapMode.READ_WRITE, 0, fileSize);
        }
    }

    @Override
    public int read(int file, ByteBuffer dst, long pos) {
        int n = dst.remaining();
        dst.put(dst.position(), maps[file], (int) pos, n);
        return n;
    }

    @Override
    public int write(int file, ByteBuffer src, long pos) {
        int n = src.remaining();
        maps[file].put((int) pos, src, src.position(), n);
        return n;
    }

    @Override
    public void fsync(int file) {
        maps[file].force();
    }

    /**
     * Closes the files. The mappings go when the garbage collector frees them: Java has no
     * supported unmap (sun.misc.Unsafe.invokeCleaner warns from Java 24 on); Linux keeps a
     * mapped file's data reachable even after cleanup unlinks it.
     */
    @Override
    public void close() throws IOException {
        Arrays.fill(maps, null);
        TestFiles.closeAll(channels);
    }
}
