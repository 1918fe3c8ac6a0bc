package io.covet.observe.internal;

import io.covet.core.pipeline.StatementContext;

/**
 * Statement text fit to leave the process (metrics never carry it; spans, logs and snapshots may): Covet binds
 * values, so the text it builds has only placeholders and is kept as written; hand-written text holding a string
 * or number literal, or a comment, is replaced by its normalised shape ({@link StatementContext#shape}), where
 * every literal is a {@code ?} and comments are gone.
 */
public final class SafeText {
    private SafeText() {
    }

    /** The text as written when it holds no literal and no comment, else its shape. */
    public static String of(String sql) {
        if (sql == null) {
            return "";
        }
        return hasLiteralOrComment(sql) ? StatementContext.shape(sql) : sql;
    }

    static boolean hasLiteralOrComment(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                return true;
            }
            if (c == '"' || c == '`') {
                int j = sql.indexOf(c, i + 1);
                if (j < 0) {
                    return true;
                }
                i = j + 1;
                continue;
            }
            if ((c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') || (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*')
                    || c == '#') {
                return true;
            }
            if (Character.isDigit(c)) {
                char p = i == 0 ? ' ' : sql.charAt(i - 1);
                if (!(Character.isLetterOrDigit(p) || p == '_' || p == '$')) {
                    return true;
                }
            }
            i++;
        }
        return false;
    }
}
