package io.virtbench.memory;

import io.virtbench.core.UserException;
import io.virtbench.core.sysbench.Sizes;
import java.util.Locale;

/**
 * Options of sysbench's memory test (src/tests/memory/sb_memory.c), with its defaults.
 *
 * @param blockSize {@code --memory-block-size}: bytes per event, a power of two &ge; 8 (default 1K)
 * @param totalSize {@code --memory-total-size}: bytes over all threads, 0 = no limit (default 100G)
 * @param scope     {@code --memory-scope}: one buffer for all threads, or one each (default global)
 * @param oper      {@code --memory-oper}: read, write or none (default write)
 * @param mode      {@code --memory-access-mode}: sequential or random words (default seq)
 */
public record MemoryOptions(long blockSize, long totalSize, Scope scope, Oper oper, AccessMode mode) {
    public static final String DEFAULT_BLOCK_SIZE = "1K";
    public static final String DEFAULT_TOTAL_SIZE = "100G";
    /** The machine word sysbench moves: size_t, 8 bytes on 64-bit Linux. */
    public static final int WORD = 8;
    /** A Java array holds at most 2^31 − 1 words; the largest power of two below is 2^30 words. */
    public static final long MAX_BLOCK_SIZE = (1L << 30) * WORD;

    /** {@code --memory-scope}. */
    public enum Scope { GLOBAL, LOCAL }

    /** {@code --memory-oper}. */
    public enum Oper { READ, WRITE, NONE }

    /** {@code --memory-access-mode}. */
    public enum AccessMode { SEQ, RND }

    public MemoryOptions {
        if (blockSize < WORD || (blockSize & (blockSize - 1)) != 0) {
            throw UserException.usage("invalid value for --memory-block-size: " + blockSize
                    + " (must be a power of two of at least " + WORD + " bytes)");
        }
        if (blockSize > MAX_BLOCK_SIZE) {
            throw UserException.usage("invalid value for --memory-block-size: " + blockSize + " (at most "
                    + Sizes.format(MAX_BLOCK_SIZE) + " in a Java array)");
        }
        if (totalSize < 0) {
            throw UserException.usage("invalid value for --memory-total-size: " + totalSize);
        }
    }

    public static MemoryOptions defaults() {
        return parse(DEFAULT_BLOCK_SIZE, DEFAULT_TOTAL_SIZE, "global", "write", "seq");
    }

    /** The options as sysbench spells them ({@code 1K}, {@code global}...); bad values name the option. */
    public static MemoryOptions parse(String blockSize, String totalSize, String scope, String oper, String mode) {
        return new MemoryOptions(Sizes.parse("--memory-block-size", blockSize), Sizes.parse("--memory-total-size", totalSize),
                choice("--memory-scope", Scope.class, scope), choice("--memory-oper", Oper.class, oper),
                choice("--memory-access-mode", AccessMode.class, mode));
    }

    /** sysbench compares the strings exactly (lower case). */
    private static <E extends Enum<E>> E choice(String option, Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (label(e).equals(value)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(label(e));
        }
        throw UserException.usage("invalid value for " + option + ": " + value + " (expected " + allowed + ")");
    }

    /** The lower-case name sysbench uses. */
    public static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Words per block. */
    public int words() {
        return (int) (blockSize / WORD);
    }

    /**
     * Events each of {@code threads} threads runs before it stops (sysbench's tls_total_ops,
     * which may be 0: then no thread runs an event), or -1 when {@code --memory-total-size} is 0
     * (no limit).
     */
    public long eventsPerThread(int threads) {
        return totalSize > 0 ? totalSize / blockSize / threads : -1;
    }
}
