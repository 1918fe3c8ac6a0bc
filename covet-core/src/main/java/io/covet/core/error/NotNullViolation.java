package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * A NULL was written to a NOT NULL column (PostgreSQL 23502, MariaDB 1048/1364, SQLite SQLITE_CONSTRAINT_NOTNULL).
 */
public final class NotNullViolation extends IntegrityViolation {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     * @param constraint the violated constraint's name, or null when the engine does not say
     */
    public NotNullViolation(String summary, Engine engine, String sql, SQLException cause, String constraint) {
        super(summary, engine, sql, cause, constraint);
    }

}
