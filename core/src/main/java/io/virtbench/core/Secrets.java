package io.virtbench.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in whatever virtbench prints or stores: URLs ({@code password=X} parameters,
 * {@code user:X@host}), command lines ({@code --mysql-password X}, {@code --db-password=X}, any
 * option whose name ends in "password"), and a known secret wherever it appears. Every command
 * line, URL and message that reaches a terminal or a file goes through here first.
 */
public final class Secrets {
    /** What replaces a password wherever one would be shown. */
    public static final String MASK = "*****";

    /**
     * {@code password=...} (also password1..3, pwd) in a URL query or property list, up to the next
     * separator; a colon before a space ends it too ("... ?password=x: Connection refused").
     */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(\\b(?:password[0-9]?|pwd)=)[^&;\\s'\"]*?(?=[&;\\s'\"]|:\\s|:$|$)");
    /** {@code scheme://user:secret@host}. */
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/@:\\s]*:)[^/@\\s]*@");
    /** {@code --something-password VALUE} or {@code --something-password=VALUE} inside a line of text. */
    private static final Pattern OPTION = Pattern.compile(
            "(?i)(--(?:[a-z0-9_-]*(?:password|passwd)|(?:[a-z0-9_-]*[-_])?(?:pass|pwd)))(=|\\s+)('[^']*'|\"[^\"]*\"|\\S+)");

    /** An HTTP credentials header ({@code -H 'Authorization: Basic ...'}). */
    private static final Pattern AUTH_HEADER = Pattern.compile("(?i)\\b((?:proxy-)?authorization:\\s*(?:(?:basic|bearer|digest)\\s+)?)[^'\"\\n]+");

    private Secrets() {
    }

    /** Whether an option name (with or without dashes) holds a password. */
    public static boolean isSecretOption(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceFirst("^-+", "").replace('_', '-');
        return n.matches(".*(?:password|passwd)|(?:.*-)?(?:pass|pwd)");
    }

    /** {@code text} with every URL password, password option value and each of {@code secrets} masked. */
    public static String mask(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String t = maskUrl(text);
        t = OPTION.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2)
                + (m.group(3).startsWith(MASK) ? m.group(3) : MASK)));
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                t = t.replace(s, MASK);
            }
        }
        return t;
    }

    /** {@code text} with the password of any URL (and any HTTP credentials header) in it replaced by {@link #MASK}. */
    public static String maskUrl(String text) {
        if (text == null) {
            return null;
        }
        String m = Matcher.quoteReplacement(MASK);
        // a value masked already stays as it is (a message masked twice must not lose what follows)
        String t = URL_PASSWORD.matcher(text).replaceAll(r -> text.startsWith(MASK, r.end(1)) ? Matcher.quoteReplacement(r.group())
                : Matcher.quoteReplacement(r.group(1)) + m);
        t = AUTH_HEADER.matcher(t).replaceAll("$1" + m);
        return URL_USERINFO.matcher(t).replaceAll("$1" + m + "@");
    }

    /**
     * A command line's arguments with passwords masked: the value after a password option
     * ({@code --mysql-password X}), the value of {@code --db-password=X}, and URL passwords.
     */
    public static List<String> maskArgs(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        boolean nextIsSecret = false;
        for (String a : args) {
            if (nextIsSecret) {
                out.add(MASK);
                nextIsSecret = false;
                continue;
            }
            int eq = a.indexOf('=');
            if (a.startsWith("-") && eq > 0 && isSecretOption(a.substring(0, eq))) {
                out.add(a.substring(0, eq + 1) + MASK);
            } else if (a.startsWith("--") && eq < 0 && isSecretOption(a)) {
                out.add(a);
                nextIsSecret = true;
            } else {
                out.add(maskUrl(a));
            }
        }
        return out;
    }

    /** A parameter value stored under {@code name}: masked when the name is a password's, URLs masked otherwise. */
    public static Object maskParameter(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (isSecretOption(name)) {
            return value instanceof String s && s.isEmpty() ? s : MASK;
        }
        return value instanceof String s ? maskUrl(s) : value;
    }
}
