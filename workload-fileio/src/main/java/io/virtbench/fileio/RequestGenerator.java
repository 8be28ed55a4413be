package io.virtbench.fileio;

import io.virtbench.fileio.options.FileTestMode;
import io.virtbench.fileio.options.FileioOptions;
import java.util.SplittableRandom;

/**
 * sysbench's request generator (sb_fileio.c file_get_seq_request, file_get_rnd_request), shared
 * by all threads under one lock as sysbench shares it under its mutex.
 *
 * <p>Sequential modes: one cursor (current file, position) for all threads; blocks are visited in
 * order, file 0 block 0, 1, 2, ..., file 1, ..., wrapping to file 0 forever. Write modes: when
 * anything was written since the last fsync series and the number of read/write requests so far
 * is a multiple of {@code --file-fsync-freq}, the next {@code --file-num} events are fsyncs of
 * files 0, 1, ..., N-1 (one per event, including files not written), then writing resumes; the
 * fsync events do not count as requests.
 *
 * <p>Random modes: the same fsync rule (checked before the operation is chosen); rndrw reads when
 * (reads done + 1) / (writes done + 1) &lt; {@code --file-rw-ratio}, else writes; the offset is a
 * uniform random block.
 */
final class RequestGenerator {
    private final FileTestMode mode;
    private final int fileNum;
    private final long fileSize;
    private final long requestSize;
    private final long blockSize;
    private final long randomRange;
    private final int fsyncFreq;
    private final double rwRatio;

    // shared state, guarded by this
    private long position;
    private int currentFile;
    private int fsyncedFile;
    private boolean dirty;
    /** sysbench's req_performed, an unsigned int: compared modulo 2^32 like the C code. */
    private int requestsPerformed;
    private int readsDone;
    private int writesDone;

    RequestGenerator(FileioOptions o) {
        this.mode = o.requireMode();
        this.fileNum = o.fileNum();
        this.fileSize = o.fileSize();
        this.requestSize = o.requestSize();
        this.blockSize = o.blockSize();
        // sysbench draws from --file-total-size; when that is not a multiple of --file-num it can
        // pick a block past the last file (an out-of-range file index in C). Draw from the files'
        // real extent instead.
        this.randomRange = o.fileSize() * o.fileNum();
        this.fsyncFreq = o.effectiveFsyncFreq();
        this.rwRatio = o.rwRatio();
    }

    /** Fills {@code r} with the next request; {@code rnd} is the calling thread's generator. */
    void next(Request r, SplittableRandom rnd) {
        if (mode.sequential()) {
            nextSequential(r);
        } else {
            nextRandom(r, rnd);
        }
    }

    private synchronized void nextSequential(Request r) {
        int op = mode == FileTestMode.SEQRD ? Request.READ : Request.WRITE;
        if (op == Request.WRITE && periodicFsync(r)) {
            return;
        }
        requestsPerformed++;
        if (op == Request.WRITE) {
            dirty = true;
        }
        if (currentFile == fileNum) {
            position = 0;
            currentFile = 0;
        }
        r.op = op;
        r.file = currentFile;
        r.pos = position;
        r.size = (int) Math.min(requestSize, fileSize - position);
        position += r.size;
        if (position == fileSize) {
            currentFile++;
            position = 0;
        }
    }

    private synchronized void nextRandom(Request r, SplittableRandom rnd) {
        FileTestMode m = mode;
        if (m == FileTestMode.RNDRW) {
            m = (double) (readsDone + 1) / (writesDone + 1) < rwRatio ? FileTestMode.RNDRD : FileTestMode.RNDWR;
        }
        if (periodicFsync(r)) {
            return;
        }
        r.op = m == FileTestMode.RNDWR ? Request.WRITE : Request.READ;
        long offset = (long) (rnd.nextDouble() * randomRange);
        offset -= offset % blockSize;
        r.file = (int) (offset / fileSize);
        r.pos = offset % fileSize;
        r.size = (int) Math.min(blockSize, fileSize - r.pos);
        requestsPerformed++;
        if (r.op == Request.WRITE) {
            dirty = true;
        }
    }

    /** The periodic fsync rule; true if {@code r} became an fsync request. Caller holds the lock. */
    private boolean periodicFsync(Request r) {
        if (fsyncFreq != 0 && dirty && Integer.remainderUnsigned(requestsPerformed, fsyncFreq) == 0) {
            r.op = Request.FSYNC;
            r.file = fsyncedFile;
            r.pos = 0;
            r.size = 0;
            fsyncedFile++;
            if (fsyncedFile == fileNum) {
                fsyncedFile = 0;
                dirty = false;
            }
            return true;
        }
        return false;
    }

    /** rndrw only: a read or write finished (sysbench's read_ops / write_ops, which steer rndrw). */
    synchronized void completed(int op) {
        if (op == Request.READ) {
            readsDone++;
        } else if (op == Request.WRITE) {
            writesDone++;
        }
    }

    /** Whether the workers must report completed requests (only rndrw uses them). */
    boolean needsCompletions() {
        return mode == FileTestMode.RNDRW;
    }
}
