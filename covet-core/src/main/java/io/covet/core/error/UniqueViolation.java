package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * A unique or primary-key constraint refused a duplicate value (PostgreSQL 23505, MariaDB 1062, SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY).
 */
public final class UniqueViolation extends IntegrityViolation {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     * @param constraint the violated constraint's name, or null when the engine does not say
     */
    public UniqueViolation(String summary, Engine engine, String sql, SQLException cause, String constraint) {
        super(summary, engine, sql, cause, constraint);
    }

}
