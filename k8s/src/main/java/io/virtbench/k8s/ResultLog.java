package io.virtbench.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the result files a Pod printed between {@link PodScripts#BEGIN} and {@link PodScripts#END} lines back into a directory. */
final class ResultLog {
    private ResultLog() {
    }

    /**
     * Writes every complete file of {@code log} under {@code dir}; a file whose end marker is
     * missing (the Pod was cut off) is left out rather than kept half. Returns the paths written.
     */
    static List<Path> extract(String log, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        if (log == null) {
            return written;
        }
        String name = null;
        StringBuilder body = new StringBuilder();
        Path root = dir.toAbsolutePath().normalize();
        for (String line : log.split("\n", -1)) {
            if (name == null) {
                if (line.startsWith(PodScripts.BEGIN)) {
                    name = line.substring(PodScripts.BEGIN.length()).strip();
                    body.setLength(0);
                }
            } else if (line.equals(PodScripts.END + name)) {
                Path target = root.resolve(name).normalize();
                // a name from the log must not escape the results directory
                if (target.startsWith(root) && !target.equals(root)) {
                    Files.createDirectories(target.getParent());
                    // the script printed one newline after the file so that the marker starts a line
                    String text = body.length() > 0 ? body.substring(0, body.length() - 1) : "";
                    Files.writeString(target, text);
                    written.add(target);
                }
                name = null;
            } else {
                body.append(line).append('\n');
            }
        }
        return written;
    }
}
