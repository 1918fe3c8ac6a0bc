package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.ForeignKey;
import io.covet.backup.internal.Manifest.Table;
import io.covet.schema.NativeObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MariaDB and SQLite: what a backup would carry that needs a table left out with {@code --skip} — a view that
 * reads it (MariaDB refuses to create it; SQLite creates it and fails on first use) or a foreign key that points
 * to it. PostgreSQL answers the same question from {@code pg_depend} ({@link PgRestorability}); these engines have
 * no such catalog, so views are read for the table's name as an identifier token (outside string literals, in
 * any quoting). A column that shares the table's name makes a view look dependent when it is not: the message
 * then names a view the user can also skip, never a backup that cannot be restored.
 */
final class SkipDependents {
    private SkipDependents() {
    }

    /**
     * One line per dependent object, e.g. {@code view live_item reads table item}; empty when nothing kept needs a
     * skipped table.
     *
     * @param skippedTables the tables left out (bare names)
     * @param skippedNames  every object left out (bare names)
     * @param natives       the database's views, triggers and other native objects
     * @param tables        the database's tables with their foreign keys
     * @param backslashEscapes whether a backslash escapes the next character in a string literal (MariaDB's
     *                         default mode; not SQLite)
     */
    static List<String> of(Set<String> skippedTables, Set<String> skippedNames, List<NativeObject> natives,
                           List<Table> tables, boolean backslashEscapes) {
        List<String> out = new ArrayList<>();
        for (NativeObject o : natives) {
            if (o.kind() != NativeObject.Kind.VIEW || skippedNames.contains(o.name())) {
                continue;
            }
            for (String t : skippedTables) {
                if (namesIdentifier(o.sql(), t, backslashEscapes)) {
                    out.add("view " + o.name() + " reads table " + t);
                }
            }
        }
        for (Table t : tables) {
            if (skippedNames.contains(t.name())) {
                continue;
            }
            for (ForeignKey fk : t.foreignKeys() == null ? List.<ForeignKey>of() : t.foreignKeys()) {
                if (skippedTables.contains(fk.referencedTable())) {
                    out.add("table " + t.name() + " has a foreign key to table " + fk.referencedTable());
                }
            }
        }
        return out;
    }

    /**
     * Whether {@code sql} contains {@code name} as an identifier: bare (case-insensitively, as both engines
     * compare unquoted names) or quoted with {@code "…"}, {@code `…`} or {@code […]}; text in string literals and
     * comments is not looked at.
     */
    static boolean namesIdentifier(String sql, String name, boolean backslashEscapes) {
        String lower = name.toLowerCase(Locale.ROOT);
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                i = skipQuoted(sql, i, '\'', backslashEscapes);
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (ch == '"' || ch == '`' || ch == '[') {
                char close = ch == '[' ? ']' : ch;
                int end = skipQuoted(sql, i, close, false);
                String quoted = sql.substring(i + 1, Math.max(i + 1, end - 1));
                if (ch != '[') {
                    quoted = quoted.replace(String.valueOf(close) + close, String.valueOf(close));
                }
                if (quoted.toLowerCase(Locale.ROOT).equals(lower)) {
                    return true;
                }
                i = end;
            } else if (Character.isLetter(ch) || ch == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                if (sql.substring(start, i).toLowerCase(Locale.ROOT).equals(lower)) {
                    return true;
                }
            } else {
                i++;
            }
        }
        return false;
    }

    /** The index just past the quoted text starting at {@code open}; a doubled closing quote stays inside. */
    private static int skipQuoted(String sql, int open, char close, boolean backslashEscapes) {
        int i = open + 1;
        while (i < sql.length()) {
            if (backslashEscapes && sql.charAt(i) == '\\') {
                i += 2;
                continue;
            }
            if (sql.charAt(i) == close) {
                if (close != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
