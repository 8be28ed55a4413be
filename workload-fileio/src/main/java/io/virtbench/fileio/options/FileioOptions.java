package io.virtbench.fileio.options;

import io.virtbench.core.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Options of sysbench 1.0.20's fileio test (sb_fileio.c fileio_args and parse_arguments), plus
 * {@code --dir}, the directory of the files (sysbench uses its current directory).
 *
 * @param dir            {@code --dir}: where test_file.0 .. test_file.N-1 live (default: current directory)
 * @param fileNum        {@code --file-num}: number of files (default 128)
 * @param blockSize      {@code --file-block-size}: bytes per request (default 16384)
 * @param totalSize      {@code --file-total-size}: bytes over all files (default 2G); each file is total / num
 * @param testMode       {@code --file-test-mode}: required for run, ignored by prepare and cleanup (may be null there)
 * @param ioMode         {@code --file-io-mode}: sync (default) or mmap; async is refused
 * @param extraFlags     {@code --file-extra-flags}: sync, dsync, direct
 * @param fsyncFreq      {@code --file-fsync-freq}: fsync every this many requests, 0 = never (default 100)
 * @param fsyncAll       {@code --file-fsync-all}: fsync after every write (default off); forces freq 0 and end off
 * @param fsyncEnd       {@code --file-fsync-end}: every thread fsyncs every file at its end (default on)
 * @param fsyncMode      {@code --file-fsync-mode}: fsync (default) or fdatasync
 * @param mergedRequests {@code --file-merged-requests}: sequential requests are block × this, 0 = off
 * @param rwRatio        {@code --file-rw-ratio}: reads/writes ratio of rndrw (default 1.5)
 */
public record FileioOptions(Path dir, int fileNum, long blockSize, long totalSize, FileTestMode testMode,
                            IoMode ioMode, Set<ExtraFlag> extraFlags, int fsyncFreq, boolean fsyncAll,
                            boolean fsyncEnd, FsyncMode fsyncMode, int mergedRequests, double rwRatio) {

    public static final int DEFAULT_FILE_NUM = 128;
    public static final long DEFAULT_BLOCK_SIZE = 16384;
    public static final String DEFAULT_TOTAL_SIZE = "2G";
    public static final String DEFAULT_IO_MODE = "sync";
    public static final String DEFAULT_EXTRA_FLAGS = "";
    public static final int DEFAULT_FSYNC_FREQ = 100;
    public static final boolean DEFAULT_FSYNC_ALL = false;
    public static final boolean DEFAULT_FSYNC_END = true;
    public static final String DEFAULT_FSYNC_MODE = "fsync";
    public static final int DEFAULT_MERGED_REQUESTS = 0;
    public static final double DEFAULT_RW_RATIO = 1.5;
    public static final String DEFAULT_DIR = ".";
    /** The largest request (block × merged requests): one buffer per thread holds it. */
    public static final long MAX_REQUEST_SIZE = 1L << 30;
    /** An upper bound on {@code --file-num} to refuse typos before opening a million files. */
    public static final int MAX_FILE_NUM = 1_000_000;

    public FileioOptions {
        if (dir == null || !Files.isDirectory(dir)) {
            throw UserException.usage("invalid value for --dir: '" + dir + "' is not a directory");
        }
        if (fileNum < 1 || fileNum > MAX_FILE_NUM) {
            throw UserException.usage("invalid value for --file-num: " + fileNum + " (must be 1.." + MAX_FILE_NUM + ")");
        }
        if (blockSize < 1 || blockSize > MAX_REQUEST_SIZE) {
            throw UserException.usage("invalid value for --file-block-size: " + blockSize + " (must be 1.." + MAX_REQUEST_SIZE + ")");
        }
        if (totalSize < 1) {
            throw UserException.usage("invalid value for --file-total-size: " + totalSize + " (must be > 0)");
        }
        if (totalSize / fileNum < 1) {
            throw UserException.usage("invalid value for --file-total-size: " + totalSize
                    + " (must be at least --file-num bytes, or every file would be empty)");
        }
        if (ioMode == null) {
            ioMode = IoMode.SYNC;
        }
        if (ioMode == IoMode.ASYNC) {
            throw UserException.usage("invalid value for --file-io-mode: 'async' is not supported by virtbench "
                    + "(Linux libaio has no Java equivalent); use sync or mmap");
        }
        if (fsyncFreq < 0) {
            throw UserException.usage("invalid value for --file-fsync-freq: " + fsyncFreq + " (must be >= 0)");
        }
        if (mergedRequests < 0) {
            throw UserException.usage("invalid value for --file-merged-requests: " + mergedRequests + " (must be >= 0)");
        }
        if (mergedRequests > 0 && blockSize * mergedRequests > MAX_REQUEST_SIZE) {
            throw UserException.usage("invalid value for --file-merged-requests: " + mergedRequests
                    + " (block size × merged requests must be at most " + MAX_REQUEST_SIZE + " bytes)");
        }
        if (!(rwRatio >= 0) || Double.isInfinite(rwRatio)) {
            throw UserException.usage("invalid value for --file-rw-ratio: " + rwRatio + " (must be a number >= 0)");
        }
        if (ioMode == IoMode.MMAP && totalSize / fileNum > Integer.MAX_VALUE) {
            throw UserException.usage("invalid value for --file-io-mode: 'mmap' needs files of at most 2 GiB each "
                    + "(Java maps at most 2 GiB at once); raise --file-num or use sync");
        }
        extraFlags = extraFlags == null || extraFlags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(extraFlags));
        if (fsyncMode == null) {
            fsyncMode = FsyncMode.FSYNC;
        }
    }

    /** sysbench's defaults in {@code dir}, with test mode {@code mode} (may be null). */
    public static FileioOptions defaults(Path dir, FileTestMode mode) {
        return builder(dir).mode(mode).build();
    }

    /** Size of each file: total / number of files (integer division, as sysbench). */
    public long fileSize() {
        return totalSize / fileNum;
    }

    /** Bytes per sequential request: the block size, times --file-merged-requests when that is > 0. */
    public long requestSize() {
        return mergedRequests > 0 ? blockSize * mergedRequests : blockSize;
    }

    /** The periodic fsync frequency in effect: --file-fsync-all forces it to 0. */
    public int effectiveFsyncFreq() {
        return fsyncAll ? 0 : fsyncFreq;
    }

    /** Whether end fsyncs are on: --file-fsync-all forces them off. */
    public boolean effectiveFsyncEnd() {
        return !fsyncAll && fsyncEnd;
    }

    public boolean direct() {
        return extraFlags.contains(ExtraFlag.DIRECT);
    }

    /** The test mode, or a usage error when it is missing (sysbench: required for run). */
    public FileTestMode requireMode() {
        if (testMode == null) {
            throw UserException.usage("missing required argument: --file-test-mode (seqwr, seqrewr, seqrd, rndrd, rndwr or rndrw)");
        }
        return testMode;
    }

    /** File {@code i}: {@code dir/test_file.i}. */
    public Path file(int i) {
        return dir.resolve(fileName(i));
    }

    public static String fileName(int i) {
        return "test_file." + i;
    }

    public FileioOptions withMode(FileTestMode m) {
        return toBuilder().mode(m).build();
    }

    /** The same options without --file-extra-flags. */
    public FileioOptions withExtraFlagsNone() {
        return toBuilder().extraFlags(Set.of()).build();
    }

    /** A builder starting from sysbench's defaults in {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    public Builder toBuilder() {
        Builder b = new Builder(dir);
        b.fileNum = fileNum;
        b.blockSize = blockSize;
        b.totalSize = totalSize;
        b.testMode = testMode;
        b.ioMode = ioMode;
        b.extraFlags = extraFlags;
        b.fsyncFreq = fsyncFreq;
        b.fsyncAll = fsyncAll;
        b.fsyncEnd = fsyncEnd;
        b.fsyncMode = fsyncMode;
        b.mergedRequests = mergedRequests;
        b.rwRatio = rwRatio;
        return b;
    }

    /** Assembles {@link FileioOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final Path dir;
        private int fileNum = DEFAULT_FILE_NUM;
        private long blockSize = DEFAULT_BLOCK_SIZE;
        private long totalSize = 2L << 30;
        private FileTestMode testMode;
        private IoMode ioMode = IoMode.SYNC;
        private Set<ExtraFlag> extraFlags = Set.of();
        private int fsyncFreq = DEFAULT_FSYNC_FREQ;
        private boolean fsyncAll = DEFAULT_FSYNC_ALL;
        private boolean fsyncEnd = DEFAULT_FSYNC_END;
        private FsyncMode fsyncMode = FsyncMode.FSYNC;
        private int mergedRequests = DEFAULT_MERGED_REQUESTS;
        private double rwRatio = DEFAULT_RW_RATIO;

        private Builder(Path dir) {
            this.dir = dir;
        }

        public Builder fileNum(int v) { fileNum = v; return this; }
        public Builder blockSize(long v) { blockSize = v; return this; }
        public Builder totalSize(long v) { totalSize = v; return this; }
        public Builder mode(FileTestMode v) { testMode = v; return this; }
        public Builder ioMode(IoMode v) { ioMode = v; return this; }
        public Builder extraFlags(Set<ExtraFlag> v) { extraFlags = v; return this; }
        public Builder fsyncFreq(int v) { fsyncFreq = v; return this; }
        public Builder fsyncAll(boolean v) { fsyncAll = v; return this; }
        public Builder fsyncEnd(boolean v) { fsyncEnd = v; return this; }
        public Builder fsyncMode(FsyncMode v) { fsyncMode = v; return this; }
        public Builder mergedRequests(int v) { mergedRequests = v; return this; }
        public Builder rwRatio(double v) { rwRatio = v; return this; }

        public FileioOptions build() {
            return new FileioOptions(dir, fileNum, blockSize, totalSize, testMode, ioMode, extraFlags, fsyncFreq,
                    fsyncAll, fsyncEnd, fsyncMode, mergedRequests, rwRatio);
        }
    }
}
