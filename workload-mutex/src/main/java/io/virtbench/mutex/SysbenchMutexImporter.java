package io.virtbench.mutex;

import io.virtbench.core.sysbench.SysbenchImporter;
import io.virtbench.core.sysbench.SysbenchLog;
import java.util.Locale;

/**
 * {@code virtbench import} of sysbench mutex text output. The threads and mutex tests print
 * nothing of their own, so a log is taken as mutex when it has no section of its own and either
 * its file name says mutex, or it does not say threads and every thread ran exactly one event
 * (the mutex test's signature).
 */
public final class SysbenchMutexImporter extends SysbenchImporter {
    public SysbenchMutexImporter() {
        super("sysbench-mutex", "sysbench mutex text output (one or many runs)", SysbenchMutex::parse,
                (file, head) -> {
                    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
                    return SysbenchLog.bareReport(head) && (name.contains("mutex")
                            || !name.contains("thread") && head.contains(SysbenchLog.ONE_EVENT_PER_THREAD));
                });
    }
}
