package io.virtbench.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods and constructors of one Java source and their lengths in lines, from the line of
 * the name to the closing brace (lambdas and anonymous classes inside count with their method).
 * A small scanner, not a parser: it skips comments, strings, text blocks and character literals,
 * and follows braces, knowing type bodies from blocks by their header.
 */
final class MethodLengths {

    /** One method: its name, the line of its name and its length in lines. */
    record Method(String name, int line, int lines) {
    }

    /** An enum's body is ENUM until the semicolon after its constants, then TYPE. */
    private enum Kind { TYPE, ENUM, METHOD, OTHER }

    private static final Pattern TYPE_HEADER = Pattern.compile("\\b(class|interface|enum|record)\\b");
    private static final Pattern NAME_BEFORE_PAREN = Pattern.compile("(\\w+)\\s*$");
    private static final Pattern THROWS_TAIL = Pattern.compile("\\)\\s*(throws\\s+[\\w.\\s,<>?]+)?$");
    private static final List<String> NOT_METHODS = List.of("if", "for", "while", "switch", "catch", "synchronized",
            "try", "new", "return", "else", "do");

    private MethodLengths() {
    }

    static List<Method> of(String source) {
        List<Method> methods = new ArrayList<>();
        Deque<Kind> kinds = new ArrayDeque<>();
        Deque<Integer> starts = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        StringBuilder header = new StringBuilder();
        List<Integer> headerLines = new ArrayList<>();
        int line = 1;
        int n = source.length();
        for (int i = 0; i < n; i++) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i + 1 < n && source.charAt(i + 1) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n - 2 : end;
                line += count(source, i, end + 2);
                i = end + 1;
                continue;
            }
            if (c == '"' || c == '\'') {
                int end = literalEnd(source, i);
                line += count(source, i, end + 1);
                append(header, headerLines, c == '"' ? "\"\"" : "' '", line);
                i = end;
                continue;
            }
            if (c == '{') {
                Kind kind = kindOf(kinds.peek(), header.toString());
                kinds.push(kind);
                String name = kind == Kind.METHOD ? methodName(header.toString()) : "";
                names.push(name);
                starts.push(kind == Kind.METHOD ? nameLine(header, headerLines, name, line) : line);
                header.setLength(0);
                headerLines.clear();
            } else if (c == '}') {
                if (!kinds.isEmpty()) {
                    Kind kind = kinds.pop();
                    int start = starts.pop();
                    String name = names.pop();
                    if (kind == Kind.METHOD) {
                        methods.add(new Method(name, start, line - start + 1));
                    }
                }
                header.setLength(0);
                headerLines.clear();
            } else if (c == ';') {
                if (kinds.peek() == Kind.ENUM) {
                    kinds.pop();
                    kinds.push(Kind.TYPE);
                }
                header.setLength(0);
                headerLines.clear();
            } else {
                append(header, headerLines, String.valueOf(c), line);
            }
        }
        return methods;
    }

    private static Kind kindOf(Kind enclosing, String rawHeader) {
        String h = withoutAnnotations(rawHeader).strip();
        if (enclosing == Kind.ENUM) {
            return Kind.TYPE; // an enum constant's body
        }
        if (enclosing != null && enclosing != Kind.TYPE) {
            return Kind.OTHER; // a block, or a local or anonymous class: part of its method
        }
        Matcher type = TYPE_HEADER.matcher(h);
        if (type.find()) {
            return type.group(1).equals("enum") ? Kind.ENUM : Kind.TYPE;
        }
        if (enclosing == null || h.contains("=") || h.contains("->") || !THROWS_TAIL.matcher(h).find()) {
            return Kind.OTHER; // an initializer block, a field's lambda or array
        }
        String name = methodName(h);
        return name.isEmpty() || NOT_METHODS.contains(name) ? Kind.OTHER : Kind.METHOD;
    }

    /** The identifier before the parameter list that ends the header ("" if there is none). */
    private static String methodName(String rawHeader) {
        String h = withoutAnnotations(rawHeader);
        int close = h.lastIndexOf(')');
        if (close < 0) {
            return "";
        }
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = h.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                depth--;
                if (depth == 0) {
                    Matcher m = NAME_BEFORE_PAREN.matcher(h.substring(0, i));
                    return m.find() ? m.group(1) : "";
                }
            }
        }
        return "";
    }

    private static int nameLine(StringBuilder header, List<Integer> headerLines, String name, int fallback) {
        String h = header.toString();
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "\\s*\\(").matcher(h);
        int at = -1;
        while (m.find()) {
            at = m.start();
            if (!insideAnnotation(h, at)) {
                break;
            }
        }
        return at < 0 ? fallback : headerLines.get(at);
    }

    private static boolean insideAnnotation(String h, int at) {
        return !withoutAnnotations(h.substring(0, at + 1)).endsWith(h.substring(at, at + 1));
    }

    /** The header with annotations and their arguments removed. */
    static String withoutAnnotations(String h) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < h.length()) {
            char c = h.charAt(i);
            if (c == '@' && i + 1 < h.length() && Character.isJavaIdentifierStart(h.charAt(i + 1))
                    && !h.startsWith("@interface", i)) {
                i++;
                while (i < h.length() && (Character.isJavaIdentifierPart(h.charAt(i)) || h.charAt(i) == '.')) {
                    i++;
                }
                int j = i;
                while (j < h.length() && Character.isWhitespace(h.charAt(j))) {
                    j++;
                }
                if (j < h.length() && h.charAt(j) == '(') {
                    int depth = 0;
                    for (i = j; i < h.length(); i++) {
                        if (h.charAt(i) == '(') {
                            depth++;
                        } else if (h.charAt(i) == ')' && --depth == 0) {
                            i++;
                            break;
                        }
                    }
                }
                out.append(' ');
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The index of the quote that closes the string, text block or character literal at {@code start}. */
    private static int literalEnd(String s, int start) {
        char q = s.charAt(start);
        if (q == '"' && s.startsWith("\"\"\"", start)) {
            int i = start + 3;
            while (i < s.length()) {
                if (s.charAt(i) == '\\') {
                    i += 2;
                } else if (s.startsWith("\"\"\"", i)) {
                    return i + 2;
                } else {
                    i++;
                }
            }
            return s.length() - 1;
        }
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != q && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, s.length() - 1);
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int i = from; i < Math.min(to, s.length()); i++) {
            if (s.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static void append(StringBuilder header, List<Integer> lines, String text, int line) {
        for (int k = 0; k < text.length(); k++) {
            header.append(text.charAt(k));
            lines.add(line);
        }
    }
}
