package io.virtbench.report;

import io.virtbench.core.result.RunResult;
import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Row;
import io.virtbench.report.Comparison.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One feature's comparison. Its runs are grouped by platform and {@link ComparisonKey}; runs
 * are pooled only within a group. Each platform's scored group is the one like the baseline's
 * main (largest) group, else its own largest, with a warning; other groups are shown beside it.
 */
final class FeatureComparison {
    /** One run's figure (per second when the feature compares per second). */
    private record Obs(RunResult run, ComparisonKey key, String level, double value, boolean[] outlier) {
        boolean isOutlier() {
            return outlier[0];
        }
    }

    private final Feature f;
    private final List<String> platforms;
    private final String base;
    private final double alpha;
    private final boolean drop;

    FeatureComparison(Feature f, List<String> platforms, String base, double alpha, boolean drop) {
        this.f = f;
        this.platforms = platforms;
        this.base = base;
        this.alpha = alpha;
        this.drop = drop;
    }

    FeatureResult compare(List<RunResult> results, List<String> warnings) {
        List<RunResult> matching = results.stream().filter(f::matches).toList();
        Set<Double> durations = matching.stream().map(ComparisonKey::duration)
                .filter(d -> d != null).collect(Collectors.toCollection(TreeSet::new));
        boolean perSecond = durations.size() > 1 && matching.stream().anyMatch(r -> ComparisonKey.isCount(f, r));
        if (perSecond) {
            warnings.add(f.title() + ": runs last " + durations.stream().map(Feature::text).collect(Collectors.joining(", "))
                    + " s; compared per second (count / duration)");
        }
        // platform -> key -> level -> runs
        Map<String, Map<ComparisonKey, Map<String, List<Obs>>>> data = new LinkedHashMap<>();
        Set<String> levelSet = new TreeSet<>(Comparison::compareLevels);
        for (RunResult r : matching) {
            Double t = ComparisonKey.duration(r);
            if (perSecond && t == null) {
                continue;
            }
            String level = f.levelOf(r);
            levelSet.add(level);
            double v = r.value(f.metric()) / (perSecond ? t : 1);
            data.computeIfAbsent(Platforms.of(r), k -> new LinkedHashMap<>())
                    .computeIfAbsent(ComparisonKey.of(f, r), k -> new LinkedHashMap<>())
                    .computeIfAbsent(level, k -> new ArrayList<>())
                    .add(new Obs(r, ComparisonKey.of(f, r), level, v, new boolean[1]));
        }
        data.values().forEach(byKey -> byKey.values().forEach(byLevel -> byLevel.values().forEach(FeatureComparison::flag)));
        List<ComparisonKey> allKeys = data.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList();
        List<String> differing = ComparisonKey.differing(allKeys);
        ComparisonKey baseKey = data.containsKey(base) ? largest(data.get(base)) : null;
        Map<String, List<Obs>> baseData = baseKey == null ? null : data.get(base).get(baseKey);

        List<Row> rows = new ArrayList<>();
        List<Row> levelRows = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        for (String p : platforms) {
            Map<ComparisonKey, Map<String, List<Obs>>> byKey = data.get(p);
            if (byKey == null) {
                continue;
            }
            ComparisonKey primary = baseKey != null && byKey.containsKey(baseKey) ? baseKey : largest(byKey);
            warn(p, byKey, primary, baseKey, differing, warnings);
            List<Map.Entry<ComparisonKey, Map<String, List<Obs>>>> ordered = new ArrayList<>(byKey.entrySet());
            ordered.sort(Comparator.comparing(e -> !e.getKey().equals(primary)));
            for (Map.Entry<ComparisonKey, Map<String, List<Obs>>> e : ordered) {
                ComparisonKey key = e.getKey();
                boolean isPrimary = key.equals(primary);
                String group = differing.isEmpty() || (isPrimary && byKey.size() == 1 && key.equals(baseKey)) ? null
                        : key.label(differing);
                // the primary group is compared with the baseline's main group; others only with a group like them
                Map<String, List<Obs>> against = isPrimary ? baseData
                        : data.containsKey(base) && !p.equals(base) ? data.get(base).get(key) : null;
                rows.add(row(p, group, isPrimary, e.getValue(), against, p.equals(base)));
                levelRows.addAll(levelRows(p, group, isPrimary, e.getValue(), against, p.equals(base)));
                e.getValue().values().forEach(list -> list.forEach(o -> runs.add(new Run(p, detected(o.run()), group,
                        f.sweep() == null ? null : o.level(), o.value(), o.isOutlier(), o.run().source(),
                        o.run().repetition(), o.run()))));
            }
        }
        levelRows.sort(Comparator.comparing((Row r) -> r.level(), Comparison::compareLevels)
                .thenComparingInt(r -> platforms.indexOf(r.platform())));
        return new FeatureResult(f, List.copyOf(rows), f.sweep() == null ? List.of() : List.copyOf(levelSet),
                List.copyOf(levelRows), List.copyOf(runs), perSecond, differing);
    }

    private void warn(String p, Map<ComparisonKey, Map<String, List<Obs>>> byKey, ComparisonKey primary,
                      ComparisonKey baseKey, List<String> differing, List<String> warnings) {
        if (byKey.size() > 1) {
            List<String> kinds = new ArrayList<>();
            byKey.forEach((k, v) -> kinds.add(k.label(differing) + " (" + count(v) + " runs)"));
            warnings.add(f.title() + ": " + p + " has runs that differ in " + String.join(", ", ComparisonKey.differing(
                    byKey.keySet())) + ", shown separately: " + String.join("; ", kinds));
        }
        if (baseKey != null && !primary.equals(baseKey)) {
            List<String> names = ComparisonKey.differing(List.of(primary, baseKey));
            warnings.add(f.title() + ": " + p + "'s runs differ from " + base + "'s in " + primary.label(names) + " vs "
                    + baseKey.label(names) + "; compared anyway");
        }
    }

    private static String detected(RunResult r) {
        return r.host() == null ? null : r.host().detectedPlatform();
    }

    private static int count(Map<String, List<Obs>> byLevel) {
        return byLevel.values().stream().mapToInt(List::size).sum();
    }

    /** The group with the most runs (the first of equals). */
    private static ComparisonKey largest(Map<ComparisonKey, Map<String, List<Obs>>> byKey) {
        ComparisonKey best = null;
        int most = -1;
        for (Map.Entry<ComparisonKey, Map<String, List<Obs>>> e : byKey.entrySet()) {
            if (count(e.getValue()) > most) {
                most = count(e.getValue());
                best = e.getKey();
            }
        }
        return best;
    }

    private static void flag(List<Obs> runs) {
        boolean[] out = Stats.outliers(runs.stream().mapToDouble(Obs::value).toArray());
        for (int i = 0; i < out.length; i++) {
            runs.get(i).outlier()[0] = out[i];
        }
    }

    /** The values per level, without outliers when {@code drop}; levels left empty are left out. */
    private static Map<String, double[]> values(Map<String, List<Obs>> byLevel, boolean drop) {
        Map<String, double[]> out = new LinkedHashMap<>();
        byLevel.forEach((level, obs) -> {
            double[] v = obs.stream().filter(o -> !drop || !o.isOutlier()).mapToDouble(Obs::value).toArray();
            if (v.length > 0) {
                out.put(level, v);
            }
        });
        return out;
    }

    private static boolean hasOutliers(Map<String, List<Obs>> byLevel) {
        return byLevel != null && byLevel.values().stream().flatMap(List::stream).anyMatch(Obs::isOutlier);
    }

    private Row row(String p, String group, boolean primary, Map<String, List<Obs>> d, Map<String, List<Obs>> b,
                    boolean isBase) {
        Summary s = Summary.of(values(d, drop), f.sweep() != null);
        Summary bs = b == null ? null : Summary.of(values(b, drop), f.sweep() != null);
        Double ratio = bs == null || bs.mean() == 0 ? null : s.mean() / bs.mean();
        double[][] pair = bs == null ? null : s.against(bs);
        Double pValue = isBase || pair == null ? null : Comparison.welch(pair[0], pair[1]);
        Double perm = isBase || pair == null ? null : Stats.permutation(pair[0], pair[1]);
        Stats.Effect effect = isBase || pair == null ? null : Stats.hedges(pair[0], pair[1]);
        Integer score = !primary || ratio == null ? null : f.score(ratio);
        Integer other = null;
        if (score != null && (hasOutliers(d) || hasOutliers(b))) {
            Summary s2 = Summary.of(values(d, !drop), f.sweep() != null);
            Summary b2 = Summary.of(values(b, !drop), f.sweep() != null);
            int alt = b2.mean() == 0 ? score : f.score(s2.mean() / b2.mean());
            other = alt == score ? null : alt;
        }
        int outliers = (int) d.values().stream().flatMap(List::stream).filter(Obs::isOutlier).count();
        return new Row(p, null, group, primary, s.n(), s.mean(), s.sd(), s.median(), s.min(), s.max(), s.cv(), s.ciLow(),
                s.ciHigh(), ratio, pValue, pValue == null ? null : pValue < alpha, perm, effect, outliers, score, other);
    }

    private List<Row> levelRows(String p, String group, boolean primary, Map<String, List<Obs>> d,
                                Map<String, List<Obs>> b, boolean isBase) {
        List<Row> out = new ArrayList<>();
        if (f.sweep() == null) {
            return out;
        }
        Map<String, double[]> dv = values(d, drop);
        Map<String, double[]> bv = b == null ? Map.of() : values(b, drop);
        for (Map.Entry<String, double[]> e : dv.entrySet()) {
            Summary s = Summary.of(Map.of(e.getKey(), e.getValue()), false);
            double[] bl = bv.get(e.getKey());
            Double ratio = bl == null || Stats.mean(bl) == 0 ? null : s.mean() / Stats.mean(bl);
            boolean compare = !isBase && bl != null;
            Double pValue = compare ? Comparison.welch(e.getValue(), bl) : null;
            int outliers = (int) d.get(e.getKey()).stream().filter(Obs::isOutlier).count();
            out.add(new Row(p, e.getKey(), group, primary, s.n(), s.mean(), s.sd(), s.median(), s.min(), s.max(), s.cv(),
                    s.ciLow(), s.ciHigh(), ratio, pValue, pValue == null ? null : pValue < alpha,
                    compare ? Stats.permutation(e.getValue(), bl) : null, compare ? Stats.hedges(e.getValue(), bl) : null,
                    outliers, null, null));
        }
        return out;
    }

}
