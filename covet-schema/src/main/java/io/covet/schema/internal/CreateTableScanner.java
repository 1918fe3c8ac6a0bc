package io.covet.schema.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the SQL of a SQLite CREATE TABLE into its top-level items and reads the table constraints SQLite keeps
 * no catalog for: constraint names, CHECK expressions, and the names of UNIQUE and FOREIGN KEY constraints.
 */
final class CreateTableScanner {
    /** A named (or unnamed: null) table constraint: kind UNIQUE, CHECK or FOREIGN, with columns or expression. */
    record Item(String name, String kind, List<String> columns, String expression) {
    }

    private CreateTableScanner() {
    }

    static List<Item> constraints(String sql) {
        List<Item> out = new ArrayList<>();
        if (sql == null) {
            return out;
        }
        int open = sql.indexOf('(');
        int close = sql.lastIndexOf(')');
        if (open < 0 || close < open) {
            return out;
        }
        for (String part : splitTopLevel(sql.substring(open + 1, close))) {
            String p = part.strip();
            String name = null;
            if (startsWithWord(p, "CONSTRAINT")) {
                p = p.substring("CONSTRAINT".length()).strip();
                int end = identifierEnd(p);
                name = unquote(p.substring(0, end));
                p = p.substring(end).strip();
            }
            if (startsWithWord(p, "CHECK")) {
                String body = p.substring(5).strip();
                out.add(new Item(name, "CHECK", List.of(), parenBody(body)));
            } else if (startsWithWord(p, "UNIQUE")) {
                out.add(new Item(name, "UNIQUE", identifiers(parenBody(p.substring(6).strip())), null));
            } else if (startsWithWord(p, "FOREIGN")) {
                String rest = p.substring(p.indexOf('('));
                out.add(new Item(name, "FOREIGN", identifiers(parenBody(rest)), null));
            }
        }
        return out;
    }

    /** The column definitions of a CREATE TABLE (not its table constraints), stripped, in the order written. */
    private static List<String> columnDefinitions(String sql) {
        List<String> out = new ArrayList<>();
        if (sql == null || sql.indexOf('(') < 0 || sql.lastIndexOf(')') < sql.indexOf('(')) {
            return out;
        }
        for (String part : splitTopLevel(sql.substring(sql.indexOf('(') + 1, sql.lastIndexOf(')')))) {
            String p = part.strip();
            if (p.isEmpty() || startsWithWord(p, "CONSTRAINT") || startsWithWord(p, "CHECK")
                    || startsWithWord(p, "UNIQUE") || startsWithWord(p, "FOREIGN") || startsWithWord(p, "PRIMARY")) {
                continue;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The CHECK constraints written on column definitions ({@code qty INTEGER CHECK (qty >= 0)}), by column name in
     * the order written; SQLite's catalog reports none of them.
     */
    static java.util.Map<String, List<String>> columnChecks(String sql) {
        java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String p : columnDefinitions(sql)) {
            int end = identifierEnd(p);
            String column = unquote(p.substring(0, end));
            for (int at : topLevelWords(p, end, "CHECK")) {
                out.computeIfAbsent(column, k -> new ArrayList<>()).add(parenBody(p.substring(at + 5).strip()));
            }
        }
        return out;
    }

    /**
     * The generated columns of a CREATE TABLE ({@code total INTEGER GENERATED ALWAYS AS (a * b) STORED}), by
     * column name: SQLite's catalog reports that a column is generated but not its expression.
     */
    static java.util.Map<String, io.covet.schema.Column.Generated> columnGenerations(String sql) {
        java.util.Map<String, io.covet.schema.Column.Generated> out = new java.util.LinkedHashMap<>();
        for (String p : columnDefinitions(sql)) {
            int end = identifierEnd(p);
            List<Integer> as = topLevelWords(p, end, "AS");
            if (as.isEmpty()) {
                continue;
            }
            boolean stored = !topLevelWords(p, as.get(0), "STORED").isEmpty();
            out.put(unquote(p.substring(0, end)),
                    new io.covet.schema.Column.Generated(parenBody(p.substring(as.get(0) + 2).strip()), stored));
        }
        return out;
    }

    /** Where {@code word} starts as a whole word outside quotes and parentheses in {@code s}, from {@code from}. */
    private static List<Integer> topLevelWords(String s, int from, String word) {
        List<Integer> at = new ArrayList<>();
        walkTopLevel(s, from, i -> {
            if (s.regionMatches(true, i, word, 0, word.length())
                    && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_')
                    && (i + word.length() == s.length() || !Character.isLetterOrDigit(s.charAt(i + word.length()))
                    && s.charAt(i + word.length()) != '_')) {
                at.add(i);
            }
        });
        return at;
    }

    /**
     * Calls {@code visit} with each position of {@code s} from {@code from} that is outside quoted text (SQL
     * strings, quoted and bracketed identifiers) and outside parentheses.
     */
    private static void walkTopLevel(String s, int from, java.util.function.IntConsumer visit) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '[') {
                quote = ']';
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0) {
                visit.accept(i);
            }
        }
    }

    /** The WHERE clause of a CREATE INDEX statement, or null. */
    static String indexWhere(String sql) {
        if (sql == null) {
            return null;
        }
        int depth = 0;
        String upper = sql.toUpperCase(Locale.ROOT);
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && upper.startsWith("WHERE", i) && i > 0 && Character.isWhitespace(sql.charAt(i - 1))) {
                return sql.substring(i + 5).strip();
            }
        }
        return null;
    }

    static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int[] start = {0};
        walkTopLevel(body, 0, i -> {
            if (body.charAt(i) == ',') {
                parts.add(body.substring(start[0], i));
                start[0] = i + 1;
            }
        });
        parts.add(body.substring(start[0]));
        return parts;
    }

    private static boolean startsWithWord(String s, String word) {
        return s.regionMatches(true, 0, word, 0, word.length())
                && (s.length() == word.length() || !Character.isLetterOrDigit(s.charAt(word.length())));
    }

    private static int identifierEnd(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        char first = s.charAt(0);
        char endQuote = first == '"' ? '"' : first == '`' ? '`' : first == '[' ? ']' : 0;
        if (endQuote != 0) {
            int e = s.indexOf(endQuote, 1);
            return e < 0 ? s.length() : e + 1;
        }
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    static String unquote(String id) {
        String s = id.strip();
        if (s.length() >= 2 && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("`") && s.endsWith("`"))
                || (s.startsWith("[") && s.endsWith("]")))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The text inside the parentheses that open {@code s}. */
    private static String parenBody(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth == 0) {
                return s.substring(s.indexOf('(') + 1, i).strip();
            }
        }
        return s.strip();
    }

    private static List<String> identifiers(String list) {
        return splitTopLevel(list).stream().map(CreateTableScanner::unquote).toList();
    }
}
