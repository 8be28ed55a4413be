package io.virtbench.threads;

import io.virtbench.core.sysbench.SysbenchImporter;
import io.virtbench.core.sysbench.SysbenchLog;
import java.util.Locale;

/**
 * {@code virtbench import} of sysbench threads text output. The threads and mutex tests print
 * nothing of their own, so a log is taken as threads when it has no section of its own and is
 * not a mutex log: its file name says threads, or it does not say mutex and the threads did not
 * each run exactly one event (the mutex test's signature).
 */
public final class SysbenchThreadsImporter extends SysbenchImporter {
    public SysbenchThreadsImporter() {
        super("sysbench-threads", "sysbench threads text output (one or many runs)", SysbenchThreads::parse,
                (file, head) -> {
                    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
                    return SysbenchLog.bareReport(head) && (name.contains("thread")
                            || !name.contains("mutex") && !head.contains(SysbenchLog.ONE_EVENT_PER_THREAD));
                });
    }
}
