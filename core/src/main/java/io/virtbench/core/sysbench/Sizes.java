package io.virtbench.core.sysbench;

import io.virtbench.core.UserException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * sysbench's size values (src/sb_options.c, src/sb_util.c): suffixes K, M, G, T are powers of
 * 1024 and case-insensitive ("16K", "5G", "2048"); printed sizes divide by 1024 while &ge; 1024 and
 * use C's {@code %.5g} with the suffix and "iB" ("16KiB", "1.5GiB").
 */
public final class Sizes {
    private Sizes() {
    }

    /** Parses a size option; {@code option} names it in the error. */
    public static long parse(String option, String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw UserException.usage("invalid value for " + option + ": empty size");
        }
        long mult = 1;
        char last = Character.toUpperCase(s.charAt(s.length() - 1));
        switch (last) {
            case 'K' -> mult = 1L << 10;
            case 'M' -> mult = 1L << 20;
            case 'G' -> mult = 1L << 30;
            case 'T' -> mult = 1L << 40;
            default -> mult = 1;
        }
        String digits = mult == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long v = Long.parseLong(digits);
            if (v < 0) {
                throw UserException.usage("invalid value for " + option + ": '" + text + "' (negative size)");
            }
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw UserException.usage("invalid value for " + option + ": '" + text + "' (expected a size such as 16K, 512M or 5G)");
        }
    }

    /** sysbench's human-readable size: 16384 → "16KiB", 5368709120 → "5GiB", 512 → "512B". */
    public static String format(double bytes) {
        String[] units = {"", "K", "M", "G", "T"};
        int i = 0;
        double v = bytes;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        // sb_print_value_size: "%.5g" plus "Ki"/"Mi"/... only once divided; callers append "B"
        return formatG(v, 5) + (i > 0 ? units[i] + "i" : "") + "B";
    }

    /** C's {@code %.<precision>g} for non-negative values of ordinary magnitude. */
    public static String formatG(double v, int precision) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(precision));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String e = String.format(Locale.ROOT, "%." + (precision - 1) + "e", v);
            String mant = e.substring(0, e.indexOf('e'));
            String exp = e.substring(e.indexOf('e') + 1);
            if (mant.contains(".")) {
                mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            int x = Integer.parseInt(exp);
            return mant + "e" + (x < 0 ? "-" : "+") + (Math.abs(x) < 10 ? "0" : "") + Math.abs(x);
        }
        String plain = d.toPlainString();
        if (plain.contains(".")) {
            plain = plain.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return plain;
    }
}
