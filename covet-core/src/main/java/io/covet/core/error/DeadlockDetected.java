package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The engine broke a deadlock by aborting this transaction (PostgreSQL 40P01, MariaDB 1213). The whole transaction was rolled back; retry it from the start. SQLite never deadlocks: it refuses the lock upgrade with {@link SerializationFailure} or {@link LockTimeout} instead.
 *
 * <p>When the deadlock ends a transaction block, the block captures the engine's own account of it
 * ({@link #diagnostics()}): PostgreSQL's {@code pg_locks}/{@code pg_stat_activity} snapshot, MariaDB's latest
 * deadlock section of {@code SHOW ENGINE INNODB STATUS}. It is kept out of the message because it may quote
 * the SQL text of other sessions.
 */
public final class DeadlockDetected extends DataAccessException {
    private final String summary;
    private final String diagnostics;

    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     */
    public DeadlockDetected(String summary, Engine engine, String sql, SQLException cause) {
        this(summary, engine, sql, cause, null);
    }

    private DeadlockDetected(String summary, Engine engine, String sql, SQLException cause, String diagnostics) {
        super(summary, engine, sql, cause);
        this.summary = summary;
        this.diagnostics = diagnostics;
    }

    /**
     * This exception with the engine's deadlock diagnostics attached; same message, cause and stack trace.
     *
     * @param diagnostics the engine's report, as text
     */
    public DeadlockDetected withDiagnostics(String diagnostics) {
        DeadlockDetected copy = new DeadlockDetected(summary, engine(), sql().orElse(null),
                (SQLException) getCause(), diagnostics);
        copy.setStackTrace(getStackTrace());
        for (Throwable s : getSuppressed()) {
            copy.addSuppressed(s);
        }
        return copy;
    }

    /** The engine's account of the deadlock, when it could be captured. May quote other sessions' SQL. */
    public Optional<String> diagnostics() {
        return Optional.ofNullable(diagnostics);
    }

    /** Always true: the transaction was rolled back and may succeed when run again. */
    @Override
    public boolean isTransient() {
        return true;
    }
}
