package io.virtbench.oltp.db;

import java.nio.file.Path;

/**
 * A JVM that owns a throwaway MariaDB and is then killed by {@link LocalMariaDbOrphanTest}:
 * starts one under the directory given, prints its pid, its watchdog's pid and its directory,
 * and waits (at most two minutes).
 */
public final class EmbeddedDbProbe {
    private EmbeddedDbProbe() {
    }

    public static void main(String[] args) throws Exception {
        LocalMariaDb.Installation inst = args[1].equals("system") ? LocalMariaDb.system().orElseThrow()
                : LocalMariaDb.mariaDb4jJar().orElseThrow();
        LocalMariaDb db = LocalMariaDb.start(inst, null, Path.of(args[0]));
        System.out.println("server=" + db.pid() + " watchdog=" + db.watchdog().process().pid() + " dir=" + db.directory());
        System.out.flush();
        Thread.sleep(120_000);
        db.close();
    }
}
