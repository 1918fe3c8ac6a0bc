package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A constraint refused the change; the failing statement wrote nothing. Never transient: repeating the same
 * work fails the same way until the data changes.
 */
public abstract class IntegrityViolation extends DataAccessException {
    private final String constraint;

    IntegrityViolation(String summary, Engine engine, String sql, SQLException cause, String constraint) {
        super(summary, engine, sql, cause);
        this.constraint = constraint;
    }

    /** The name of the violated constraint, when the engine reports it (PostgreSQL always does). */
    public Optional<String> constraint() {
        return Optional.ofNullable(constraint);
    }
}
