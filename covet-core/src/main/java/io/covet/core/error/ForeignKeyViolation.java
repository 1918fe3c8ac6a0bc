package io.covet.core.error;

import io.covet.core.engine.Engine;

import java.sql.SQLException;

/**
 * A foreign key refused a row that points nowhere, or the deletion of a row still referenced (PostgreSQL 23503, MariaDB 1451/1452, SQLite SQLITE_CONSTRAINT_FOREIGNKEY).
 */
public final class ForeignKeyViolation extends IntegrityViolation {
    /**
     * @param summary what went wrong, in words
     * @param engine  the engine that reported it
     * @param sql     the statement text, without bound values
     * @param cause   the driver's exception
     * @param constraint the violated constraint's name, or null when the engine does not say
     */
    public ForeignKeyViolation(String summary, Engine engine, String sql, SQLException cause, String constraint) {
        super(summary, engine, sql, cause, constraint);
    }

}
