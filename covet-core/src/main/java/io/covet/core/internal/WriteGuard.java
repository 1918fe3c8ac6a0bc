package io.covet.core.internal;

import io.covet.core.RawWritePolicy;
import io.covet.core.error.UnrecordedWrite;
import io.covet.core.pipeline.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Applies the {@link RawWritePolicy} to statements that write a protected table (one whose history the ORM writes)
 * while no owner (the ORM writing with its history) is at work on the calling thread. The tables a statement writes
 * are read from its text ({@link #writtenTables}); costs nothing until a table is protected.
 */
public final class WriteGuard {
    private static final Logger LOG = LoggerFactory.getLogger("io.covet.core.history");
    private final String database;
    private final RawWritePolicy policy;
    private volatile Set<String> tables = Set.of();
    private final List<BooleanSupplier> owners = new CopyOnWriteArrayList<>();

    public WriteGuard(String database, RawWritePolicy policy) {
        this.database = database;
        this.policy = policy;
    }

    /** Adds {@code names} to the protected tables, writable while {@code owner} says its work is running. */
    public synchronized void protect(Collection<String> names, BooleanSupplier owner) {
        Set<String> all = new HashSet<>(tables);
        names.forEach(n -> all.add(n.toLowerCase(Locale.ROOT)));
        tables = Set.copyOf(all);
        if (!owners.contains(owner)) {
            owners.add(owner);
        }
    }

    /** The protected tables, lower case. */
    public Set<String> tables() {
        return tables;
    }

    /**
     * Refuses (or logs) {@code sql} when it writes a protected table outside an owner's work.
     *
     * @throws UnrecordedWrite under {@link RawWritePolicy#REFUSE}
     */
    public void check(String sql) {
        Set<String> protectedTables = tables;
        if (protectedTables.isEmpty() || sql == null) {
            return;
        }
        for (BooleanSupplier o : owners) {
            if (o.getAsBoolean()) {
                return;
            }
        }
        if (!mayWrite(sql)) {
            return;
        }
        for (String t : writtenTables(sql)) {
            if (protectedTables.contains(t)) {
                String what = "a statement outside the ORM writes table " + t + " of database '" + database
                        + "', whose history the ORM writes itself (@History(capture = APPLICATION)): no version "
                        + "would be recorded";
                if (policy == RawWritePolicy.LOG) {
                    LOG.warn("{}; it runs anyway (historyRawWrites(LOG)). Statement: {}", what,
                            StatementContext.shape(sql));
                    return;
                }
                throw new UnrecordedWrite(t, what + ". It was refused before it was sent; nothing was written. "
                        + "Write " + t + " through the ORM (orm.save, QuerySet.update/delete, bulkCreate, ...), or "
                        + "use @History(capture = TRIGGERS) so that the database records every write, or configure "
                        + "DatabaseConfig.builder(...).historyRawWrites(RawWritePolicy.LOG) to let such writes run "
                        + "unrecorded with a warning");
            }
        }
    }

    private static boolean mayWrite(String sql) {
        String l = sql.toLowerCase(Locale.ROOT);
        for (String k : List.of("insert", "update", "delete", "replace", "merge", "truncate", "copy")) {
            if (l.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tables {@code sql} writes, lower case, unquoted and without schema: the name after every
     * {@code INSERT INTO}, {@code REPLACE INTO}, {@code UPDATE}, {@code DELETE FROM}, {@code MERGE INTO},
     * {@code TRUNCATE [TABLE]} and {@code COPY} keyword outside string literals (also PostgreSQL's dollar-quoted
     * {@code $$…$$} / {@code $tag$…$tag$}) and comments, so also the writes inside a {@code WITH} statement and in
     * the body of a PostgreSQL {@code DO} block (code run by the statement itself). Not seen: the second and later tables of a multi-table {@code UPDATE a JOIN b}
     * or {@code DELETE a, b FROM …}, and writes made by functions, procedures or triggers the statement calls.
     */
    public static List<String> writtenTables(String sql) {
        List<String> words = words(sql);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            int at = switch (w) {
                case "insert", "replace", "merge" -> next.equals("into") ? i + 2
                        : next.equals("ignore") && i + 2 < words.size() && words.get(i + 2).equals("into") ? i + 3
                        : -1;
                case "update" -> next.equals("low_priority") || next.equals("ignore") || next.equals("only") ? i + 2
                        : i + 1;
                case "delete" -> next.equals("from") ? i + 2 : -1;
                case "truncate" -> next.equals("table") ? i + 2 : i + 1;
                case "copy" -> i + 1;
                default -> -1;
            };
            String before = i > 0 ? words.get(i - 1) : "";
            if (w.equals("update") && (before.equals("for") || before.equals("key") || before.equals("do"))) {
                continue; // SELECT … FOR UPDATE, ON DUPLICATE KEY UPDATE, ON CONFLICT DO UPDATE
            }
            if (at > 0 && at < words.size() && !words.get(at).isEmpty() && !"(".equals(words.get(at))) {
                String name = words.get(at);
                if (name.equals("only") && at + 1 < words.size()) {
                    name = words.get(at + 1);
                }
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The statement's words: keywords and bare identifiers lower-cased, a quoted or schema-qualified name as its
     * last part (unquoted, lower-cased: the tables are matched as Covet's models name them), punctuation as
     * one-character words; string literals and comments dropped.
     */
    private static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int dollarEnd = c == '$' ? dollarQuoteEnd(sql, i) : -1;
            if (c == '\'') {
                int j = i + 1;
                while (j < n && !(sql.charAt(j) == '\'' && (j + 1 >= n || sql.charAt(j + 1) != '\''))) {
                    j += sql.charAt(j) == '\'' || sql.charAt(j) == '\\' ? 2 : 1;
                }
                if (doBody(out)) {
                    out.addAll(words(sql.substring(i + 1, Math.min(j, n)).replace("''", "'")));
                }
                i = j + 1;
            } else if (dollarEnd > 0) {
                // PostgreSQL dollar quoting: $$…$$ or $tag$…$tag$, whose text may hold quotes and SQL words
                int open = sql.indexOf('$', i + 1) + 1;
                if (doBody(out)) {
                    out.addAll(words(sql.substring(open, dollarEnd - (open - i))));
                }
                i = dollarEnd;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '`' || Character.isLetter(c) || c == '_') {
                // a name, possibly qualified: a.b, "a"."b", `a`.`b`
                String last = null;
                int j = i;
                while (j < n) {
                    char q = sql.charAt(j);
                    if (q == '"' || q == '`') {
                        int end = sql.indexOf(q, j + 1);
                        end = end < 0 ? n : end;
                        last = sql.substring(j + 1, end);
                        j = end + 1;
                    } else if (Character.isLetterOrDigit(q) || q == '_' || q == '$') {
                        int k = j;
                        while (k < n && (Character.isLetterOrDigit(sql.charAt(k)) || sql.charAt(k) == '_'
                                || sql.charAt(k) == '$')) {
                            k++;
                        }
                        last = sql.substring(j, k);
                        j = k;
                    } else {
                        break;
                    }
                    if (j < n && sql.charAt(j) == '.') {
                        j++;
                    } else {
                        break;
                    }
                }
                out.add(last == null ? "" : last.toLowerCase(Locale.ROOT));
                i = j;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /**
     * Where the dollar-quoted string that starts at {@code at} ends (the index after its closing {@code $tag$}), or
     * -1 when {@code $} does not open one there: not followed by {@code $} or by a tag ({@code [A-Za-z_][A-Za-z0-9_]*}
     * then {@code $}) — e.g. a {@code $1} parameter — or never closed (then the text is read as if unquoted, so that
     * a lone {@code $} cannot hide the rest of a statement).
     */
    private static int dollarQuoteEnd(String sql, int at) {
        int n = sql.length();
        int j = at + 1;
        if (j < n && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
        }
        if (j >= n || sql.charAt(j) != '$') {
            return -1;
        }
        String delimiter = sql.substring(at, j + 1);
        int close = sql.indexOf(delimiter, j + 1);
        return close < 0 ? -1 : close + delimiter.length();
    }

    /**
     * Whether a string literal that follows {@code words} is the body of a PostgreSQL {@code DO} block
     * ({@code DO 'body'}, {@code DO $$body$$}, {@code DO LANGUAGE plpgsql $$body$$}): code that runs now, so its
     * writes are read too, unlike a function body or a value.
     */
    private static boolean doBody(List<String> words) {
        int k = words.size();
        if (k >= 1 && words.get(k - 1).equals("do")) {
            return true;
        }
        return k >= 3 && words.get(k - 3).equals("do") && words.get(k - 2).equals("language");
    }
}
