package io.covet.core.pipeline;

/** How a statement is executed, which tells an interceptor what its result and its row count mean. */
public enum StatementKind {
    /** A query whose rows are read into a list ({@code SqlStatement.list}, covet-sql {@code fetch}). */
    QUERY,
    /** One INSERT, UPDATE, DELETE or DDL statement ({@code execute}, {@code executeReturningKeys}). */
    UPDATE,
    /** One statement run once per parameter row as a JDBC batch, all or nothing ({@code Database.batch}). */
    BATCH,
    /**
     * Many rows loaded with the engine's fast path ({@code COPY FROM STDIN}, multi-row INSERTs, a prepared batch).
     * The rows are consumed as they are sent, so the statement cannot be repeated.
     */
    BULK_LOAD,
    /**
     * A query whose rows are streamed through a cursor ({@code SqlStatement.stream}). The chain covers opening the
     * cursor; the rows are read after {@code proceed()} returned, while the caller consumes the stream.
     */
    STREAM,
    /**
     * A statement run by code given a raw connection ({@code Database.withConnection}), e.g. migrations and
     * backups. Covet did not build it, so table names are unknown; it cannot be redirected.
     */
    RAW,
    /** Transaction control sent by Covet itself: begin, commit, rollback, savepoints. */
    TRANSACTION
}
