package io.virtbench.launcher;

import java.nio.file.Path;

/** Where this virtbench's jar is. */
final class Jars {
    private Jars() {
    }

    /** The jar virtbench runs from, or null when it runs from classes (a test, an IDE). */
    static Path running() {
        try {
            Path p = Path.of(Jars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }
}
