package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * A CHECK constraint refused a row (PostgreSQL 23514, MariaDB 4025/3819, SQLite SQLITE_CONSTRAINT_CHECK).
 */
public final class CheckViolation extends IntegrityViolation {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     * @param constraint the violated constraint's name, or null when the engine does not say
     */
    public CheckViolation(String summary, Engine engine, String sql, SQLException cause, String constraint) {
        super(summary, engine, sql, cause, constraint);
    }

}
