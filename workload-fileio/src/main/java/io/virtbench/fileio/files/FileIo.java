package io.virtbench.fileio.files;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The open test files of one run, shared by all worker threads as sysbench shares its file
 * descriptors: positional reads and writes (no seek), fsync, close. Implementations allocate
 * nothing per call.
 */
public interface FileIo extends AutoCloseable {

    /** Reads {@code dst.remaining()} bytes of file {@code file} at {@code pos} into {@code dst}; returns bytes read. */
    int read(int file, ByteBuffer dst, long pos) throws IOException;

    /** Writes {@code src.remaining()} bytes at {@code pos} of file {@code file}; returns bytes written. */
    int write(int file, ByteBuffer src, long pos) throws IOException;

    /** fsync, fdatasync or msync of file {@code file}, as --file-fsync-mode and --file-io-mode say. */
    void fsync(int file) throws IOException;

    @Override
    void close() throws IOException;
}
