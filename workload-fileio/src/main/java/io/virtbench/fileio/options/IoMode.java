package io.virtbench.fileio.options;

import io.virtbench.core.UserException;

/** sysbench's {@code --file-io-mode}: sync (pread/pwrite), async (Linux libaio), mmap. */
public enum IoMode {
    SYNC("sync", "synchronous"),
    ASYNC("async", "asynchronous"),
    MMAP("mmap", "fast mmaped");

    private final String code;
    private final String description;

    IoMode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    /** The word in sysbench's "Using ... I/O mode" line. */
    public String description() {
        return description;
    }

    public static IoMode parse(String value) {
        for (IoMode m : values()) {
            if (m.code.equals(value)) {
                return m;
            }
        }
        throw UserException.usage("invalid value for --file-io-mode: '" + value + "' (expected sync, async or mmap)");
    }

    public static IoMode fromDescription(String description) {
        for (IoMode m : values()) {
            if (m.description.equals(description)) {
                return m;
            }
        }
        return null;
    }
}
