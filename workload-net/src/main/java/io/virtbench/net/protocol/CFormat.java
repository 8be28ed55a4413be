package io.virtbench.net.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The subset of C's printf that iperf3's report layouts use ({@code %d %u %s %f %g %%} with the
 * flags {@code -} and {@code 0}, a width and a precision; length modifiers are ignored), with C's
 * rounding: the exact binary value of a double is rounded half-to-even, as glibc does, where Java's
 * {@code String.format} rounds the decimal expansion half-up.
 */
public final class CFormat {
    private CFormat() {
    }

    /** C's {@code sprintf(fmt, args...)} for the supported conversions. */
    public static String sprintf(String fmt, Object... args) {
        StringBuilder out = new StringBuilder(fmt.length() + 32);
        int a = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i < n && fmt.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            boolean left = false;
            boolean zero = false;
            boolean plus = false;
            boolean space = false;
            while (i < n && "-0+ #".indexOf(fmt.charAt(i)) >= 0) {
                char f = fmt.charAt(i++);
                switch (f) {
                    case '-' -> left = true;
                    case '0' -> zero = true;
                    case '+' -> plus = true;
                    case ' ' -> space = true;
                    default -> {
                    }
                }
            }
            int width = 0;
            while (i < n && Character.isDigit(fmt.charAt(i))) {
                width = width * 10 + (fmt.charAt(i++) - '0');
            }
            int precision = -1;
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                precision = 0;
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    precision = precision * 10 + (fmt.charAt(i++) - '0');
                }
            }
            while (i < n && "lhqjzt".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                throw new IllegalArgumentException("incomplete conversion in " + fmt);
            }
            char conv = fmt.charAt(i++);
            Object arg = a < args.length ? args[a++] : null;
            String body = switch (conv) {
                case 'd', 'i', 'u' -> Long.toString(((Number) arg).longValue());
                case 's' -> {
                    String s = String.valueOf(arg);
                    yield precision >= 0 && s.length() > precision ? s.substring(0, precision) : s;
                }
                case 'f' -> f(((Number) arg).doubleValue(), precision < 0 ? 6 : precision);
                case 'g' -> g(((Number) arg).doubleValue(), precision < 0 ? 6 : precision);
                case 'e' -> e(((Number) arg).doubleValue(), precision < 0 ? 6 : precision);
                case 'c' -> String.valueOf(arg);
                default -> throw new IllegalArgumentException("unsupported conversion %" + conv + " in " + fmt);
            };
            if ("dfgeiu".indexOf(conv) >= 0 && !body.startsWith("-")) {
                if (plus) {
                    body = "+" + body;
                } else if (space) {
                    body = " " + body;
                }
            }
            pad(out, body, width, left, zero && !left && conv != 's');
        }
        return out.toString();
    }

    private static void pad(StringBuilder out, String body, int width, boolean left, boolean zero) {
        int fill = width - body.length();
        if (fill <= 0) {
            out.append(body);
        } else if (left) {
            out.append(body).append(" ".repeat(fill));
        } else if (zero && !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0) {
            out.append(body.charAt(0)).append("0".repeat(fill)).append(body, 1, body.length());
        } else {
            out.append(zero ? "0".repeat(fill) : " ".repeat(fill)).append(body);
        }
    }

    /** C's {@code %.<precision>f}. */
    public static String f(double v, int precision) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String fast = fFast(v, precision);
        return fast != null ? fast : fExact(v, precision);
    }

    /** {@link #f} through the exact decimal expansion of {@code v}. */
    static String fExact(double v, int precision) {
        String s = new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (isNegativeZero(v, s)) {
            return "-" + s;
        }
        return s;
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

    /**
     * {@link #f} without BigDecimal where the answer is certain, or null: below 2^30 the product
     * {@code |v| * 10^precision} is within 2^-23 of the exact one, so a fraction further than
     * 10^-6 from one half rounds the same way as the exact value does. The interval report
     * formats a dozen numbers once a second; cold, the BigDecimal path cost it hundreds of
     * microseconds of the event loop (a datagram arriving then is time-stamped late).
     */
    static String fFast(double v, int precision) {
        if (precision >= POW10.length) {
            return null;
        }
        double scaled = Math.abs(v) * POW10[precision];
        if (!(scaled < 0x1p30)) {
            return null;
        }
        double floor = Math.floor(scaled);
        double frac = scaled - floor;
        if (Math.abs(frac - 0.5) <= 1e-6) {
            return null;
        }
        long r = (long) floor + (frac > 0.5 ? 1 : 0);
        StringBuilder b = new StringBuilder(24);
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            b.append('-');
        }
        b.append(r / POW10[precision]);
        if (precision > 0) {
            String digits = Long.toString(r % POW10[precision]);
            b.append('.');
            for (int i = digits.length(); i < precision; i++) {
                b.append('0');
            }
            b.append(digits);
        }
        return b.toString();
    }

    private static boolean isNegativeZero(double v, String s) {
        return (v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-");
    }

    /** C's {@code %.<precision>e}. */
    public static String e(double v, int precision) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return f(v, 0);
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + "e+00";
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        BigDecimal mant = r.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
        return mant.toPlainString() + exponent(exp);
    }

    private static String exponent(int exp) {
        String digits = Integer.toString(Math.abs(exp));
        return "e" + (exp < 0 ? "-" : "+") + (digits.length() < 2 ? "0" + digits : digits);
    }

    /** C's {@code %.<precision>g}: significant digits, trailing zeros removed, exponent form when needed. */
    public static String g(double v, int precision) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return f(v, 0);
        }
        int p = precision == 0 ? 1 : precision;
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int x = r.precision() - r.scale() - 1;
        String s;
        if (x < -4 || x >= p) {
            BigDecimal mant = r.movePointLeft(x);
            s = stripZeros(mant.setScale(p - 1, RoundingMode.HALF_EVEN).toPlainString()) + exponent(x);
        } else {
            s = stripZeros(r.setScale(Math.max(0, p - 1 - x), RoundingMode.HALF_EVEN).toPlainString());
        }
        return s;
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
