package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * A write was attempted in a read-only transaction or on a read-only database (PostgreSQL 25006, MariaDB 1792,
 * SQLite SQLITE_READONLY, e.g. under {@code PRAGMA query_only}). Nothing was written; run the write in a
 * read-write transaction.
 */
public final class ReadOnlyViolation extends DataAccessException {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     */
    public ReadOnlyViolation(String summary, Engine engine, String sql, SQLException cause) {
        super(summary, engine, sql, cause);
    }
}
