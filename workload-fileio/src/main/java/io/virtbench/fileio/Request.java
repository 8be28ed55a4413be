package io.virtbench.fileio;

/** One I/O request (sysbench's sb_file_request_t), reused by its worker: nothing is allocated per event. */
final class Request {
    static final int READ = 0;
    static final int WRITE = 1;
    static final int FSYNC = 2;

    int op;
    int file;
    long pos;
    int size;

    @Override
    public String toString() {
        return (op == READ ? "read" : op == WRITE ? "write" : "fsync") + " file " + file + " pos " + pos + " size " + size;
    }
}
