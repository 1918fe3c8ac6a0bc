package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * The engine could not serialise this transaction with concurrent ones (PostgreSQL 40001, SQLite SQLITE_BUSY_SNAPSHOT when a read transaction's snapshot went stale before it could write). Retry the whole transaction.
 */
public final class SerializationFailure extends DataAccessException {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     */
    public SerializationFailure(String summary, Engine engine, String sql, SQLException cause) {
        super(summary, engine, sql, cause);
    }

    /** Always true: a fresh attempt sees a fresh snapshot. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
