package io.virtbench.micro;

import io.virtbench.core.FileTrees;
import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One {@link MicroOp} as a harness workload: one event is one operation, timed by the harness.
 * The files the operations use live in a private temporary directory created by {@link #init}
 * and removed by {@link #done}; nothing is allocated per event except where the JDK's API itself
 * returns a new object (stat, open-close, spawn).
 */
public final class MicroWorkload implements Workload {
    private static final Path SHM = Paths.get("/dev/shm");

    private final MicroOp op;
    private final Path tmpRoot;
    private Path dir;
    private Path file;
    private Path faultDir;

    /**
     * @param tmpRoot where to create the scratch directory (the file the operations read); the
     *                page-fault region goes to /dev/shm when it is a writable directory
     */
    public MicroWorkload(MicroOp op, Path tmpRoot) {
        this.op = op;
        this.tmpRoot = tmpRoot;
    }

    @Override
    public String name() {
        return "micro-" + op.label();
    }

    @Override
    public void init(RunSettings settings) throws IOException {
        dir = Files.createTempDirectory(tmpRoot, "virtbench-micro-");
        file = dir.resolve("block");
        Files.write(file, new byte[FileOps.BLOCK]);
        Files.readAllBytes(file);
        if (op == MicroOp.PAGE_FAULT) {
            boolean shm = Files.isDirectory(SHM) && Files.isWritable(SHM);
            faultDir = shm ? Files.createTempDirectory(SHM, "virtbench-micro-") : dir;
        }
    }

    /** Where the page-fault region's files are created (after {@link #init}). */
    Path faultDir() {
        return faultDir;
    }

    @Override
    public Worker createWorker(int threadIndex) throws Exception {
        return switch (op) {
            case SYSCALL -> FileOps.position(file);
            case STAT -> FileOps.stat(file);
            case OPEN_CLOSE -> FileOps.openClose(file);
            case READ_4K -> FileOps.read(file);
            case YIELD -> counters -> Thread.yield();
            case SWITCH -> PartnerOps.pingPong();
            case PIPE -> PartnerOps.pipe();
            case PAGE_FAULT -> FileOps.pageFault(faultDir.resolve("region-" + threadIndex));
            case SPAWN -> spawner();
            case CLOCK -> new Worker() {
                long sink;

                @Override
                public void event(Counters counters) {
                    sink += System.nanoTime();
                }
            };
        };
    }

    /** One builder per worker thread: ProcessBuilder is not documented as safe to share. */
    private static Worker spawner() {
        ProcessBuilder pb = new ProcessBuilder("/bin/true").inheritIO();
        return counters -> {
            int rc = pb.start().waitFor();
            if (rc != 0) {
                throw new IOException("/bin/true exited with status " + rc);
            }
        };
    }

    @Override
    public void done() throws IOException {
        if (faultDir != null && !faultDir.equals(dir)) {
            delete(faultDir);
        }
        if (dir != null) {
            delete(dir);
        }
    }

    private static void delete(Path root) throws IOException {
        FileTrees.delete(root);
    }
}
