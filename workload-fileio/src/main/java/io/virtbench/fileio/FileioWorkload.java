package io.virtbench.fileio;

import io.virtbench.core.harness.Counter;
import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.RunSettings;
import io.virtbench.core.harness.StopSignal;
import io.virtbench.core.harness.Worker;
import io.virtbench.core.harness.Workload;
import io.virtbench.fileio.files.FileIo;
import io.virtbench.fileio.files.TestFiles;
import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import io.virtbench.fileio.storage.OpenFlags;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * sysbench 1.0.20's fileio test (src/tests/fileio/sb_fileio.c). Every request — a read, a
 * write, or a periodic fsync — is one event. Reads and writes are positional (pread/pwrite) on
 * files opened once and shared by all threads, from a page-aligned direct buffer per thread
 * that is reused for every request. After its loop each thread fsyncs every file once when
 * --file-fsync-end is on and the mode writes (inside the total time, not counted as events).
 *
 * <p>Counters: READS/BYTES_READ and WRITES/BYTES_WRITTEN after each successful request; OTHER
 * for every fsync (periodic, --file-fsync-all's per-write fsync, end fsyncs).
 */
public final class FileioWorkload implements Workload {
    private final FileioOptions options;
    private final FileTestMode mode;
    private FileIo io;
    private RequestGenerator generator;
    /** The JIT warm-up's own generator, so the measured run's sequential position still starts at 0. */
    private RequestGenerator warmupGenerator;
    private int alignment;
    private final List<FileioWorker> workers = new CopyOnWriteArrayList<>();
    private Boolean directFlag;

    public FileioWorkload(FileioOptions options) {
        this.options = options;
        this.mode = options.requireMode();
    }

    @Override
    public String name() {
        return "fileio";
    }

    public FileioOptions options() {
        return options;
    }

    /** sysbench's prepare command, without a progress line. */
    @Override
    public void prepare(PrintStream out) {
        TestFiles.prepare(options, out, false, StopSignal.never());
    }

    @Override
    public void cleanup(PrintStream out) {
        TestFiles.cleanup(options, out);
    }

    @Override
    public void init(RunSettings settings) {
        io = TestFiles.openForRun(options);
        generator = new RequestGenerator(options);
        warmupGenerator = settings.jitWarmup() ? new RequestGenerator(options) : null;
        alignment = TestFiles.alignment(options);
        workers.clear();
        directFlag = OpenFlags.directFlag(options.file(0));
    }

    @Override
    public Worker createWorker(int threadIndex) {
        FileioWorker w = new FileioWorker(generator);
        workers.add(w);
        return w;
    }

    /** The same operations on the same files, from a generator of its own and counted nowhere. */
    @Override
    public Worker createWarmupWorker(int threadIndex) {
        return new FileioWorker(warmupGenerator);
    }

    @Override
    public String warmupTouches() {
        return "the test files, with the measured operations (as sysbench's --warmup-time)";
    }

    @Override
    public void done() throws IOException {
        if (io != null) {
            io.close();
            io = null;
        }
    }

    /**
     * Whether the kernel shows O_DIRECT on the open file test_file.0 (/proc/self/fdinfo), null
     * when that cannot be read.
     */
    public Boolean directFlag() {
        return directFlag;
    }

    /**
     * The file and offset of the last write of the first thread that wrote anything, or null:
     * the O_DIRECT check probes that block after the run.
     */
    public long[] lastWrite() {
        for (FileioWorker w : workers) {
            if (w.lastWriteFile >= 0) {
                return new long[] {w.lastWriteFile, w.lastWritePos, w.lastWriteSize};
            }
        }
        return null;
    }

    /** One thread's worker: its request, its aligned buffer, its random generator. */
    private final class FileioWorker implements Worker {
        private final Request req = new Request();
        private final ByteBuffer buf;
        private final SplittableRandom random = new SplittableRandom();
        private final FileIo files;
        private final RequestGenerator gen;
        private final boolean fsyncAll;
        private final boolean completions;
        int lastWriteFile = -1;
        long lastWritePos;
        int lastWriteSize;

        FileioWorker(RequestGenerator gen) {
            this.buf = TestFiles.alignedBuffer((int) options.requestSize(), alignment);
            this.files = io;
            this.gen = gen;
            this.fsyncAll = options.fsyncAll();
            this.completions = generator.needsCompletions();
        }

        @Override
        public void event(Counters c) throws IOException {
            Request r = req;
            gen.next(r, random);
            switch (r.op) {
                case Request.READ -> read(r, c);
                case Request.WRITE -> write(r, c);
                default -> {
                    // a periodic fsync event; ignored under --file-fsync-all (which fsyncs every write)
                    if (!fsyncAll) {
                        fsync(r.file, c);
                    }
                }
            }
            if (completions) {
                gen.completed(r.op);
            }
        }

        private void read(Request r, Counters c) throws IOException {
            ByteBuffer b = buf;
            b.clear().limit(r.size);
            int n;
            try {
                n = files.read(r.file, b, r.pos);
            } catch (IOException | RuntimeException e) {
                throw failure("read", r, e);
            }
            if (n != r.size) {
                throw new IOException("failed to read file '" + options.file(r.file) + "' at offset " + r.pos + ": read "
                        + Math.max(n, 0) + " of " + r.size + " bytes");
            }
            c.increment(Counter.READS);
            c.add(Counter.BYTES_READ, n);
        }

        private void write(Request r, Counters c) throws IOException {
            ByteBuffer b = buf;
            b.clear().limit(r.size);
            int n;
            try {
                n = files.write(r.file, b, r.pos);
            } catch (IOException | RuntimeException e) {
                throw failure("write", r, e);
            }
            if (n != r.size) {
                throw new IOException("failed to write file '" + options.file(r.file) + "' at offset " + r.pos + ": wrote "
                        + n + " of " + r.size + " bytes");
            }
            lastWriteFile = r.file;
            lastWritePos = r.pos;
            lastWriteSize = r.size;
            if (fsyncAll) {
                fsync(r.file, c);
            }
            c.increment(Counter.WRITES);
            c.add(Counter.BYTES_WRITTEN, n);
        }

        private void fsync(int file, Counters c) throws IOException {
            try {
                files.fsync(file);
            } catch (IOException | RuntimeException e) {
                throw new IOException("failed to fsync file '" + options.file(file) + "': " + TestFiles.describe(e), e);
            }
            c.increment(Counter.OTHER);
        }

        private IOException failure(String what, Request r, Exception e) {
            return new IOException("failed to " + what + " file '" + options.file(r.file) + "' at offset " + r.pos + ": "
                    + TestFiles.describe(e), e);
        }

        /** sysbench's file_thread_done: with --file-fsync-end, each thread fsyncs every file once (write modes). */
        @Override
        public void finish(Counters c) throws IOException {
            if (options.effectiveFsyncEnd() && !mode.readOnly()) {
                for (int i = 0; i < options.fileNum(); i++) {
                    fsync(i, c);
                }
            }
        }
    }
}
