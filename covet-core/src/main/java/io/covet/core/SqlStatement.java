package io.covet.core;

import io.covet.core.internal.ReadScope;
import io.covet.core.internal.StatementExecutor;
import io.covet.core.replica.Consistency;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One SQL statement with its bound parameters, ready to run against a {@link Database}. Immutable: the
 * {@code timeout} and {@code fetchSize} methods return new statements.
 *
 * <p>Parameters are always bound ({@code ?} placeholders), never spliced into the text.
 *
 * <pre>{@code
 * List<Row> rows = db.sql("SELECT id, email FROM users WHERE country = ?", "NO")
 *                    .timeout(Duration.ofSeconds(2))
 *                    .list();
 * }</pre>
 */
public final class SqlStatement {
    private final StatementExecutor executor;
    private final String sql;
    private final List<Object> params;
    private final Duration timeout;
    private final int fetchSize;
    private final int streamFetchSize;
    private final List<String> tables;
    private final boolean idempotent;
    /** Null, {@link #PRIMARY}, or a {@link Consistency}: where this statement's read goes on a database with replicas. */
    private final Object route;
    private static final Object PRIMARY = new Object();

    SqlStatement(StatementExecutor executor, String sql, List<Object> params, Duration timeout, int fetchSize,
                 int streamFetchSize) {
        this(executor, sql, params, timeout, fetchSize, streamFetchSize, List.of(), false, null);
    }

    private SqlStatement(StatementExecutor executor, String sql, List<Object> params, Duration timeout, int fetchSize,
                         int streamFetchSize, List<String> tables, boolean idempotent, Object route) {
        this.executor = executor;
        this.sql = Objects.requireNonNull(sql, "sql");
        this.params = params;
        this.timeout = timeout;
        this.fetchSize = fetchSize;
        this.streamFetchSize = streamFetchSize;
        this.tables = tables;
        this.idempotent = idempotent;
        this.route = route;
    }

    static List<Object> copyParams(Object[] params) {
        return params == null || params.length == 0 ? Collections.emptyList()
                : Collections.unmodifiableList(Arrays.asList(params.clone()));
    }

    /** The SQL text. */
    public String sql() {
        return sql;
    }

    /** The bound parameters, in placeholder order; unmodifiable. */
    public List<Object> params() {
        return params;
    }

    /**
     * This statement with its own timeout, overriding the database default. The engine cancels the statement
     * when it runs longer, and {@link io.covet.core.error.QueryTimeout} is thrown. PostgreSQL and MariaDB count
     * whole seconds (rounded up); SQLite counts milliseconds.
     */
    public SqlStatement timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero (none) or positive, was " + timeout);
        }
        return new SqlStatement(executor, sql, params, timeout, fetchSize, streamFetchSize, tables, idempotent, route);
    }

    /** This statement with a fetch size (rows per round trip) for {@link #list()} and {@link #stream(RowMapper)}. */
    public SqlStatement fetchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("fetch size must be at least 1, was " + rows);
        }
        return new SqlStatement(executor, sql, params, timeout, rows, rows, tables, idempotent, route);
    }

    /**
     * This statement naming the tables it reads or writes, for the database's interceptors
     * ({@link io.covet.core.pipeline.StatementContext#tables()}); covet-sql queries and the ORM name them. Covet
     * does not parse SQL for them, and they change nothing about how the statement runs.
     */
    public SqlStatement tables(List<String> tables) {
        List<String> copy = List.copyOf(tables);
        return new SqlStatement(executor, sql, params, timeout, fetchSize, streamFetchSize, copy, idempotent, route);
    }

    /**
     * This statement with the caller's promise that running it twice has the effect of running it once (an
     * {@code UPDATE … SET x = ?}, a {@code DELETE} by key, an upsert; not an {@code INSERT} of a generated key or an
     * increment). {@link #execute()} of a statement so marked may then be retried after a lost connection, when the
     * database has resilience settings with retries; reads are retried without the mark, other writes never, and
     * nothing is retried inside a transaction.
     */
    public SqlStatement idempotent() {
        return new SqlStatement(executor, sql, params, timeout, fetchSize, streamFetchSize, tables, true, route);
    }

    /**
     * This statement run on the primary even when it is a read the database would send to a replica (see
     * {@code docs/replicas.md}); e.g. a {@code SELECT} of a function that writes, or a read that must see
     * another session's latest commit. No effect on a database without replicas.
     */
    public SqlStatement onPrimary() {
        return new SqlStatement(executor, sql, params, timeout, fetchSize, streamFetchSize, tables, idempotent, PRIMARY);
    }

    /**
     * This read at the given consistency on a database with replicas ({@link Consistency}); no effect on a
     * database without replicas, nor on writes.
     */
    public SqlStatement consistency(Consistency consistency) {
        return new SqlStatement(executor, sql, params, timeout, fetchSize, streamFetchSize, tables, idempotent,
                Objects.requireNonNull(consistency, "consistency"));
    }

    /** The tables named with {@link #tables(List)}; empty unless named. */
    public List<String> tables() {
        return tables;
    }

    /** Runs the query and returns every row. */
    public List<Row> list() {
        return list(Row.mapper());
    }

    /** Runs the query and maps every row. */
    public <T> List<T> list(RowMapper<T> mapper) {
        if (route != null) {
            return routed(() -> executor.query(sql, params, mapper, timeout, fetchSize, tables));
        }
        return executor.query(sql, params, mapper, timeout, fetchSize, tables);
    }

    private <T> T routed(Supplier<T> run) {
        return route == PRIMARY ? ReadScope.call(ReadScope.Pin.PRIMARY, null, null, run)
                : ReadScope.call(null, (Consistency) route, null, run);
    }

    /**
     * Runs the query and returns its only row, or empty when there is none.
     *
     * @throws IllegalStateException when the query returns more than one row
     */
    public <T> Optional<T> optional(RowMapper<T> mapper) {
        List<T> rows = list(mapper);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row but the query returned " + rows.size()
                    + ": " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** Runs the query and returns its only row, or empty. */
    public Optional<Row> optional() {
        return optional(Row.mapper());
    }

    /**
     * Streams the rows without loading them all into memory. The stream holds a connection until closed:
     * use try-with-resources.
     */
    public <T> Stream<T> stream(RowMapper<T> mapper) {
        if (route != null) {
            return routed(() -> executor.stream(sql, params, mapper, timeout, streamFetchSize, tables));
        }
        return executor.stream(sql, params, mapper, timeout, streamFetchSize, tables);
    }

    /** Streams every row to {@code consumer} and closes the stream; returns the row count. */
    public <T> long forEach(RowMapper<T> mapper, Consumer<? super T> consumer) {
        long[] n = {0};
        try (Stream<T> s = stream(mapper)) {
            s.forEach(v -> {
                consumer.accept(v);
                n[0]++;
            });
        }
        return n[0];
    }

    /** Runs an INSERT, UPDATE, DELETE or DDL statement; returns the number of rows changed. */
    public int execute() {
        return executor.update(sql, params, timeout, tables, idempotent);
    }

    /**
     * Runs an INSERT and returns the generated keys, one row per inserted row.
     *
     * @param keyColumns the generated columns to return (PostgreSQL returns exactly these; MariaDB and SQLite
     *                   return the auto-increment key)
     */
    public List<Row> executeReturningKeys(String... keyColumns) {
        if (keyColumns.length == 0) {
            throw new IllegalArgumentException("name the generated key column(s), e.g. executeReturningKeys(\"id\")");
        }
        return executor.updateReturningKeys(sql, params, keyColumns, Row.mapper(), timeout, tables);
    }

    @Override
    public String toString() {
        return sql + " [" + params.size() + " parameter(s)]";
    }
}
