package io.virtbench.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.virtbench.core.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Result files: one JSON document per run, written atomically (a temporary file in the same
 * directory, then a rename), so a reader never sees half a result and an interrupted write
 * leaves nothing behind.
 */
public final class ResultFiles {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ResultFiles() {
    }

    /** The shared JSON mapper (ISO-8601 times, nulls omitted, unknown fields ignored on read). */
    public static ObjectMapper mapper() {
        return JSON;
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static RunResult fromJson(String json) throws IOException {
        return JSON.readValue(json, RunResult.class);
    }

    /** A file name that sorts by time and says what the result is. */
    public static String fileName(RunResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.start() != null ? STAMP.format(r.start()) : "undated");
        String platform = r.host() != null && r.host().platform() != null ? r.host().platform() : null;
        if (platform != null) {
            b.append('-').append(safe(platform));
        }
        b.append('-').append(safe(r.workload()));
        if (r.test() != null) {
            b.append('-').append(safe(r.test()));
        }
        if (!"virtbench".equals(r.tool())) {
            b.append('-').append(safe(r.tool()));
        }
        b.append("-r").append(r.repetition());
        return b.append(".json").toString();
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._+]+", "_");
    }

    /**
     * Checks before any work that results can be written into {@code dir}, creating it if
     * missing: a file in the way or a directory that refuses a file is a usage error naming
     * {@code option}, rather than a failure after the run that loses its result.
     */
    public static void requireWritableDir(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw UserException.usage("invalid value for " + option + ": " + dir + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".virtbench-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw UserException.usage("invalid value for " + option + ": cannot write into " + dir + " ("
                    + describe(e) + ")");
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + m;
    }

    /** Writes {@code r} into {@code dir} (created if needed) atomically; returns the file. */
    public static Path write(Path dir, RunResult r) {
        try {
            Files.createDirectories(dir);
            String name = fileName(r);
            Path target = dir.resolve(name);
            // never overwrite an earlier result with the same name
            for (int i = 2; Files.exists(target); i++) {
                target = dir.resolve(name.replace(".json", "-" + i + ".json"));
            }
            Path tmp = dir.resolve("." + target.getFileName() + ".tmp" + SEQUENCE.incrementAndGet());
            Files.writeString(tmp, toJson(r) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            return target;
        } catch (IOException e) {
            throw new UserException("cannot write result to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a result file written by {@link #write}. */
    public static RunResult read(Path file) throws IOException {
        RunResult r = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), RunResult.class);
        if (r.schema() == null || !r.schema().startsWith("virtbench-result/")) {
            throw new IOException(file + ": not a virtbench result file");
        }
        return r;
    }
}
