package io.covet.migrate;

/** Renames a column inside SQL expressions held in the state (checks, partial-index conditions). */
final class Identifiers {
    private Identifiers() {
    }

    /**
     * {@code sql} with every reference to identifier {@code from} (bare, "double-quoted" or `backquoted`) renamed
     * to {@code to}, keeping its quoting; string literals and longer words that merely contain it are left alone.
     * The engines do the same to their own copy when a column is renamed, so state and database stay equal.
     */
    static String rename(String sql, String from, String to) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                int end = literalEnd(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (ch == '"' || ch == '`') {
                int end = sql.indexOf(ch, i + 1);
                if (end < 0) {
                    out.append(sql, i, sql.length());
                    break;
                }
                String name = sql.substring(i + 1, end);
                out.append(ch).append(name.equals(from) ? to : name).append(ch);
                i = end + 1;
            } else if (word(ch)) {
                int end = i;
                while (end < sql.length() && word(sql.charAt(end))) {
                    end++;
                }
                String w = sql.substring(i, end);
                out.append(w.equals(from) ? to : w);
                i = end;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    private static int literalEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
