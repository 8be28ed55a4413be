package io.virtbench.pipeline;

import io.virtbench.core.Limits;
import io.virtbench.core.UserException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Options of {@code virtbench pipeline}.
 *
 * @param jvm     {@code --jvm}: FRESH runs each job in a new JVM, as a CI runner starts a new job
 *                (the default, the study's situation); SAME runs it inside this JVM
 * @param workDir {@code --dir}: where the job checks out and builds; null = a new temporary directory
 * @param timeout {@code --timeout}: seconds one job may take before it is killed
 */
public record PipelineOptions(Jvm jvm, Path workDir, double timeout) {
    public static final double DEFAULT_TIMEOUT = 600;

    public enum Jvm {
        FRESH, SAME;

        public static Jvm parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw UserException.usage("invalid value for --jvm: '" + s + "' (expected fresh or same)");
            }
        }
    }

    public PipelineOptions {
        Limits.positiveSeconds("--timeout", timeout);
    }

    public static PipelineOptions defaults() {
        return new PipelineOptions(Jvm.FRESH, null, DEFAULT_TIMEOUT);
    }
}
