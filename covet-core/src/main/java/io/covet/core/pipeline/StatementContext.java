package io.covet.core.pipeline;

import io.covet.core.engine.Engine;
import io.covet.core.tx.Transaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement as it is about to run, as interceptors see it. Immutable (the lazily computed fingerprint and
 * operation are derived from the text), so it may be kept, e.g. by a slow-query log, after the statement ran.
 * What the execution did is in {@link Interceptor.Chain#outcome()}.
 *
 * <p>The bound values are not readable directly: {@link #parameterCount()} counts them,
 * {@link #parameters(Redaction)} shows them through a redaction, and {@link #unsafeParameterValues()} (named so
 * that a reviewer notices it) returns them as bound.
 */
public final class StatementContext {
    private final String database;
    private final Engine engine;
    private final StatementKind kind;
    private final String sql;
    private final List<String> tables;
    private final List<? extends List<?>> parameterRows;
    private final Transaction transaction;
    private final boolean redirectable;
    private final LazyLoad lazyLoad;
    private final boolean idempotent;
    private Operation operation;
    private String fingerprint;

    /**
     * Built by Covet's statement path for every statement when an interceptor is registered; public so that
     * interceptors can be unit-tested with a context of their own.
     *
     * @param database      the database's name
     * @param engine        its engine
     * @param kind          how the statement runs
     * @param sql           the text as sent, with {@code ?} placeholders (a description for BULK_LOAD on engines
     *                      that send several statements, e.g. {@code INSERT INTO "t" ("a", "b") VALUES (?, ?)})
     * @param tables        the tables the statement touches when the caller knew them (covet-sql builders, bulk
     *                      loads), else empty; Covet does not parse SQL for them
     * @param parameterRows the values bound per execution (one list for a single statement, one per row for a
     *                      batch), or null when unknown (bulk loads stream their rows)
     * @param transaction   the transaction block current on the calling thread, or null
     * @param redirectable  whether {@link Interceptor.Chain#proceed(javax.sql.DataSource)} may move the statement to
     *                      another data source (see there)
     *                      <p>The {@link #lazyLoad()} mark is read from the calling thread ({@link LazyLoad#run}).
     */
    public StatementContext(String database, Engine engine, StatementKind kind, String sql, List<String> tables,
                            List<? extends List<?>> parameterRows, Transaction transaction, boolean redirectable) {
        this.database = Objects.requireNonNull(database, "database");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.sql = sql;
        this.tables = tables == null ? List.of() : List.copyOf(tables);
        this.parameterRows = parameterRows;
        this.transaction = transaction;
        this.redirectable = redirectable;
        this.lazyLoad = LazyLoad.currentOrNull();
        this.idempotent = false;
    }

    private StatementContext(StatementContext c, boolean idempotent) {
        this.database = c.database;
        this.engine = c.engine;
        this.kind = c.kind;
        this.sql = c.sql;
        this.tables = c.tables;
        this.parameterRows = c.parameterRows;
        this.transaction = c.transaction;
        this.redirectable = c.redirectable;
        this.lazyLoad = c.lazyLoad;
        this.idempotent = idempotent;
    }

    /** This context, with the caller's promise that running the statement twice has the effect of running it once. */
    public StatementContext markedIdempotent() {
        return new StatementContext(this, true);
    }

    /**
     * Whether the caller promised that running the statement twice has the same effect as once
     * ({@code SqlStatement.idempotent()}), so that a write may be retried after a lost connection, when it is not
     * known whether the first run committed. Reads need no mark.
     */
    public boolean idempotent() {
        return idempotent;
    }

    /** The name of the database the statement runs on ({@code default} unless configured). */
    public String database() {
        return database;
    }

    /** The engine of that database. */
    public Engine engine() {
        return engine;
    }

    /** How the statement runs. */
    public StatementKind kind() {
        return kind;
    }

    /** What the statement does, from its leading keyword; {@link Operation#INSERT} for bulk loads. */
    public Operation operation() {
        Operation o = operation;
        if (o == null) {
            o = kind == StatementKind.BULK_LOAD ? Operation.INSERT
                    : Operation.of(sql, kind == StatementKind.QUERY || kind == StatementKind.STREAM);
            operation = o;
        }
        return o;
    }

    /** The SQL text as sent to the driver, values as {@code ?} placeholders; never contains bound values. */
    public String sql() {
        return sql;
    }

    /**
     * A stable fingerprint of the statement's shape: statements that differ only in their values have the same
     * fingerprint, in every JVM and every run. See {@link #fingerprint(String)}.
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = fingerprint(sql);
            fingerprint = f;
        }
        return f;
    }

    /**
     * The tables the statement reads or writes, as named by the code that built it (covet-sql queries and the
     * ORM through them, bulk loads); empty for hand-written SQL unless the caller named them with
     * {@code SqlStatement.tables(…)}. Unmodifiable.
     */
    public List<String> tables() {
        return tables;
    }

    /**
     * The number of values the statement binds, over every row of a batch; -1 when unknown (a bulk load streams
     * its rows).
     */
    public int parameterCount() {
        if (parameterRows == null) {
            return -1;
        }
        int n = 0;
        for (List<?> row : parameterRows) {
            n += row.size();
        }
        return n;
    }

    /** The rows of a BATCH; 1 for a single statement; -1 when unknown (BULK_LOAD). */
    public int batchSize() {
        return parameterRows == null ? -1 : parameterRows.size();
    }

    /**
     * The bound values, row after row for a batch, each shown as {@code redaction} decides; empty when unknown.
     * Unmodifiable; may contain nulls.
     */
    public List<Object> parameters(Redaction redaction) {
        Objects.requireNonNull(redaction, "redaction");
        if (parameterRows == null) {
            return List.of();
        }
        List<Object> out = new ArrayList<>();
        int i = 0;
        for (List<?> row : parameterRows) {
            for (Object v : row) {
                out.add(redaction.redact(i++, v));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The bound values exactly as bound, row after row for a batch. They may hold secrets and personal data:
     * never log or export them without redacting; prefer {@link #parameters(Redaction)}.
     */
    public List<Object> unsafeParameterValues() {
        return parameters((i, v) -> v);
    }

    /** The transaction block current when the statement started (name, depth, attempt, …), if any. */
    public Optional<Transaction> transaction() {
        return Optional.ofNullable(transaction);
    }

    /**
     * The lazy load the statement belongs to, when an ORM ran it to load one relation of one instance on demand
     * (see {@link LazyLoad}); taken from the calling thread when the context was built.
     */
    public Optional<LazyLoad> lazyLoad() {
        return Optional.ofNullable(lazyLoad);
    }

    /**
     * Whether the statement may be redirected to another data source: only when Covet borrows a connection for
     * this statement alone. Never inside a transaction (the statement must see the transaction's own writes and
     * locks, on its connection), never for RAW statements (the caller holds the connection) or TRANSACTION control.
     */
    public boolean redirectable() {
        return redirectable;
    }

    /**
     * Whether running the statement again is possible: false for a BULK_LOAD, whose rows were consumed by the
     * first attempt. Inside a transaction a repeat is possible but may fail: a failed statement aborts a
     * PostgreSQL transaction, and a deadlock rolls a MariaDB one back; retry whole transactions with
     * {@code TxOptions.retry} instead.
     */
    public boolean repeatable() {
        return kind != StatementKind.BULK_LOAD;
    }

    /**
     * The fingerprint of a statement text: the text normalised, then hashed to 16 hex digits (64-bit FNV-1a over
     * the UTF-16 code units, so the same in every JVM). Normalising removes comments; replaces string literals
     * and numbers by {@code ?} (Covet binds values, so these come from hand-written SQL); collapses runs of white
     * space; collapses placeholder lists ({@code IN (?, ?, ?)} and {@code IN (?)} alike) and repeated row
     * tuples ({@code VALUES (?, ?), (?, ?)}), so a statement and its bound-list variants share one fingerprint;
     * folds unquoted words to lower case. Quoted identifiers are kept as written. Null text has the fingerprint
     * of the empty text.
     */
    public static String fingerprint(String sql) {
        String shape = shape(sql);
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < shape.length(); i++) {
            h ^= shape.charAt(i);
            h *= 0x100000001b3L;
        }
        String hex = Long.toHexString(h);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** The normalised text that {@link #fingerprint(String)} hashes. */
    public static String shape(String sql) {
        if (sql == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == '\'') {
                        if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    if (sql.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    j++;
                }
                sb.append('?');
                i = j + 1;
            } else if (c == '"' || c == '`') {
                int j = sql.indexOf(c, i + 1);
                j = j < 0 ? n - 1 : j;
                sb.append(sql, i, j + 1);
                i = j + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
                space(sb);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space(sb);
            } else if (Character.isWhitespace(c)) {
                space(sb);
                i++;
            } else if (Character.isDigit(c) && !wordBefore(sb)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                sb.append('?');
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$')) {
                    j++;
                }
                for (int k = i; k < j; k++) {
                    sb.append(Character.toLowerCase(sql.charAt(k)));
                }
                i = j;
            } else {
                // Drop a space before punctuation so "( ?" and "(?" are one shape.
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ' && ",()=<>;".indexOf(c) >= 0) {
                    sb.setLength(sb.length() - 1);
                }
                sb.append(c);
                i++;
                if (",(".indexOf(c) >= 0) {
                    while (i < n && Character.isWhitespace(sql.charAt(i))) {
                        i++;
                    }
                }
            }
        }
        String s = sb.toString().strip();
        s = s.replaceAll("\\?(,\\?)+", "?");
        s = s.replaceAll("\\(\\?\\)(,\\(\\?\\))+", "(?)");
        return s;
    }

    private static void space(StringBuilder sb) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ' && ",(".indexOf(sb.charAt(sb.length() - 1)) < 0) {
            sb.append(' ');
        }
    }

    private static boolean wordBefore(StringBuilder sb) {
        if (sb.length() == 0) {
            return false;
        }
        char p = sb.charAt(sb.length() - 1);
        return Character.isLetterOrDigit(p) || p == '_' || p == '$';
    }

    /** The kind, database and SQL text; never the bound values. */
    @Override
    public String toString() {
        return "StatementContext[" + kind + " on " + database + ": " + sql + " ("
                + (parameterRows == null ? "?" : parameterCount()) + " parameter(s))]";
    }
}
