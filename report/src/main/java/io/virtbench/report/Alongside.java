package io.virtbench.report;

import io.virtbench.core.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Results measured while other platforms ran on the same machine (virtbench-k8s suite
 * --k8s-parallel) carry the others' labels in the detail {@link #DETAIL}. Their figures include
 * the others' load, so the report warns, once per platform: a noisy-neighbour run is not a
 * comparison of the platforms alone.
 */
public final class Alongside {
    /** The detail naming the platforms measured at the same time (a list of labels). */
    public static final String DETAIL = "measured_alongside";

    private Alongside() {
    }

    static List<String> warnings(List<RunResult> results) {
        Map<String, Set<String>> byPlatform = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (r.details().get(DETAIL) instanceof List<?> others && !others.isEmpty()) {
                Set<String> s = byPlatform.computeIfAbsent(Platforms.of(r), k -> new LinkedHashSet<>());
                others.forEach(o -> s.add(String.valueOf(o)));
            }
        }
        List<String> out = new ArrayList<>();
        byPlatform.forEach((p, others) -> out.add("platform " + p + ": measured at the same time as " + String.join(", ", others)
                + " (a noisy-neighbour run: its figures include their load)"));
        return out;
    }
}
