package io.covet.core.pipeline;

import java.util.Locale;

/**
 * What a statement does, from its leading keyword (the verb only; Covet never parses SQL for anything else).
 */
public enum Operation {
    /** A read: SELECT, WITH … SELECT, VALUES, TABLE, SHOW, EXPLAIN. */
    SELECT,
    /** INSERT, REPLACE, or the rows of a bulk load. */
    INSERT,
    /** UPDATE. */
    UPDATE,
    /** DELETE. */
    DELETE,
    /** CREATE, ALTER, DROP, TRUNCATE, RENAME, COMMENT. */
    DDL,
    /** Anything else: transaction control, SET, PRAGMA, CALL, … */
    OTHER;

    /**
     * Classifies {@code sql} by its first keyword, after leading white space, comments and parentheses. A
     * {@code WITH} statement counts as {@link #SELECT} when it is run as a query and {@link #OTHER} otherwise.
     *
     * @param sql   the statement text; null gives {@link #OTHER}
     * @param query whether the statement is run for its rows
     */
    public static Operation of(String sql, boolean query) {
        if (sql == null) {
            return OTHER;
        }
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return switch (sql.substring(start, i).toUpperCase(Locale.ROOT)) {
            case "SELECT", "VALUES", "TABLE", "SHOW", "EXPLAIN", "DESCRIBE" -> SELECT;
            case "WITH" -> query ? SELECT : OTHER;
            case "INSERT", "REPLACE", "COPY" -> INSERT;
            case "UPDATE" -> UPDATE;
            case "DELETE" -> DELETE;
            case "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "COMMENT" -> DDL;
            default -> OTHER;
        };
    }
}
