package io.virtbench.launcher;

import io.virtbench.fileio.options.ExtraFlag;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.options.FsyncMode;
import io.virtbench.fileio.options.IoMode;
import java.nio.file.Path;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** sysbench fileio's options (sb_fileio.c fileio_args) and --dir, shared by fileio and crosscheck fileio. */
final class FileioOptionsMixin {
    @Option(names = "--file-num", paramLabel = "N", defaultValue = "" + FileioOptions.DEFAULT_FILE_NUM,
            description = "number of files to create")
    int fileNum;

    @Option(names = "--file-block-size", paramLabel = "SIZE", defaultValue = "" + FileioOptions.DEFAULT_BLOCK_SIZE,
            converter = Converters.Size.class, description = "block size to use in all IO operations")
    long blockSize;

    @Option(names = "--file-total-size", paramLabel = "SIZE", defaultValue = FileioOptions.DEFAULT_TOTAL_SIZE,
            converter = Converters.Size.class, description = "total size of files to create")
    long totalSize;

    @Option(names = "--file-test-mode", paramLabel = "MODE",
            description = "test mode {seqwr, seqrewr, seqrd, rndrd, rndwr, rndrw}; required for run, ignored by prepare and cleanup")
    String testMode;

    @Option(names = "--file-io-mode", paramLabel = "MODE", defaultValue = FileioOptions.DEFAULT_IO_MODE,
            description = "file operations mode {sync, mmap} (sysbench's async is not supported)")
    String ioMode;

    @Option(names = "--file-extra-flags", paramLabel = "LIST", defaultValue = FileioOptions.DEFAULT_EXTRA_FLAGS,
            description = "list of additional flags to use to open files {sync, dsync, direct}")
    String extraFlags;

    @Option(names = "--file-fsync-freq", paramLabel = "N", defaultValue = "" + FileioOptions.DEFAULT_FSYNC_FREQ,
            description = "do fsync() after this number of requests (0 - don't use fsync())")
    int fsyncFreq;

    @Option(names = "--file-fsync-all", paramLabel = "on|off", arity = "0..1", fallbackValue = "on",
            defaultValue = "off", converter = Converters.OnOff.class, showDefaultValue = Visibility.ALWAYS,
            description = "do fsync() after each write operation")
    boolean fsyncAll;

    @Option(names = "--file-fsync-end", paramLabel = "on|off", arity = "0..1", fallbackValue = "on",
            defaultValue = "on", converter = Converters.OnOff.class, showDefaultValue = Visibility.ALWAYS,
            description = "do fsync() at the end of test")
    boolean fsyncEnd;

    @Option(names = "--file-fsync-mode", paramLabel = "MODE", defaultValue = FileioOptions.DEFAULT_FSYNC_MODE,
            description = "which method to use for synchronization {fsync, fdatasync}")
    String fsyncMode;

    @Option(names = "--file-merged-requests", paramLabel = "N", defaultValue = "" + FileioOptions.DEFAULT_MERGED_REQUESTS,
            description = "merge at most this number of IO requests if possible (0 - don't merge)")
    int mergedRequests;

    @Option(names = "--file-rw-ratio", paramLabel = "RATIO", defaultValue = "" + FileioOptions.DEFAULT_RW_RATIO,
            description = "reads/writes ratio for combined test")
    double rwRatio;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = FileioOptions.DEFAULT_DIR,
            description = "directory of the test files test_file.0 .. test_file.N-1 (sysbench uses its current directory)")
    Path dir;

    /** The options; the test mode is parsed only when {@code run} needs it, as sysbench does. */
    FileioOptions options(boolean needMode) {
        FileTestMode mode = needMode ? FileTestMode.parse(testMode) : parseQuietly(testMode);
        return new FileioOptions(dir, fileNum, blockSize, totalSize, mode, IoMode.parse(ioMode),
                ExtraFlag.parseList(extraFlags), fsyncFreq, fsyncAll, fsyncEnd, FsyncMode.parse(fsyncMode),
                mergedRequests, rwRatio);
    }

    /** prepare and cleanup ignore the mode, even a wrong one (sysbench parses it only for run). */
    private static FileTestMode parseQuietly(String v) {
        try {
            return FileTestMode.parse(v);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
