package io.virtbench.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** sysbench 1.0.20 output recorded with Debian's sysbench (the commands are in each file's header). */
final class Logs {
    private Logs() {
    }

    static String read(String name) {
        try (InputStream in = Logs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
