package io.virtbench.report;

import io.virtbench.core.output.Csv;
import io.virtbench.report.Comparison.FeatureResult;
import io.virtbench.report.Comparison.Report;
import io.virtbench.report.Comparison.Row;
import io.virtbench.report.Comparison.Total;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The comparison as one CSV table: a {@code feature} row per feature and platform, a
 * {@code level} row per sweep level and platform, and a {@code total} row per platform and level.
 */
public final class CsvOutput {
    static final String HEADER = "kind,feature,title,level,platform,sweep,sweep_level,n,mean,stddev,unit,ratio,p_value,"
            + "significant,score,group,primary,median,min,max,cv,ci_low,ci_high,ci_method,p_permutation,hedges_g,g_low,g_high,"
            + "outliers,score_other_outliers,message";

    /** Columns after the study's 15 (empty on total rows). */
    private static final int EXTRA = HEADER.split(",").length - 15;

    private CsvOutput() {
    }

    public static void print(Report r, PrintStream out) {
        out.println(HEADER);
        for (String w : r.warnings()) {
            out.println("warning" + ",".repeat(HEADER.split(",").length - 1) + csv(w));
        }
        for (HostFacts h : r.hosts()) {
            out.println("host,,,," + csv(h.platform()) + ",,," + h.results() + ",".repeat(HEADER.split(",").length - 8)
                    + csv(h.describe()));
        }
        for (FeatureResult fr : r.features()) {
            Feature f = fr.feature();
            for (Row row : fr.platforms()) {
                row(out, "feature", f, fr.unit(), row);
            }
            for (Row row : fr.levels()) {
                row(out, "level", f, fr.unit(), row);
            }
        }
        for (Total t : r.totals()) {
            out.println(String.join(",", "total", "low_level_total", "", "low", csv(t.platform()), "", "", Integer.toString(t.lowFeatures()),
                    "", "", "", "", "", "", t.low() == null ? "" : t.low().toString()) + ",".repeat(EXTRA));
            out.println(String.join(",", "total", "high_level_total", "", "high", csv(t.platform()), "", "", Integer.toString(t.highFeatures()),
                    "", "", "", "", "", "", t.high() == null ? "" : t.high().toString()) + ",".repeat(EXTRA));
        }
    }

    private static void row(PrintStream out, String kind, Feature f, String unit, Row row) {
        out.println(String.join(",", kind, csv(f.id()), csv(f.title()), f.level().name().toLowerCase(Locale.ROOT),
                csv(row.platform()), f.sweep() == null ? "" : csv(f.sweep()), row.level() == null ? "" : csv(row.level()),
                Integer.toString(row.n()), Fmt.raw(row.mean()), Fmt.raw(row.stddev()), csv(unit), Fmt.raw(row.ratio()),
                Fmt.raw(row.pValue()), row.significant() == null ? "" : row.significant().toString(),
                row.score() == null ? "" : row.score().toString(), csv(row.group()), Boolean.toString(row.primary()),
                Fmt.raw(row.median()), Fmt.raw(row.min()), Fmt.raw(row.max()), Fmt.raw(row.cv()), Fmt.raw(row.ciLow()),
                Fmt.raw(row.ciHigh()), row.ciLow() == null ? "" : "t", Fmt.raw(row.permutationP()),
                row.effect() == null ? "" : Double.toString(row.effect().g()),
                row.effect() == null ? "" : Double.toString(row.effect().low()),
                row.effect() == null ? "" : Double.toString(row.effect().high()), Integer.toString(row.outliers()),
                row.otherScore() == null ? "" : row.otherScore().toString(), ""));
    }

    static String csv(String s) {
        return Csv.field(s);
    }
}
