package io.virtbench.cpu;

import io.virtbench.core.UserException;

/**
 * Options of sysbench's cpu test (src/tests/cpu/sb_cpu.c).
 *
 * @param maxPrime {@code --cpu-max-prime}: upper limit of the candidates tested (default 10000)
 */
public record CpuOptions(long maxPrime) {
    public static final long DEFAULT_MAX_PRIME = 10000;
    /** sysbench reads the option as a C int. */
    public static final long MAX_MAX_PRIME = Integer.MAX_VALUE;

    public CpuOptions {
        if (maxPrime <= 0 || maxPrime > MAX_MAX_PRIME) {
            throw UserException.usage("invalid value for --cpu-max-prime: " + maxPrime + " (must be 1.." + MAX_MAX_PRIME + ")");
        }
    }

    public static CpuOptions defaults() {
        return new CpuOptions(DEFAULT_MAX_PRIME);
    }
}
