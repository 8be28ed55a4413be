package io.virtbench.launcher;

import io.virtbench.memory.MemoryOptions;
import picocli.CommandLine.Option;

/** sysbench memory's options (sb_memory.c memory_args), shared by memory and crosscheck memory. */
final class MemoryOptionsMixin {
    @Option(names = "--memory-block-size", paramLabel = "SIZE", defaultValue = MemoryOptions.DEFAULT_BLOCK_SIZE,
            description = "size of memory block for test")
    String blockSize;

    @Option(names = "--memory-total-size", paramLabel = "SIZE", defaultValue = MemoryOptions.DEFAULT_TOTAL_SIZE,
            description = "total size of data to transfer")
    String totalSize;

    @Option(names = "--memory-scope", paramLabel = "SCOPE", defaultValue = "global",
            description = "memory access scope {global,local}")
    String scope;

    @Option(names = "--memory-oper", paramLabel = "OPER", defaultValue = "write",
            description = "type of memory operations {read, write, none}")
    String oper;

    @Option(names = "--memory-access-mode", paramLabel = "MODE", defaultValue = "seq",
            description = "memory access mode {seq,rnd}")
    String mode;

    MemoryOptions options() {
        return MemoryOptions.parse(blockSize, totalSize, scope, oper, mode);
    }
}
