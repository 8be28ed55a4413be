package io.virtbench.net.report;

import io.virtbench.core.UserException;
import io.virtbench.net.protocol.CFormat;
import io.virtbench.net.protocol.Iperf3;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iperf3's number syntax and unit printing (units.c): {@code -l}, {@code -n}, {@code -w} take
 * binary suffixes K/M/G/T (×1024), {@code -b} decimal ones (×1000); printed amounts adapt their
 * unit and always fit four characters ({@code unit_snprintf}).
 */
public final class Units {
    private static final Pattern NUMBER = Pattern.compile("^\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)([kKmMgGtT]?)\\s*$");
    private static final String[] BYTE_LABELS = {"Byte", "KByte", "MByte", "GByte", "TByte"};
    private static final String[] BIT_LABELS = {"bit", "Kbit", "Mbit", "Gbit", "Tbit"};
    /** The factors as units.c computes them (a product with the reciprocal, not a division). */
    private static final double[] BYTE_FACTORS = {1.0, 1.0 / 1024, 1.0 / 1024 / 1024, 1.0 / 1024 / 1024 / 1024,
            1.0 / 1024 / 1024 / 1024 / 1024};
    private static final double[] BIT_FACTORS = {1.0, 1.0 / 1000, 1.0 / 1000 / 1000, 1.0 / 1000 / 1000 / 1000,
            1.0 / 1000 / 1000 / 1000 / 1000};

    private Units() {
    }

    /**
     * {@code -b rate[/burst]}: the rate with a decimal suffix and the optional burst count;
     * null gives -1 and no burst (iperf3's default: 1048576 bit/s for UDP, unlimited for TCP).
     */
    public static Bitrate bitrate(String option, String text) {
        if (text == null) {
            return new Bitrate(-1, 0);
        }
        String rate = text;
        long burst = 0;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            rate = text.substring(0, slash);
            try {
                burst = Long.parseLong(text.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                throw UserException.usage("invalid value for " + option + ": '" + text + "' (the burst after / must be a whole number)");
            }
            if (burst <= 0 || burst > Iperf3.MAX_BURST) {
                throw UserException.usage("invalid value for " + option + ": '" + text + "' (invalid burst count (maximum = "
                        + Iperf3.MAX_BURST + "))");
            }
        }
        double r = parseRate(option, rate);
        if (r > Long.MAX_VALUE) {
            throw UserException.usage("invalid value for " + option + ": '" + text + "' (too large)");
        }
        return new Bitrate((long) r, (int) burst);
    }

    /** {@code -b}'s rate in bit/s (-1: iperf3's default) and burst, datagrams or blocks per send opportunity (0: none). */
    public record Bitrate(long bitsPerSecond, int burst) {
    }

    /** A value with a binary suffix (K = 1024), as {@code -l 128K}; {@code option} names it in errors. */
    public static double parseBinary(String option, String text) {
        return parse(option, text, 1024.0);
    }

    /** A rate with a decimal suffix (K = 1000), as {@code -b 100M}. */
    public static double parseRate(String option, String text) {
        return parse(option, text, 1000.0);
    }

    private static double parse(String option, String text, double base) {
        Matcher m = text == null ? null : NUMBER.matcher(text);
        if (m == null || !m.matches()) {
            throw UserException.usage("invalid value for " + option + ": '" + text + "' (expected a number with an optional K, M, G or T suffix)");
        }
        double v = Double.parseDouble(m.group(1));
        switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> v *= base;
            case "M" -> v *= base * base;
            case "G" -> v *= base * base * base;
            case "T" -> v *= base * base * base * base;
            default -> {
            }
        }
        return v;
    }

    /**
     * {@code unit_snprintf}: {@code format} 'A' adapts bytes in steps of 1024, 'a' adapts bits in
     * steps of 1000; 'k','m','g','t' force bits, 'K','M','G','T' force bytes, 'b'/'B' plain units.
     * The number is printed in four characters ("%4.2f", "%4.1f" or "%4.0f") and the label
     * without its plural 's', which the report format adds.
     */
    public static String unit(double num, char format) {
        boolean bits = !Character.isUpperCase(format);
        double n = bits ? num * 8 : num;
        int conv;
        switch (Character.toUpperCase(format)) {
            case 'B' -> conv = 0;
            case 'K' -> conv = 1;
            case 'M' -> conv = 2;
            case 'G' -> conv = 3;
            case 'T' -> conv = 4;
            default -> {
                conv = 0;
                double t = n;
                double step = bits ? 1000.0 : 1024.0;
                while (t >= step && conv < 4) {
                    t /= step;
                    conv++;
                }
            }
        }
        n *= bits ? BIT_FACTORS[conv] : BYTE_FACTORS[conv];
        String label = bits ? BIT_LABELS[conv] : BYTE_LABELS[conv];
        String fmt;
        if (n < 9.995) {
            fmt = "%4.2f %s";
        } else if (n < 99.95) {
            fmt = "%4.1f %s";
        } else {
            fmt = "%4.0f %s";
        }
        return CFormat.sprintf(fmt, n, label);
    }

    /** Checks an {@code -f} value: one of k m g t K M G T (a and A are the adaptive defaults). */
    public static char format(String option, String value) {
        if (value == null || value.length() != 1 || "kmgtKMGTaA".indexOf(value.charAt(0)) < 0) {
            throw UserException.usage("invalid value for " + option + ": '" + value + "' (expected one of k, m, g, t, K, M, G, T)");
        }
        return value.charAt(0);
    }
}
