package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.RowMapper;
import io.covet.core.SqlStatement;
import io.covet.core.dialect.Dialect;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A complete statement: {@link Select}, {@link Insert}, {@link Update} or {@link Delete}. Immutable and
 * thread-safe; build once, render or run many times.
 *
 * <p>Every execution method renders for the database's live dialect and runs through
 * {@link Database#sql(String, List)}, the runtime's single statement path (timeouts, error translation, metrics).
 * Rendering fails with {@link io.covet.core.error.UnsupportedFeature} when the engine lacks a construct, and with
 * {@link io.covet.core.dialect.InvalidIdentifierException} for a name that cannot be quoted safely, in both
 * cases before anything is sent.
 */
public sealed interface Query permits Select, Insert, Update, Delete {

    /**
     * The SQL text and ordered parameters for a dialect. Works offline with {@code Dialect.of(Engine)}. The text of
     * a query shape is cached: rendering the same shape again with other values reuses it.
     */
    RenderedSql render(Dialect dialect);

    /** The rendered statement bound to a database, to set a timeout or fetch size before running it. */
    default SqlStatement statement(Database db) {
        RenderedSql r = render(db.dialect());
        return db.sql(r.sql(), r.params()).tables(r.tables());
    }

    /** Runs the query and returns every row. */
    default List<Row> fetch(Database db) {
        return statement(db).list();
    }

    /** Runs the query and maps every row; read columns by index in the mapper for speed. */
    default <T> List<T> fetch(Database db, RowMapper<T> mapper) {
        return statement(db).list(mapper);
    }

    /**
     * Runs the query and returns its only row, or empty.
     *
     * @throws IllegalStateException when it returns more than one row
     */
    default Optional<Row> fetchOptional(Database db) {
        return statement(db).optional();
    }

    /** Streams the rows; the stream holds a connection until closed, so use try-with-resources. */
    default <T> Stream<T> stream(Database db, RowMapper<T> mapper) {
        return statement(db).stream(mapper);
    }

    /** Runs an INSERT, UPDATE or DELETE without RETURNING; returns the number of rows changed. */
    default int execute(Database db) {
        return statement(db).execute();
    }

    /**
     * The engine's plan for this statement, without running it: {@code EXPLAIN} on PostgreSQL and MariaDB,
     * {@code EXPLAIN QUERY PLAN} on SQLite. The rows are the engine's own format.
     */
    default List<Row> explain(Database db) {
        RenderedSql r = render(db.dialect());
        String prefix = switch (db.dialect().family()) {
            case SQLITE -> "EXPLAIN QUERY PLAN ";
            default -> "EXPLAIN ";
        };
        return db.sql(prefix + r.sql(), r.params()).tables(r.tables()).list();
    }
}
