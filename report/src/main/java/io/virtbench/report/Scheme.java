package io.virtbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.core.TextFiles;
import io.virtbench.core.UserException;
import io.virtbench.core.result.ResultFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A scoring scheme: the features compared, what each reads, and its score thresholds. The
 * study's scheme is built in ({@code default-scheme.txt} beside this class, the one place
 * where every feature is defined); {@code --scheme FILE} replaces it with a file in the same
 * table layout or in JSON (see report/README.md).
 */
public record Scheme(String name, List<Feature> features) {
    static final String DEFAULT_RESOURCE = "default-scheme.txt";
    static final String BEYOND_RESOURCE = "beyond-scheme.txt";
    private static final String[] COLUMNS = {"id", "title", "level", "workload", "test", "where", "metric", "sweep",
            "better", "score1", "score2", "score3", "score4", "unit", "chart"};

    public Scheme {
        features = List.copyOf(features);
    }

    /** The study's DESMET scheme (thesis-method.md, "How results were scored"). */
    public static Scheme study() {
        return parse("built-in study scheme", resource(DEFAULT_RESOURCE));
    }

    /**
     * What {@code virtbench report} scores without {@code --scheme}: the study's features, then
     * those of the workloads beyond the study (level {@link Feature.Level#BEYOND}, never in the
     * study's totals). It keeps the study scheme's name, so a report of the study's workloads
     * alone reads exactly as before.
     */
    public static Scheme builtIn() {
        Scheme study = study();
        List<Feature> all = new ArrayList<>(study.features());
        all.addAll(parse("built-in beyond-the-study scheme", resource(BEYOND_RESOURCE)).features());
        return new Scheme(study.name(), all);
    }

    private static String resource(String name) {
        try (InputStream in = Scheme.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a scheme file (table layout or JSON); errors name the file and line. */
    public static Scheme load(Path file) {
        String text;
        try {
            text = TextFiles.read(file, NativeImport.MAX_BYTES);
        } catch (IOException e) {
            throw UserException.usage("invalid value for --scheme: cannot read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static Scheme parse(String source, String text) {
        String t = text.strip();
        Scheme s = t.startsWith("{") ? parseJson(source, t) : parseTable(source, text);
        if (s.features.isEmpty()) {
            throw bad(source, 0, "no features defined");
        }
        return s;
    }

    public Feature feature(String id) {
        return features.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no feature " + id));
    }

    // ---- table layout ---------------------------------------------------------------------

    private static Scheme parseTable(String source, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Feature> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != COLUMNS.length) {
                throw bad(source, i + 1, "expected " + COLUMNS.length + " columns separated by '|' ("
                        + String.join(" | ", COLUMNS) + "), found " + f.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < COLUMNS.length; c++) {
                String v = f[c].strip();
                row.put(COLUMNS[c], v.equals("-") || v.isEmpty() ? null : v);
            }
            Feature feature = feature(source, i + 1, row, whereOf(source, i + 1, row.get("where")),
                    List.of(row.get("score1"), row.get("score2"), row.get("score3"), row.get("score4")));
            if (!ids.add(feature.id())) {
                throw bad(source, i + 1, "feature '" + feature.id() + "' is defined twice");
            }
            out.add(feature);
        }
        return new Scheme(source, out);
    }

    private static Map<String, String> whereOf(String source, int line, String where) {
        Map<String, String> m = new LinkedHashMap<>();
        if (where == null) {
            return m;
        }
        for (String kv : where.split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw bad(source, line, "where must be name=value[,name=value], not '" + where + "'");
            }
            m.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        return m;
    }

    private static Feature feature(String source, int line, Map<String, String> row, Map<String, String> where,
                                   List<String> scoreText) {
        for (String required : new String[] {"id", "title", "level", "workload", "metric", "better"}) {
            if (row.get(required) == null) {
                throw bad(source, line, "column '" + required + "' is empty");
            }
        }
        if (!row.get("id").matches("[A-Za-z0-9_.-]+")) {
            throw bad(source, line, "id '" + row.get("id") + "' may hold only letters, digits, '_', '.' and '-'");
        }
        Feature.Level level = enumOf(source, line, "level", row.get("level"), Feature.Level.class);
        Feature.Better better = enumOf(source, line, "better", row.get("better"), Feature.Better.class);
        Feature.Chart chart = row.get("chart") == null ? null : enumOf(source, line, "chart", row.get("chart"), Feature.Chart.class);
        List<Double> scores = new ArrayList<>();
        for (String s : scoreText) {
            if (s == null) {
                throw bad(source, line, "four score thresholds (percent of the baseline) are needed");
            }
            try {
                double v = Double.parseDouble(s.endsWith("%") ? s.substring(0, s.length() - 1).strip() : s);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                scores.add(v);
            } catch (NumberFormatException e) {
                throw bad(source, line, "score threshold '" + s + "' is not a percentage");
            }
        }
        for (int i = 1; i < scores.size(); i++) {
            boolean ordered = better == Feature.Better.HIGHER ? scores.get(i) >= scores.get(i - 1) : scores.get(i) <= scores.get(i - 1);
            if (!ordered) {
                throw bad(source, line, "score thresholds must " + (better == Feature.Better.HIGHER ? "rise" : "fall")
                        + " from score 1 to 4 when " + row.get("better") + " is better: " + scores);
            }
        }
        return new Feature(row.get("id"), row.get("title"), level, row.get("workload"), row.get("test"), where,
                row.get("metric"), row.get("sweep"), better, scores, row.get("unit") == null ? "" : row.get("unit"), chart);
    }

    private static <E extends Enum<E>> E enumOf(String source, int line, String column, String v, Class<E> type) {
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw bad(source, line, column + " must be one of " + String.join(", ", names) + ", not '" + v + "'");
        }
    }

    // ---- JSON -----------------------------------------------------------------------------

    private static Scheme parseJson(String source, String text) {
        JsonNode root;
        try {
            root = ResultFiles.mapper().readTree(text);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 0;
            throw bad(source, line, "not valid JSON: " + msg);
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            throw bad(source, 0, "a JSON scheme needs a \"features\" array");
        }
        List<Feature> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode f : features) {
            index++;
            String where = "feature #" + index;
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : COLUMNS) {
                JsonNode v = f.get(c);
                row.put(c, v == null || v.isNull() || v.asText().equals("-") ? null : v.asText());
            }
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode w = f.get("where");
            if (w != null && w.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = w.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), e.getValue().asText());
                }
            } else if (w != null && w.isTextual()) {
                params = whereOf(source + " " + where, 0, row.get("where"));
            }
            List<String> scores = new ArrayList<>();
            JsonNode s = f.get("scores");
            if (s != null && s.isArray()) {
                s.forEach(x -> scores.add(x.asText()));
            }
            while (scores.size() < 4) {
                scores.add(null);
            }
            if (scores.size() > 4) {
                throw bad(source + " " + where, 0, "\"scores\" needs exactly four thresholds");
            }
            Feature feature = feature(source + " " + where, 0, row, params, scores);
            if (!ids.add(feature.id())) {
                throw bad(source, 0, "feature '" + feature.id() + "' is defined twice");
            }
            out.add(feature);
        }
        JsonNode name = root.get("name");
        return new Scheme(name != null && name.isTextual() ? name.asText() : source, out);
    }

    private static UserException bad(String source, int line, String message) {
        return UserException.usage("invalid scheme " + source + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
