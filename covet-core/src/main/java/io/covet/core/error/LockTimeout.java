package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * A lock could not be had in time or at once (PostgreSQL 55P03 for lock_timeout and NOWAIT, MariaDB 1205 lock wait timeout and 3572 NOWAIT, SQLite SQLITE_BUSY after busy_timeout). On MariaDB the failed statement alone was rolled back, not the transaction: roll back and retry the whole unit.
 */
public final class LockTimeout extends DataAccessException {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     */
    public LockTimeout(String summary, Engine engine, String sql, SQLException cause) {
        super(summary, engine, sql, cause);
    }

    /** Always true: the lock holder may be gone on a later attempt. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
