package io.virtbench.fileio.options;

import io.virtbench.core.UserException;

/** sysbench's {@code --file-fsync-mode}: fsync() or fdatasync(). */
public enum FsyncMode {
    FSYNC("fsync"),
    FDATASYNC("fdatasync");

    private final String code;

    FsyncMode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static FsyncMode parse(String value) {
        for (FsyncMode m : values()) {
            if (m.code.equals(value)) {
                return m;
            }
        }
        throw UserException.usage("invalid value for --file-fsync-mode: '" + value + "' (expected fsync or fdatasync)");
    }
}
