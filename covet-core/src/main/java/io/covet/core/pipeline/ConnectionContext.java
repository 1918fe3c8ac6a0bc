package io.covet.core.pipeline;

import io.covet.core.engine.Engine;

/**
 * A connection Covet is about to borrow, or has given back, as interceptors see it.
 *
 * @param database   the database's name
 * @param engine     its engine
 * @param purpose    what the connection is for
 * @param redirected whether it comes from a data source an interceptor chose with
 *                   {@link Interceptor.Chain#proceed(javax.sql.DataSource)} rather than the database's own pool
 */
public record ConnectionContext(String database, Engine engine, Purpose purpose, boolean redirected) {
    /** What a borrowed connection is for. */
    public enum Purpose {
        /** One statement outside a transaction (QUERY, UPDATE, BATCH, BULK_LOAD). */
        STATEMENT,
        /** A streamed query, held until the stream is closed. */
        STREAM,
        /** A transaction, held until it commits or rolls back. */
        TRANSACTION,
        /** A {@code Database.withConnection} callback, held until it returns. */
        RAW,
        /** Covet's own housekeeping, e.g. resolving in-doubt two-phase branches. */
        MAINTENANCE
    }
}
