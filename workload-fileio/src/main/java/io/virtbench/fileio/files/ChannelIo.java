package io.virtbench.fileio.files;

import io.virtbench.fileio.options.FsyncMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * {@code --file-io-mode=sync}: {@link FileChannel} positional reads and writes, which are one
 * pread(2) / pwrite(2) each on a direct buffer; {@code force(true)} is fsync(2) and
 * {@code force(false)} fdatasync(2).
 */
final class ChannelIo implements FileIo {
    private final FileChannel[] channels;
    private final boolean metadata;

    ChannelIo(FileChannel[] channels, FsyncMode mode) {
        this.channels = channels;
        this.metadata = mode == FsyncMode.FSYNC;
    }

    @Override
    public int read(int file, ByteBuffer dst, long pos) throws IOException {
        return channels[file].read(dst, pos);
    }

    @Override
    public int write(int file, ByteBuffer src, long pos) throws IOException {
        return channels[file].write(src, pos);
    }

    @Override
    public void fsync(int file) throws IOException {
        channels[file].force(metadata);
    }

    @Override
    public void close() throws IOException {
        TestFiles.closeAll(channels);
    }
}
