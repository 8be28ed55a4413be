package io.virtbench.suite.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A guest's output, copied as it comes to its guest.log and, prefixed with its label, to the suite's output. */
final class GuestLog {
    private GuestLog() {
    }

    /** Starts a daemon thread that copies {@code process}'s output until it ends; join it to wait for the rest. */
    static Thread pump(Process process, Path log, PrintStream out, String label) {
        Thread t = new Thread(() -> copy(process, log, out, label), "virtbench-guest-" + label);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(Process process, Path logFile, PrintStream out, String label) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                log.write(line + "\n");
                log.flush();
                out.println("    [" + label + "] " + line);
                out.flush();
            }
        } catch (IOException e) {
            // the guest's output ended with the guest (or its session)
        }
    }
}
