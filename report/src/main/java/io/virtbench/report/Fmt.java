package io.virtbench.report;

import java.util.Locale;

/** Number layouts shared by the text, CSV and HTML reports. */
final class Fmt {
    private Fmt() {
    }

    /** Six significant digits without an exponent: 29325.0, 940.407, 58.4603, 0.0329711. */
    static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        double a = Math.abs(v);
        int decimals = a == 0 ? 1 : Math.max(0, Math.min(7, 5 - (int) Math.floor(Math.log10(a))));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String percent(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String p(Double p) {
        if (p == null) {
            return "-";
        }
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    static String yesNo(Boolean b) {
        return b == null ? "-" : b ? "yes" : "no";
    }

    static String score(Integer s) {
        return s == null ? "-" : s.toString();
    }

    /** Coefficient of variation in percent: "1.2%". */
    static String cv(Double cv) {
        return cv == null ? "-" : String.format(Locale.ROOT, "%.1f%%", cv * 100);
    }

    /** "[493.1, 505.6]". */
    static String interval(Double low, Double high) {
        return low == null || high == null ? "-" : "[" + num(low) + ", " + num(high) + "]";
    }

    /** "-1.23 [-2.10, -0.36]". */
    static String effect(Stats.Effect e) {
        return e == null ? "-" : String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", e.g(), e.low(), e.high());
    }

    /** Full precision for CSV and JSON consumers. */
    static String raw(Double v) {
        return v == null || v.isNaN() ? "" : Double.toString(v);
    }
}
