package io.covet.backup.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a schema script written by an engine's own dump tool into statements, keeping each one's label (the
 * {@code -- Name: …; Type: …} comment pg_dump writes before it) for error messages, and can move PostgreSQL
 * schema-qualified names from one schema to another. Quotes, dollar-quoted bodies and comments are skipped, never
 * split or rewritten.
 */
public final class SqlScript {
    /** One statement, without its terminating semicolon; {@code label} names the object it creates, or is null. */
    public record Statement(String sql, String label) {
    }

    private SqlScript() {
    }

    /** The statements of {@code script} in order; {@code --} and {@code /* *}{@code /} comments are dropped. */
    public static List<Statement> split(String script) {
        List<Statement> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String label = null;
        int depth = 0; // BEGIN ATOMIC/CASE … END nesting inside a routine's SQL-standard body
        String previous = "";
        int n = script.length();
        int i = 0;
        while (i < n) {
            char ch = script.charAt(i);
            if (ch == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                String comment = script.substring(i + 2, end).strip();
                if (comment.startsWith("Name: ")) {
                    label = describe(comment);
                }
                i = end;
                continue;
            }
            if (ch == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            int skip = quotedEnd(script, i);
            if (skip > i) {
                cur.append(script, i, skip);
                i = skip;
                continue;
            }
            if (Character.isLetter(ch) && (i == 0 || !isIdent(script.charAt(i - 1)))) {
                int end = i;
                while (end < n && isIdent(script.charAt(end))) {
                    end++;
                }
                String word = script.substring(i, end);
                depth = blockDepth(cur, previous, word, depth);
                previous = word;
                cur.append(script, i, end);
                i = end;
                continue;
            }
            if (ch == ';' && depth == 0) {
                add(out, cur, label);
                i++;
                continue;
            }
            if (ch == '\\' && cur.toString().isBlank()) {
                // a psql meta-command (pg_dump writes restrict and unrestrict ones): not SQL, skipped to the end of the line
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end;
                continue;
            }
            cur.append(ch);
            i++;
        }
        add(out, cur, label);
        return out;
    }

    private static final java.util.regex.Pattern ROUTINE = java.util.regex.Pattern.compile(
            "(?is)\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(FUNCTION|PROCEDURE)\\s.*");

    /**
     * The nesting after {@code word}: in a CREATE FUNCTION/PROCEDURE, a SQL-standard body ({@code BEGIN ATOMIC …
     * END}) holds statements ended by semicolons, which do not end the CREATE; inside it a CASE opens a block too
     * and END closes one (as psql counts them). Elsewhere, and in dollar-quoted bodies (skipped as quotes), nothing
     * nests, so a column or argument named {@code begin} changes nothing.
     */
    private static int blockDepth(StringBuilder statement, String previous, String word, int depth) {
        if (word.equalsIgnoreCase("ATOMIC") && previous.equalsIgnoreCase("BEGIN")) {
            return depth > 0 || ROUTINE.matcher(statement).matches() ? depth + 1 : depth;
        }
        if (word.equalsIgnoreCase("CASE") && depth > 0) {
            return depth + 1;
        }
        return word.equalsIgnoreCase("END") && depth > 0 ? depth - 1 : depth;
    }

    private static void add(List<Statement> out, StringBuilder cur, String label) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(new Statement(s, label));
        }
        cur.setLength(0);
    }

    /** {@code Name: invoice; Type: TABLE; Schema: sales; Owner: -} becomes {@code TABLE sales.invoice}. */
    private static String describe(String comment) {
        String name = null, type = null, schema = null;
        for (String part : comment.split("; ")) {
            int colon = part.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String k = part.substring(0, colon), v = part.substring(colon + 2);
            switch (k) {
                case "Name" -> name = v;
                case "Type" -> type = v;
                case "Schema" -> schema = v;
                default -> { }
            }
        }
        return (type == null ? "" : type + " ") + (schema == null || "-".equals(schema) ? "" : schema + ".") + name;
    }

    /**
     * When a quoted section ('…', "…", $tag$…$tag$) starts at {@code i}, the index after it; otherwise {@code i}.
     */
    static int quotedEnd(String s, int i) {
        char ch = s.charAt(i);
        int n = s.length();
        if (ch == '\'' || ch == '"') {
            int j = i + 1;
            while (j < n) {
                if (s.charAt(j) == ch) {
                    if (j + 1 < n && s.charAt(j + 1) == ch) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return n;
        }
        if (ch == '$') {
            int j = i + 1;
            while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < n && s.charAt(j) == '$' && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
                    && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
                String tag = s.substring(i, j + 1);
                int end = s.indexOf(tag, j + 1);
                return end < 0 ? n : end + tag.length();
            }
        }
        return i;
    }

    /**
     * Rewrites the PostgreSQL qualifier {@code from.} into {@code to.} (both already quoted as identifiers) outside
     * strings and bodies, and inside a string literal that a {@code ::regclass} cast follows (a serial column's
     * {@code nextval('s.seq'::regclass)} default). Dollar-quoted function bodies are left as written.
     */
    public static String requalify(String sql, String from, String to) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                int end = quotedEnd(sql, i);
                String lit = sql.substring(i, end);
                if (sql.startsWith("::regclass", end) && lit.startsWith("'" + from.replace("'", "''") + ".")) {
                    lit = "'" + to.replace("'", "''") + lit.substring(1 + from.replace("'", "''").length());
                }
                out.append(lit);
                i = end;
                continue;
            }
            if (ch == '$') {
                int end = quotedEnd(sql, i);
                if (end > i) {
                    out.append(sql, i, end);
                    i = end;
                    continue;
                }
            }
            boolean boundary = i == 0 || !isIdent(sql.charAt(i - 1)) && sql.charAt(i - 1) != '"'
                    && sql.charAt(i - 1) != '.';
            if (boundary && sql.startsWith(from + ".", i)) {
                out.append(to).append('.');
                i += from.length() + 1;
                continue;
            }
            if (ch == '"') {
                int end = quotedEnd(sql, i);
                out.append(sql, i, end);
                i = end;
                continue;
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
