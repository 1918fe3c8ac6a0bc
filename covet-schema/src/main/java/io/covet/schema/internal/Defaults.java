package io.covet.schema.internal;

import io.covet.schema.ColumnDefault;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the default text an engine's catalog echoes back into a {@link ColumnDefault}. */
final class Defaults {
    private static final Pattern QUOTED = Pattern.compile("(?s)^'((?:[^']|'')*)'(::[\\w\\s\"]+(\\(\\d+(,\\d+)?\\))?(\\[\\])?)?$");
    private static final Pattern NUMBER = Pattern.compile("^[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$");
    private static final Pattern BOOL = Pattern.compile("(?i)^(true|false)$");

    private Defaults() {
    }

    /**
     * @param raw            the catalog text, or null
     * @param backslashEscapes whether the engine escapes backslashes in literals (MariaDB)
     */
    static ColumnDefault parse(String raw, boolean backslashEscapes) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("null") || s.toLowerCase().startsWith("null::")) {
            return null;
        }
        while (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) {
            String inner = s.substring(1, s.length() - 1).strip();
            if (!(QUOTED.matcher(inner).matches() || NUMBER.matcher(inner).matches())) {
                break;
            }
            s = inner;
        }
        Matcher q = QUOTED.matcher(s);
        if (q.matches()) {
            String v = q.group(1).replace("''", "'");
            if (backslashEscapes) {
                v = v.replace("\\\\", "\\");
            }
            return ColumnDefault.value(v);
        }
        if (NUMBER.matcher(s).matches() || BOOL.matcher(s).matches()) {
            return ColumnDefault.value(s);
        }
        return ColumnDefault.expression(s);
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
