package io.covet.core.error;

import io.covet.core.dialect.Engine;

import java.sql.SQLException;

/**
 * The engine broke a deadlock by aborting this transaction (PostgreSQL 40P01, MariaDB 1213). The whole transaction was rolled back; retry it from the start. SQLite never deadlocks: it refuses the lock upgrade with {@link SerializationFailure} or {@link LockTimeout} instead.
 */
public final class DeadlockDetected extends DataAccessException {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     */
    public DeadlockDetected(String summary, Engine engine, String sql, SQLException cause) {
        super(summary, engine, sql, cause);
    }

    /** Always true: the transaction was rolled back and may succeed when run again. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
