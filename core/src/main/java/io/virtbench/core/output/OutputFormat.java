package io.virtbench.core.output;

import io.virtbench.core.UserException;
import java.util.Locale;

/** {@code --format}: text mimics the native tool; json and csv are for scripts. */
public enum OutputFormat {
    TEXT, JSON, CSV;

    public static OutputFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UserException.usage("invalid value for --format: '" + s + "' (expected text, json or csv)");
        }
    }
}
